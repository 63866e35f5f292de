package dev.cccf.instructions.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Problem;
import dev.cccf.instructions.internal.Common;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --var KEY=VALUE}: every {@code ${KEY}} in a string value is replaced by VALUE, once (a
 * value is never expanded again). {@code $${} stands for a literal {@code ${}. A {@code ${NAME}}
 * with no {@code --var} is an error, never an empty string.
 */
final class Variables {
    static final String UNDEFINED = "undefined-variable";
    static final String SYNTAX = "variable-syntax";
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)\\}");

    private Variables() {
    }

    /**
     * False when no string value of the document can hold {@code ${}: its bytes have no
     * {@code ${} and no backslash (an escape such as {@code \u0024} could spell one). Spares
     * building a tree of a large document only to find no variable in it.
     */
    static boolean mayBePresent(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\\' || (b == '$' && i + 1 < bytes.length && bytes[i + 1] == '{')) {
                return true;
            }
        }
        return false;
    }

    /** True when some string value of the tree holds {@code ${}. */
    static boolean present(JsonNode node) {
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

    /** A copy of the tree with the variables replaced; problems (located through {@code map}) are added to {@code problems}. */
    static JsonNode substitute(JsonNode node, String path, Map<String, String> vars, SourceMap map, List<Problem> problems) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(substitute(node.textValue(), path, vars, map, problems));
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                a.add(substitute(node.get(i), path + "[" + i + "]", vars, map, problems));
            }
            return a;
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(),
                    substitute(e.getValue(), path + Common.fieldPath(e.getKey()), vars, map, problems)));
            return o;
        }
        return node;
    }

    private static String substitute(String s, String path, Map<String, String> vars, SourceMap map, List<Problem> problems) {
        Matcher m = REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else if (!NAME.matcher(m.group(1)).matches()) {
                problems.add(new Problem(map.locate(path), path, SYNTAX, dev.cccf.core.Rules.quote(m.group())
                        + " is not a variable reference ${NAME} (write $${ for a literal ${)"));
                replacement = m.group();
            } else if (!vars.containsKey(m.group(1))) {
                problems.add(new Problem(map.locate(path), path, UNDEFINED, "variable " + m.group(1)
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
