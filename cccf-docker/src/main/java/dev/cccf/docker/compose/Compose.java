package dev.cccf.docker.compose;

import dev.cccf.core.Container;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A docker-compose file as cccf: one container per service, in file order. YAML anchors, aliases
 * and merge keys ({@code <<: *defaults}) are resolved (with limits against alias bombs). What a
 * compose file says that cccf cannot carry is a warning with its line and column; what is wrong
 * is an error.
 *
 * <pre>{@code
 * Compose.Result r = Compose.read(Files.readString(path), path.toString());
 * r.warnings().forEach(p -> System.err.println(p.format()));
 * List<Container> containers = r.orThrow();   // InvalidDocumentException when r.errors() is not empty
 * }</pre>
 *
 * <p>The steps, each in a class of this package: {@link ComposeYaml} composes the YAML within its
 * limits, {@link MergeKeys} resolves the merge keys, {@link ServiceMapping} turns each service into
 * a container with the grammars of ports ({@link PortGrammar}), volumes ({@link VolumeGrammar}) and
 * environment entries ({@link EnvGrammar}), reading nodes through {@link NodeReader}; every
 * problem goes to the read's {@link Problems}.
 */
public final class Compose {
    private Compose() {
    }

    /** Aliases to collections allowed in one compose file. */
    public static final int MAX_ALIASES = 100;
    /** Nesting deeper than this is refused. */
    public static final int MAX_DEPTH = 50;

    // rule codes (documented in the README)
    public static final String SERVICES = "compose-services";
    public static final String TYPE = "compose-type";
    public static final String IMAGE = "compose-image";
    public static final String UNSUPPORTED = "compose-unsupported";
    public static final String PARTIAL = "compose-partial";
    public static final String PORT = "compose-port";

    /** The containers of a compose file, what it could not carry (warnings) and what is wrong (errors). */
    public record Result(List<Container> containers, List<Problem> warnings, List<Problem> errors) {
        public Result {
            containers = List.copyOf(containers);
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }

        /** The containers; throws the errors when there are any. */
        public List<Container> orThrow() {
            if (!errors.isEmpty()) {
                throw new InvalidDocumentException(errors);
            }
            return containers;
        }
    }

    /** Reads a compose file held in {@code text}; {@code source} names it in messages. */
    public static Result read(String text, String source) {
        Problems problems = new Problems(source);
        Node root = ComposeYaml.compose(text, problems);
        if (root == null) {
            return problems.result(List.of());
        }
        new MergeKeys(problems).resolve(root, "$");
        return problems.result(new ServiceMapping(problems).file(root));
    }
}
