package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Resolves merge keys ({@code <<: *defaults}, {@code <<: [*a, *b]}) in the composed graph:
 * a mapping gets its own entries, then those of each merged mapping whose key it does not
 * have yet, as SnakeYAML's merge would. Each mapping is merged once (aliases share the
 * result) and only string keys are merged: SnakeYAML's own merge flattens again at every
 * alias and copies every non-string key, so a few dozen aliases of aliases took exponential
 * time and memory (the compose fuzz test's third finding).
 */
final class MergeKeys {
    private final Problems problems;
    private final Map<Node, Boolean> merged = new IdentityHashMap<>(); // false while being merged
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    MergeKeys(Problems problems) {
        this.problems = problems;
    }

    void resolve(Node n, String path) {
        resolve(n, path, false);
    }

    /** {@code merging}: {@code n} is (in) the value of a merge key. */
    private void resolve(Node n, String path, boolean merging) {
        if (n instanceof MappingNode m) {
            merge(m, path, merging);
        } else if (n instanceof SequenceNode s && seen.add(s)) {
            for (int i = 0; i < s.getValue().size(); i++) {
                resolve(s.getValue().get(i), path + "[" + i + "]", merging);
            }
        }
    }

    private void merge(MappingNode m, String path, boolean merging) {
        Boolean done = merged.putIfAbsent(m, false);
        if (done != null) {
            if (!done) { // reached again from inside itself
                problems.error(m, path, Compose.TYPE, merging ? "a mapping cannot merge itself (<<)"
                        : "refers to itself: an alias of a list or mapping that contains it");
            }
            return;
        }
        List<NodeTuple> own = new ArrayList<>();
        List<MappingNode> sources = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            String at = path + Rules.pathStep(key);
            resolve(t.getValueNode(), at, t.getKeyNode().getTag().equals(Tag.MERGE));
            if (!t.getKeyNode().getTag().equals(Tag.MERGE)) {
                own.add(t);
            } else if (t.getValueNode() instanceof MappingNode source) {
                sources.add(source);
            } else if (t.getValueNode() instanceof SequenceNode list
                    && list.getValue().stream().allMatch(MappingNode.class::isInstance)) {
                list.getValue().forEach(source -> sources.add((MappingNode) source));
            } else {
                problems.error(t.getValueNode(), at, Compose.TYPE, "a merge key (<<) takes a mapping or a list of mappings, not "
                        + NodeReader.describe(t.getValueNode()));
            }
        }
        if (own.size() < m.getValue().size()) { // it had a merge key
            Set<String> keys = new HashSet<>();
            own.forEach(t -> keys.add(t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null));
            for (MappingNode source : sources) {
                for (NodeTuple t : source.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && keys.add(k.getValue())) {
                        own.add(t);
                    }
                }
            }
            m.setValue(own);
        }
        merged.put(m, true);
    }
}
