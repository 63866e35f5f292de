package dev.cccf.instructions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variables in a document ({@code cccf instructions --var KEY=VALUE}): every {@code ${KEY}} in a
 * string value is replaced by VALUE, once (a value is never expanded again). <code>$${</code> stands
 * for a literal <code>${</code>. A {@code ${NAME}} without a value is an error, never an empty string.
 *
 * <pre>{@code
 * Variables.Result r = Variables.substitute(tree, Map.of("TAG", "2.4.1"));
 * r.unresolved().forEach(u -> System.err.println(u.path() + ": [" + u.code() + "] " + u.message()));
 * List<Container> cs = Cccf.parse(r.tree().toString()).containers();   // then read the result as cccf
 * }</pre>
 */
public final class Variables {
    /** A {@code ${NAME}} without a value. */
    public static final String UNDEFINED = "undefined-variable";
    /** A {@code ${...}} that is not {@code ${NAME}}. */
    public static final String SYNTAX = "variable-syntax";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)\\}");

    private Variables() {
    }

    /** A reference that could not be replaced: where (a JSON path such as {@code $[0].env[1]}), its rule code and why. */
    public record Unresolved(String path, String code, String message) {
        public Unresolved {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The tree with its variables replaced (references that could not be are left as written), and those references. */
    public record Result(JsonNode tree, List<Unresolved> unresolved) {
        public Result {
            Objects.requireNonNull(tree, "tree");
            unresolved = List.copyOf(unresolved);
        }
    }

    /** True when {@code name} can be a variable: letters, digits and {@code _}, not starting with a digit. */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * False when no string value of the document can hold <code>${</code>: its bytes have no
     * <code>${</code> and no backslash (an escape such as {@code \u0024} could spell one). Spares
     * building a tree of a large document only to find no variable in it.
     */
    public static boolean mayBePresent(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\\' || (b == '$' && i + 1 < bytes.length && bytes[i + 1] == '{')) {
                return true;
            }
        }
        return false;
    }

    /** True when some string value of the tree holds <code>${</code>. */
    public static boolean present(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains("${");
        }
        for (JsonNode child : node) {
            if (present(child)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code tree} (never changed) with every variable of {@code vars} replaced in its string values. */
    public static Result substitute(JsonNode tree, Map<String, String> vars) {
        List<Unresolved> unresolved = new ArrayList<>();
        JsonNode out = substitute(tree, "$", vars, unresolved);
        return new Result(out, unresolved);
    }

    private static JsonNode substitute(JsonNode node, String path, Map<String, String> vars, List<Unresolved> unresolved) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(substitute(node.textValue(), path, vars, unresolved));
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                a.add(substitute(node.get(i), path + "[" + i + "]", vars, unresolved));
            }
            return a;
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> o.set(e.getKey(),
                    substitute(e.getValue(), path + Rules.pathStep(e.getKey()), vars, unresolved)));
            return o;
        }
        return node;
    }

    private static String substitute(String s, String path, Map<String, String> vars, List<Unresolved> unresolved) {
        Matcher m = REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else if (!isName(m.group(1))) {
                unresolved.add(new Unresolved(path, SYNTAX, Rules.quote(m.group())
                        + " is not a variable reference ${NAME} (write $${ for a literal ${)"));
                replacement = m.group();
            } else if (!vars.containsKey(m.group(1))) {
                unresolved.add(new Unresolved(path, UNDEFINED, "variable " + m.group(1)
                        + " is not defined: give --var " + m.group(1) + "=VALUE (or write $${ for a literal ${)"));
                replacement = m.group();
            } else {
                replacement = vars.get(m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
