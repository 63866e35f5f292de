package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Compose's merge of a service over another ({@code -f a.yml -f b.yml}, {@code extends}): mappings
 * merge key by key, a single value of the later one wins; {@code command}, {@code entrypoint},
 * {@code profiles} and a healthcheck's {@code test} are replaced whole; {@code environment},
 * {@code labels}, {@code sysctls} and {@code depends_on} merge as mappings whichever form (list
 * or mapping) each side uses; {@code volumes} merge by their container path (the later one wins);
 * every other list is the earlier one's items then the later one's new items. Nodes are never
 * changed: the merge makes new mappings and lists of the same nodes, so every value keeps its
 * file, line and column.
 */
final class Overrides {
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "profiles", "test");
    private static final Set<String> KEYED = Set.of("environment", "labels", "sysctls", "depends_on", "annotations");

    /** The most merges of values one read may do: aliases could make a merge of two alias bombs endless. */
    static final int MAX_MERGES = 100_000;

    private final Problems problems;
    private int merges;

    Overrides(Problems problems) {
        this.problems = problems;
    }

    /** {@code over} merged over {@code base}; {@code key} is the key both stand under. */
    Node merge(String key, Node base, Node over) {
        if (base == over) {
            return over;
        }
        if (++merges == MAX_MERGES) {
            problems.error(over, "$", Rules.LIMIT, "more than " + MAX_MERGES + " values merged (aliases expanded): the later value is taken");
        }
        if (merges >= MAX_MERGES) {
            return over;
        }
        if (KEYED.contains(key) && isCollection(base) && isCollection(over)) {
            return mappings(asMapping(base, key), asMapping(over, key));
        }
        if (base instanceof MappingNode b && over instanceof MappingNode o) {
            return mappings(b, o);
        }
        if (base instanceof SequenceNode b && over instanceof SequenceNode o && !REPLACED.contains(key)) {
            return key.equals("volumes") ? volumes(b, o) : union(b, o);
        }
        return over;
    }

    private static boolean isCollection(Node n) {
        return n instanceof MappingNode || n instanceof SequenceNode;
    }

    private MappingNode mappings(MappingNode base, MappingNode over) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        List<NodeTuple> others = new ArrayList<>(); // keys that are not text: kept, for the mapping's read to report
        for (MappingNode m : List.of(base, over)) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    others.add(t);
                    continue;
                }
                NodeTuple before = out.get(k.getValue());
                out.put(k.getValue(), before == null || m == base ? t
                        : new NodeTuple(t.getKeyNode(), merge(k.getValue(), before.getValueNode(), t.getValueNode())));
            }
        }
        List<NodeTuple> tuples = new ArrayList<>(out.values());
        tuples.addAll(others);
        MappingNode made = new MappingNode(Tag.MAP, true, tuples, over.getStartMark(), over.getEndMark(), DumperOptions.FlowStyle.BLOCK);
        problems.sameSource(made, over);
        return made;
    }

    /** A list of {@code KEY=VALUE} (or {@code NAME} for depends_on) as the mapping it means; a mapping as it is. */
    private MappingNode asMapping(Node n, String key) {
        if (n instanceof MappingNode m) {
            return m;
        }
        List<NodeTuple> tuples = new ArrayList<>();
        for (Node item : ((SequenceNode) n).getValue()) {
            if (!(item instanceof ScalarNode s)) {
                continue; // not a KEY=VALUE: the mapping's read reports the list item it was
            }
            String text = s.getValue();
            int eq = key.equals("depends_on") ? -1 : text.indexOf('=');
            ScalarNode k = scalar(Tag.STR, eq < 0 ? text : text.substring(0, eq), s);
            ScalarNode v = eq < 0 ? scalar(Tag.NULL, "", s) : scalar(Tag.STR, text.substring(eq + 1), s);
            tuples.add(new NodeTuple(k, v));
        }
        MappingNode made = new MappingNode(Tag.MAP, true, tuples, n.getStartMark(), n.getEndMark(), DumperOptions.FlowStyle.BLOCK);
        problems.sameSource(made, n);
        return made;
    }

    private ScalarNode scalar(Tag tag, String value, ScalarNode at) {
        ScalarNode s = new ScalarNode(tag, value, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
        problems.sameSource(s, at);
        return s;
    }

    /** The base's items, then the override's items whose text the base does not have. */
    private SequenceNode union(SequenceNode base, SequenceNode over) {
        List<Node> items = new ArrayList<>(base.getValue());
        List<String> texts = new ArrayList<>();
        base.getValue().forEach(n -> texts.add(n instanceof ScalarNode s ? s.getValue() : null));
        for (Node n : over.getValue()) {
            if (!(n instanceof ScalarNode s) || !texts.contains(s.getValue())) {
                items.add(n);
            }
        }
        return sequence(items, over);
    }

    /** The volumes of both, one per container path: the override's where both mount there. */
    private SequenceNode volumes(SequenceNode base, SequenceNode over) {
        Map<String, Node> byTarget = new LinkedHashMap<>();
        List<Node> unknown = new ArrayList<>();
        for (SequenceNode list : List.of(base, over)) {
            for (Node n : list.getValue()) {
                String target = VolumeGrammar.target(n);
                if (target == null) {
                    unknown.add(n);
                } else {
                    byTarget.put(target, n);
                }
            }
        }
        List<Node> items = new ArrayList<>(byTarget.values());
        items.addAll(unknown);
        return sequence(items, over);
    }

    private SequenceNode sequence(List<Node> items, SequenceNode like) {
        SequenceNode made = new SequenceNode(Tag.SEQ, true, items, like.getStartMark(), like.getEndMark(), DumperOptions.FlowStyle.BLOCK);
        problems.sameSource(made, like);
        return made;
    }
}
