package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import dev.cccf.docker.compose.NodeReader.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * A service's {@code volumes}, short ({@code "./data:/data:ro"}) or long ({@code {type, source,
 * target, read_only}}), as cccf {@code volumes}. An anonymous volume ({@code "/data"}) is not
 * carried: in cccf that form mounts the host's path.
 */
final class VolumeGrammar {
    private static final Set<String> LONG_KEYS = Set.of("type", "source", "target", "read_only");

    private final NodeReader nodes;
    private final Problems problems;

    VolumeGrammar(NodeReader nodes, Problems problems) {
        this.nodes = nodes;
        this.problems = problems;
    }

    List<String> volumes(Node v, String path) {
        List<String> out = new ArrayList<>();
        for (Item i : nodes.items(v, path)) {
            String volume;
            if (i.node() instanceof MappingNode) {
                volume = longVolume(i);
            } else {
                volume = nodes.scalarText(i.node(), i.path());
                if (volume != null && !volume.contains(":")) {
                    problems.warn(i.node(), i.path(), Compose.PARTIAL, "volume " + Rules.quote(volume)
                            + " is an anonymous volume: not carried (in cccf \"/path\" mounts the host's /path)");
                    volume = null;
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
        if (!"bind".equals(type) && !"volume".equals(type) || source == null || target == null) {
            problems.warn(i.node(), i.path(), Compose.PARTIAL, "only bind and named volume mounts with source and target are carried");
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
        return source + ":" + target + (readOnly ? ":ro" : "");
    }
}
