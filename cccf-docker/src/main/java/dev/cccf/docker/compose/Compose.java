package dev.cccf.docker.compose;

import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * <p>The steps, each in a class of this package: {@link ProjectLoader} reads the project (the
 * variables of {@link DotEnv} files and the environment; each file through {@link ComposeYaml},
 * which composes the YAML within its limits, {@link MergeKeys}, which resolves the merge keys, and
 * {@link Interpolation}, which substitutes the variables; includes, extends, profiles, env files,
 * the files merged by {@link Overrides}), then {@link ServiceMapping} turns each service into
 * a container with the grammars of ports ({@link PortGrammar}), volumes ({@link VolumeGrammar}) and
 * environment entries ({@link EnvGrammar}), reading nodes through {@link NodeReader}; every
 * problem goes to the read's {@link Problems}.
 */
public final class Compose {
    private Compose() {
    }

    /** Aliases to collections allowed in one compose file (an alias bomb is stopped by the expanded size of a value). */
    public static final int MAX_ALIASES = 10_000;
    /** Nesting deeper than this is refused. */
    public static final int MAX_DEPTH = 50;

    // rule codes (documented in the README)
    public static final String SERVICES = "compose-services";
    public static final String TYPE = "compose-type";
    public static final String IMAGE = "compose-image";
    public static final String UNSUPPORTED = "compose-unsupported";
    public static final String PARTIAL = "compose-partial";
    public static final String PORT = "compose-port";
    public static final String BUILD = "compose-build";
    public static final String UNSET = "compose-unset";
    public static final String REQUIRED = "compose-required";
    public static final String INTERPOLATION = "compose-interpolation";
    public static final String ENV_FILE = "compose-env-file";
    public static final String FILE = "compose-file";
    public static final String EXTENDS = "compose-extends";
    public static final String CONFLICT = "compose-conflict";
    public static final String PROJECT = "compose-project";
    public static final String NAME = "compose-name";
    public static final String NETWORK = "compose-network";

    /** One compose file: its text, its name in messages, and where it is (null for stdin). */
    public record Input(String text, String source, Path path) {
        public Input {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * What a read takes from outside the files, as {@code docker compose} does: the process
     * environment (over the {@code .env} beside the first file, or the {@code envFiles} given),
     * the folder relative paths are resolved against when the first file has none (stdin; null:
     * relative paths are kept and no other file is read), the profiles that are on, and the
     * project name ({@code -p}; null to choose it as compose does).
     */
    public record Options(Map<String, String> environment, Path directory, List<Path> envFiles, List<String> profiles,
            String projectName) {
        public Options {
            environment = Map.copyOf(environment);
            envFiles = List.copyOf(envFiles);
            profiles = List.copyOf(profiles);
        }

        /** No environment, no folder, no profile: a pure read of the text. */
        public static Options none() {
            return new Options(Map.of(), null, List.of(), List.of(), null);
        }
    }

    /**
     * The containers of a compose project, what it could not carry (warnings), what is wrong
     * (errors), and what it declares beside its containers, as a cccf document object does: the
     * project's name, its networks and its named volumes.
     */
    public record Result(List<Container> containers, List<Problem> warnings, List<Problem> errors, Declarations declarations) {
        public Result {
            containers = List.copyOf(containers);
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }

        /** The project's name (it names the images of services that are only built), or null when none could be made. */
        public String project() {
            return declarations.name();
        }

        /** The containers; throws the errors when there are any. */
        public List<Container> orThrow() {
            if (!errors.isEmpty()) {
                throw new InvalidDocumentException(errors);
            }
            return containers;
        }
    }

    /** Reads a compose file held in {@code text}, with no environment and no folder; {@code source} names it in messages. */
    public static Result read(String text, String source) {
        return read(List.of(new Input(text, source, null)), Options.none());
    }

    /**
     * Reads the compose files {@code files} (at least one), merged in order as {@code docker
     * compose -f A -f B} merges them. Reads the files they name ({@code include},
     * {@code extends}, {@code env_file}) and the env files, relative to the file naming them.
     */
    public static Result read(List<Input> files, Options options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no compose file");
        }
        Problems problems = new Problems(files.get(0).source());
        ProjectLoader loader = new ProjectLoader(problems, options);
        String[] project = new String[1];
        Map<String, ProjectLoader.Service> services = loader.load(files, project);
        TopLevel declared = new TopLevel(problems, project[0], loader.networks(), loader.volumes());
        ServiceMapping mapping = new ServiceMapping(problems, new ServiceMapping.Context(project[0], loader.variables(), loader::folderOf,
                declared));
        List<Container> containers = mapping.services(services);
        String name = Rules.checkName(project[0]) == null ? project[0] : null;
        return problems.result(containers, declared.declarations(name, containers));
    }

    /** Why {@code name} is not a project name (compose's rule, and a cccf document's name), or null. */
    public static String projectNameProblem(String name) {
        return Rules.checkName(name) == null ? null : "project " + Rules.checkName(name);
    }
}
