package dev.cccf.docker.compose;

import dev.cccf.core.Declarations;
import dev.cccf.core.Rules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What a compose project declares beside its services, as a cccf document object declares it:
 * the project's name and its named {@code volumes} ({@code driver}, {@code driver_opts} as
 * {@code options}, {@code labels}). An {@code external} volume is not declared (cccf would make
 * it, and remove it with the project's volumes): a warning, and containers mount it as they find
 * it; a volume's own {@code name} and any other key are warnings too.
 */
final class TopLevel {
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Problems problems;
    private final NodeReader nodes;

    TopLevel(Problems problems) {
        this.problems = problems;
        this.nodes = new NodeReader(problems);
    }

    /** The declarations of a project named {@code name} whose files declare {@code volumes} (the later file's over the earlier's). */
    Declarations declarations(String name, Map<String, NodeTuple> volumes) {
        Map<String, Declarations.Volume> out = new LinkedHashMap<>();
        volumes.forEach((key, t) -> {
            Declarations.Volume v = volume(key, t, "$.volumes" + Rules.pathStep(key));
            if (v != null) {
                out.put(key, v);
            }
        });
        return new Declarations(name, Map.of(), out);
    }

    private Declarations.Volume volume(String key, NodeTuple t, String path) {
        if (!VOLUME_NAME.matcher(key).matches()) {
            problems.error(t.getKeyNode(), path, Rules.VOLUME_NAME, "volume name " + Rules.quote(key)
                    + " must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$");
            return null;
        }
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s && (NodeReader.isNull(s) || s.getValue().isEmpty())) {
            return Declarations.Volume.DEFAULT;
        }
        Map<String, NodeTuple> m = nodes.mapping(v, path, "a volume is declared by a mapping (driver, driver_opts, labels)");
        if (m == null) {
            return null;
        }
        String driver = null;
        Map<String, String> options = Map.of();
        Map<String, String> labels = Map.of();
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node value = e.getValue().getValueNode();
            String p = path + Rules.pathStep(e.getKey());
            switch (e.getKey()) {
                case "driver" -> driver = nodes.scalarText(value, p);
                case "driver_opts" -> options = nodes.keyValues(value, p);
                case "labels" -> labels = nodes.keyValues(value, p);
                case "external" -> {
                    if (NodeReader.value(value).asBoolean(false)) {
                        problems.warn(e.getValue().getKeyNode(), p, Compose.PARTIAL, "volume " + Rules.quote(key)
                                + " is external: not declared, so cccf neither makes nor removes it; containers mount it as they find it");
                        return null;
                    }
                }
                case "name" -> problems.warn(e.getValue().getKeyNode(), p, Compose.PARTIAL, "the volume's own name is not carried:"
                        + " cccf names it " + Rules.quote(key));
                default -> problems.warn(e.getValue().getKeyNode(), p, Compose.UNSUPPORTED, "volume " + Rules.quote(e.getKey())
                        + " is not carried into cccf");
            }
        }
        for (String label : labels.keySet()) {
            if (label.startsWith(Rules.RESERVED_LABEL_PREFIX)) {
                problems.error(m.get("labels").getValueNode(), path + ".labels" + Rules.pathStep(label), Rules.RESERVED_LABEL,
                        "labels under " + Rules.quote(Rules.RESERVED_LABEL_PREFIX) + " belong to cccf");
                return null;
            }
        }
        return new Declarations.Volume(driver == null || driver.isBlank() ? null : driver, options, labels);
    }
}
