package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Compose's variable substitution in one value, as {@code docker compose config} does it:
 * {@code $$} is a {@code $}; {@code $VAR} and {@code ${VAR}} the variable (empty when unset, which
 * is reported); {@code ${VAR:-default}} the default when VAR is unset or empty, {@code ${VAR-default}}
 * when it is unset; {@code ${VAR:?message}} and {@code ${VAR?message}} fail the same way;
 * {@code ${VAR:+other}} and {@code ${VAR+other}} give {@code other} when VAR is set (and not
 * empty). Defaults, messages and alternatives are substituted in turn, so they nest
 * ({@code ${A:-${B:-c}}}); a nested one is looked at only when it is used. A {@code $} followed by
 * anything else is an error, as in compose. Pure: the variables are given.
 */
final class Interpolation {
    private Interpolation() {
    }

    /** A substituted value, the variables it used that were not set, or why it failed. */
    record Outcome(String value, List<String> unset, String error, boolean required) {
        Outcome {
            unset = List.copyOf(unset);
        }

        boolean failed() {
            return error != null;
        }
    }

    /** {@code text} with its variables substituted from {@code variables}. */
    static Outcome substitute(String text, Map<String, String> variables) {
        if (text.indexOf('$') < 0) {
            return new Outcome(text, List.of(), null, false);
        }
        Parser p = new Parser(text, variables);
        try {
            String value = p.word(false, true);
            return new Outcome(value, p.unset, null, false);
        } catch (Failure f) {
            return new Outcome(text, p.unset, f.getMessage(), f.required);
        }
    }

    private static final class Failure extends RuntimeException {
        private final boolean required;

        Failure(String message, boolean required) {
            super(message, null, false, false);
            this.required = required;
        }
    }

    private static final class Parser {
        private final String text;
        private final Map<String, String> variables;
        private final List<String> unset = new ArrayList<>();
        private int at;

        Parser(String text, Map<String, String> variables) {
            this.text = text;
            this.variables = variables;
        }

        /**
         * Text up to the end, or (when {@code braced}) up to the {@code }} that closes the
         * substitution it belongs to; substituted when {@code used}, only skipped otherwise.
         */
        String word(boolean braced, boolean used) {
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (braced && c == '}') {
                    return out.toString();
                }
                if (c != '$') {
                    out.append(c);
                    at++;
                    continue;
                }
                out.append(dollar(used));
            }
            if (braced) {
                throw new Failure("a \"${\" is not closed by \"}\"", false);
            }
            return out.toString();
        }

        /** What the {@code $} at {@code at} stands for. */
        private String dollar(boolean used) {
            int start = at;
            at++;
            if (at < text.length() && text.charAt(at) == '$') {
                at++;
                return "$";
            }
            if (at < text.length() && text.charAt(at) == '{') {
                at++;
                return braced(start, used);
            }
            String name = name();
            if (name.isEmpty()) {
                throw invalid(start);
            }
            return lookup(name, used);
        }

        private String braced(int start, boolean used) {
            String name = name();
            if (name.isEmpty() || at >= text.length()) {
                throw invalid(start);
            }
            char c = text.charAt(at);
            if (c == '}') {
                at++;
                return lookup(name, used);
            }
            boolean colon = c == ':';
            if (colon) {
                at++;
            }
            char op = at < text.length() ? text.charAt(at) : 0;
            if (op != '-' && op != '?' && op != '+') {
                throw invalid(start);
            }
            at++;
            String value = variables.get(name);
            boolean set = value != null && !(colon && value.isEmpty());
            String result;
            switch (op) {
                case '-' -> {
                    String fallback = word(true, used && !set);
                    result = set ? value : fallback;
                }
                case '+' -> {
                    String other = word(true, used && set);
                    result = set ? other : "";
                }
                default -> {
                    String message = word(true, used && !set);
                    if (used && !set) {
                        throw new Failure("required variable " + Rules.quote(name) + (value == null ? " is not set" : " is empty")
                                + (message.isEmpty() ? "" : ": " + ComposeYaml.oneLine(message)), true);
                    }
                    result = value;
                }
            }
            at++; // the closing brace
            return used ? result : "";
        }

        private String lookup(String name, boolean used) {
            String value = variables.get(name);
            if (value == null) {
                if (used && !unset.contains(name)) {
                    unset.add(name);
                }
                return "";
            }
            return value;
        }

        /** A variable name ({@code [A-Za-z_][A-Za-z0-9_]*}) at {@code at}, or "". */
        private String name() {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                boolean letter = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!letter && !(at > start && c >= '0' && c <= '9')) {
                    break;
                }
                at++;
            }
            return text.substring(start, at);
        }

        private Failure invalid(int start) {
            String from = text.substring(start, Math.min(text.length(), start + 20));
            return new Failure("invalid substitution at " + Rules.quote(from + (start + 20 < text.length() ? "..." : ""))
                    + " (write $$ for a literal $)", false);
        }
    }

    /**
     * Substitutes every value (not key) of the graph at {@code root} once, however many aliases
     * share it; a plain scalar whose text changed gets the tag its new text resolves to, so
     * {@code privileged: ${PRIV:-true}} is a boolean, as compose's schema casts it. Unset
     * variables are {@code compose-unset} warnings, failures {@code compose-interpolation} or
     * {@code compose-required} errors, at the value. Returns the root to use (a new node when the
     * root itself is a scalar).
     */
    static Node apply(Node root, Map<String, String> variables, Problems problems) {
        return new Walk(variables, problems).node(root, "$");
    }

    private static final class Walk {
        private final Map<String, String> variables;
        private final Problems problems;
        private final Map<Node, Node> done = new IdentityHashMap<>();
        private final Resolver resolver = new Resolver();

        Walk(Map<String, String> variables, Problems problems) {
            this.variables = variables;
            this.problems = problems;
        }

        Node node(Node n, String path) {
            Node seen = done.get(n);
            if (seen != null) {
                return seen;
            }
            done.put(n, n);
            if (n instanceof MappingNode m) {
                List<NodeTuple> tuples = new ArrayList<>(m.getValue().size());
                for (NodeTuple t : m.getValue()) {
                    String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                    tuples.add(new NodeTuple(t.getKeyNode(), node(t.getValueNode(), path + Rules.pathStep(key))));
                }
                m.setValue(tuples);
            } else if (n instanceof SequenceNode s) {
                List<Node> items = s.getValue();
                for (int i = 0; i < items.size(); i++) {
                    items.set(i, node(items.get(i), path + "[" + i + "]"));
                }
            } else if (n instanceof ScalarNode s && s.getValue().indexOf('$') >= 0) {
                Node out = scalar(s, path);
                done.put(n, out);
                return out;
            }
            return n;
        }

        private Node scalar(ScalarNode s, String path) {
            Outcome o = substitute(s.getValue(), variables);
            for (String name : o.unset()) {
                problems.warn(s, path, Compose.UNSET, "variable " + Rules.quote(name) + " is not set: an empty string is used");
            }
            if (o.failed()) {
                problems.error(s, path, o.required() ? Compose.REQUIRED : Compose.INTERPOLATION, o.error());
                return s;
            }
            if (o.value().equals(s.getValue())) {
                return s;
            }
            // an empty result stays an empty string: compose sets FOO= for "FOO: ${UNSET}", never null
            Tag tag = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && s.getTag().equals(Tag.STR) && !o.value().isEmpty()
                    ? resolver.resolve(NodeId.scalar, o.value(), true) : s.getTag();
            ScalarNode out = new ScalarNode(tag, o.value(), s.getStartMark(), s.getEndMark(), s.getScalarStyle());
            problems.sameSource(out, s);
            return out;
        }
    }
}
