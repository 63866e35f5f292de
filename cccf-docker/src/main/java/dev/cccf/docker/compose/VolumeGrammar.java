package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import dev.cccf.docker.compose.NodeReader.Item;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A service's {@code volumes}, short ({@code "./data:/data:ro"}) or long ({@code {type, source,
 * target, read_only}}), as cccf {@code volumes}. An anonymous volume ({@code "/data"}, or the
 * long form without a source) is {@code "/data"} in cccf too. A relative bind source
 * ({@code .}, {@code ./data}, {@code ..}) is resolved against the folder of the compose file it
 * comes from and {@code ~} against {@code HOME}, as compose does, when those are known.
 */
final class VolumeGrammar {
    private static final Set<String> LONG_KEYS = Set.of("type", "source", "target", "read_only");

    private final NodeReader nodes;
    private final Problems problems;
    private final Function<Node, Path> folderOf;
    private final String home;
    private final Function<String, String> volumeName;

    /**
     * {@code folderOf}: the folder relative paths at a node are resolved against (null: kept as
     * written); {@code volumeName}: the name a named volume has in cccf (its top-level {@code name}).
     */
    VolumeGrammar(NodeReader nodes, Problems problems, Function<Node, Path> folderOf, String home, Function<String, String> volumeName) {
        this.nodes = nodes;
        this.problems = problems;
        this.folderOf = folderOf;
        this.home = home;
        this.volumeName = volumeName;
    }

    /** A mount's source as cccf names it: a path resolved, a named volume by its name. */
    private String source(String source, Node at) {
        boolean path = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
        return path ? trim(hostPath(source, at)) : volumeName.apply(source);
    }

    /** The container path a volume item mounts at, or null when it has none (for merging by it). */
    static String target(Node n) {
        if (n instanceof ScalarNode s) {
            String[] parts = s.getValue().split(":", -1);
            return parts.length == 1 ? parts[0] : parts[1];
        }
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("target") && t.getValueNode() instanceof ScalarNode v) {
                    return v.getValue();
                }
            }
        }
        return null;
    }

    /** An absolute path without the trailing {@code /} compose drops ({@code /etc/pihole/} is {@code /etc/pihole}). */
    private static String trim(String path) {
        return path.length() > 1 && path.startsWith("/") && path.endsWith("/") ? trim(path.substring(0, path.length() - 1)) : path;
    }

    /** A bind source as compose resolves it: {@code ~} against HOME, {@code .} and {@code ..} against the file's folder. */
    String hostPath(String source, Node at) {
        if (home != null && (source.equals("~") || source.startsWith("~/"))) {
            return home + source.substring(1);
        }
        boolean relative = source.equals(".") || source.equals("..") || source.startsWith("./") || source.startsWith("../");
        Path folder = relative ? folderOf.apply(at) : null;
        if (folder == null) {
            return source;
        }
        return folder.resolve(source).normalize().toString();
    }

    List<String> volumes(Node v, String path) {
        List<String> out = new ArrayList<>();
        for (Item i : nodes.items(v, path)) {
            String volume;
            if (i.node() instanceof MappingNode) {
                volume = longVolume(i);
            } else {
                volume = nodes.scalarText(i.node(), i.path());
                String[] parts = volume == null ? new String[0] : volume.split(":", -1);
                if (parts.length > 1) { // SOURCE:TARGET[:MODE], the paths as compose writes them
                    parts[0] = source(parts[0], i.node());
                    parts[1] = trim(parts[1]);
                    volume = String.join(":", parts);
                }
            }
            if (volume != null) {
                String problem = Rules.checkVolume(volume);
                if (problem != null) {
                    problems.error(i.node(), i.path(), Rules.VOLUME_FORMAT, problem);
                }
                out.add(volume);
            }
        }
        return out;
    }

    private String longVolume(Item i) {
        Map<String, NodeTuple> m = nodes.mapping(i.node(), i.path(), "a volume");
        String type = m.containsKey("type") ? nodes.scalarText(m.get("type").getValueNode(), i.path() + ".type") : "volume";
        String source = m.containsKey("source") ? nodes.scalarText(m.get("source").getValueNode(), i.path() + ".source") : null;
        String target = m.containsKey("target") ? nodes.scalarText(m.get("target").getValueNode(), i.path() + ".target") : null;
        boolean anonymous = "volume".equals(type) && source == null && target != null;
        if (!anonymous && (!"bind".equals(type) && !"volume".equals(type) || source == null || target == null)) {
            problems.warn(i.node(), i.path(), Compose.PARTIAL,
                    "only bind and volume mounts with a target (and a source, but for an anonymous volume) are carried");
            return null;
        }
        boolean readOnly = m.containsKey("read_only")
                && "true".equals(String.valueOf(NodeReader.value(m.get("read_only").getValueNode())));
        for (String key : m.keySet()) {
            if (!LONG_KEYS.contains(key)) {
                problems.warn(m.get(key).getKeyNode(), i.path() + Rules.pathStep(key), Compose.UNSUPPORTED,
                        Rules.quote(key) + " is not carried into cccf");
            }
        }
        if (anonymous) {
            if (readOnly) {
                problems.warn(m.get("read_only").getKeyNode(), i.path() + ".read_only", Compose.PARTIAL,
                        "an anonymous volume is carried read-write (docker run -v /path has no read-only form)");
            }
            return target;
        }
        return ("bind".equals(type) ? trim(hostPath(source, i.node())) : volumeName.apply(source)) + ":" + trim(target) + (readOnly ? ":ro" : "");
    }
}
