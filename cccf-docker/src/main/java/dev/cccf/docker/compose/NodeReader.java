package dev.cccf.docker.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.DocumentParser;
import dev.cccf.core.Rules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of composed YAML nodes (a mapping, a list, a single value, a number); a node of
 * another shape is a {@code compose-type} error at the node, and the read gives null or nothing.
 */
final class NodeReader {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A list item and its path. */
    record Item(Node node, String path) {
    }

    private final Problems problems;

    NodeReader(Problems problems) {
        this.problems = problems;
    }

    /** The entries of a mapping by key (keys as text), duplicate keys reported; null when not a mapping. */
    Map<String, NodeTuple> mapping(Node n, String path, String expected) {
        if (!(n instanceof MappingNode m)) {
            problems.error(n, path, Compose.TYPE, expected + ", not " + describe(n));
            return null;
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problems.error(t.getKeyNode(), path, Compose.TYPE, "keys must be plain strings");
                continue;
            }
            if (out.containsKey(key.getValue())) {
                problems.error(key, path + Rules.pathStep(key.getValue()), Rules.DUPLICATE_KEY,
                        "the key " + Rules.quote(key.getValue()) + " appears twice in one mapping");
            }
            out.put(key.getValue(), t);
        }
        return out;
    }

    /** A list's items; a lone scalar counts as a list of one. */
    List<Item> items(Node v, String path) {
        List<Item> out = new ArrayList<>();
        if (v instanceof SequenceNode s) {
            for (int n = 0; n < s.getValue().size(); n++) {
                out.add(new Item(s.getValue().get(n), path + "[" + n + "]"));
            }
        } else if (v instanceof ScalarNode s && !isNull(s)) {
            out.add(new Item(v, path));
        } else if (!(v instanceof ScalarNode)) {
            problems.error(v, path, Compose.TYPE, "expected a list, not " + describe(v));
        }
        return out;
    }

    /** A list of strings; a single value is a list of one when {@code scalarIsList}, an error otherwise. */
    JsonNode stringList(Node v, String path, boolean scalarIsList) {
        if (v instanceof ScalarNode && !scalarIsList) {
            problems.error(v, path, Compose.TYPE, "expected a list, not " + describe(v));
            return null;
        }
        ArrayNode out = F.arrayNode();
        for (Item i : items(v, path)) {
            String text = scalarText(i.node(), i.path());
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /**
     * A mapping of single values ({@code KEY: value}, a null value as "") or a list of
     * {@code KEY=VALUE} (a value may be left out) as text, in order: labels, sysctls, driver options.
     */
    Map<String, String> keyValues(Node v, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof MappingNode) {
            mapping(v, path, "a mapping").forEach((key, t) -> {
                String text = t.getValueNode() instanceof ScalarNode s && isNull(s) ? "" : scalarText(t.getValueNode(), path + Rules.pathStep(key));
                if (text != null) {
                    out.put(key, text);
                }
            });
            return out;
        }
        for (Item i : items(v, path)) {
            String text = scalarText(i.node(), i.path());
            if (text != null) {
                int eq = text.indexOf('=');
                out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        }
        return out;
    }

    JsonNode text(Node v, String path) {
        String t = scalarText(v, path);
        return t == null ? null : TextNode.valueOf(t);
    }

    String scalarText(Node v, String path) {
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.error(v, path, Compose.TYPE, "expected a single value, not " + describe(v));
        return null;
    }

    /**
     * A number, from a YAML number or a numeric string; one the cccf reader would refuse (too
     * long, or a decimal exponent beyond ±1000) is a {@code limit} error, and null.
     */
    JsonNode number(Node v, String path) {
        JsonNode n = value(v);
        if (n.isTextual()) {
            String text = n.textValue().trim();
            try {
                BigDecimal d = new BigDecimal(text);
                if (Rules.isReadableNumber(d)) {
                    return F.numberNode(d);
                }
                String shown = text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
                problems.error(v, path, Rules.LIMIT, "the number " + shown + " is out of range: cccf takes numbers of at most "
                        + DocumentParser.MAX_NUMBER_LENGTH + " characters, with a decimal exponent from -1000 to 1000");
                return null;
            } catch (NumberFormatException e) {
                return n;
            }
        }
        return n;
    }

    /** The most values a {@link #tree} may hold once its aliases are expanded. */
    static final int MAX_TREE_VALUES = 100_000;

    /**
     * A node as JSON: scalars as {@link #value} reads them, lists as arrays, mappings as objects.
     * An alias of a list or mapping that contains it (which would be endless) is a
     * {@code compose-type} error, and a value that grows beyond {@link #MAX_TREE_VALUES} values
     * once its aliases are expanded is a {@code limit} error; either gives null.
     */
    JsonNode tree(Node v, String path) {
        Tree t = new Tree();
        JsonNode out = t.of(v, path);
        return t.failed ? F.nullNode() : out;
    }

    /** One {@link #tree}: the nodes on the way down, and how many values it has made. */
    private final class Tree {
        private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        private int values;
        private boolean failed;

        JsonNode of(Node v, String path) {
            if (failed) {
                return F.nullNode();
            }
            if (++values > MAX_TREE_VALUES) {
                failed = true;
                problems.error(v, path, Rules.LIMIT, "more than " + MAX_TREE_VALUES + " values once its aliases are expanded");
                return F.nullNode();
            }
            if (!(v instanceof SequenceNode) && !(v instanceof MappingNode)) {
                return value(v);
            }
            if (!onPath.add(v)) {
                failed = true;
                problems.error(v, path, Compose.TYPE, "refers to itself: an alias of a list or mapping that contains it");
                return F.nullNode();
            }
            JsonNode out;
            if (v instanceof SequenceNode s) {
                ArrayNode a = F.arrayNode();
                for (int n = 0; n < s.getValue().size(); n++) {
                    a.add(of(s.getValue().get(n), path + "[" + n + "]"));
                }
                out = a;
            } else {
                ObjectNode o = F.objectNode();
                Map<String, NodeTuple> m = mapping(v, path, "a mapping");
                if (m != null) {
                    m.forEach((key, t) -> o.set(key, of(t.getValueNode(), path + Rules.pathStep(key))));
                }
                out = o;
            }
            onPath.remove(v);
            return out;
        }
    }

    /** A scalar as the JSON value its YAML tag says (int, float, bool, null, string); collections as text. */
    static JsonNode value(Node v) {
        if (!(v instanceof ScalarNode s)) {
            return TextNode.valueOf(describe(v));
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        try {
            // a number the cccf reader would refuse (too long, or an exponent beyond ±1000) stays
            // text, for the field's own check to report: compose never writes cccf that does not read
            if (tag.equals(Tag.INT)) {
                String digits = text.replace("_", "");
                BigInteger i = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
                return Rules.isReadableNumber(new BigDecimal(i)) ? F.numberNode(i) : TextNode.valueOf(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                BigDecimal d = new BigDecimal(text.replace("_", ""));
                return Rules.isReadableNumber(d) ? F.numberNode(d) : TextNode.valueOf(text);
            }
        } catch (NumberFormatException e) {
            return TextNode.valueOf(text);
        }
        if (tag.equals(Tag.BOOL)) {
            return F.booleanNode(Set.of("true", "yes", "on", "y").contains(text.toLowerCase(Locale.ROOT)));
        }
        if (isNull(s)) {
            return F.nullNode();
        }
        return TextNode.valueOf(text);
    }

    static boolean isNull(ScalarNode s) {
        return s.getTag().equals(Tag.NULL);
    }

    static List<String> texts(ArrayNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return n instanceof ScalarNode s && isNull(s) ? "null" : "a single value";
    }
}
