package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Rules;

/** Values as messages show them. */
final class Show {
    private Show() {
    }

    /** A string quoted, a container by its kind, a scalar as JSON (cut at 60 characters). */
    static String value(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        if (v.isTextual()) {
            return Rules.quote(v.textValue());
        }
        if (v.isContainerNode()) {
            return v.isArray() ? "an array" : "an object";
        }
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
