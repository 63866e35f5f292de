package dev.cccf.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Secrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container whose id stays but whose config changes: every field that differs, in cccf field
 * order then extension fields by name.
 */
public record Change(String id, Map<String, FieldChange> fields) {
    public Change {
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * This change with the values of secret-looking env keys ({@code DB_PASSWORD=s3cret}) as
     * {@code ***} ({@link Secrets#maskEnv}) in {@code env}'s from, to, added and removed; other
     * fields as they are.
     */
    public Change maskSecrets() {
        FieldChange env = fields.get("env");
        if (env == null) {
            return this;
        }
        Map<String, FieldChange> masked = new LinkedHashMap<>(fields);
        masked.put("env", new FieldChange(maskEnv(env.from()), maskEnv(env.to()),
                env.added().stream().map(Secrets::maskEnv).toList(), env.removed().stream().map(Secrets::maskEnv).toList()));
        return new Change(id, masked);
    }

    /**
     * The change in one line: {@code image: a -> b, env: +A=2 -A=1} (the items added and removed
     * of a set-like field, from and to of the others; {@code (none)} for an absent value).
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        fields.forEach((field, f) -> {
            if (Diff.SET_FIELDS.contains(field)) {
                StringBuilder b = new StringBuilder(field).append(':');
                f.added().forEach(item -> b.append(" +").append(item));
                f.removed().forEach(item -> b.append(" -").append(item));
                parts.add(b.toString());
            } else {
                parts.add(field + ": " + show(f.from()) + " -> " + show(f.to()));
            }
        });
        return String.join(", ", parts);
    }

    private static String show(JsonNode value) {
        if (value.isNull()) {
            return "(none)";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** An env list with the values of secret-looking keys as {@code ***}; anything but an array as it is. */
    public static JsonNode maskEnv(JsonNode env) {
        if (!env.isArray()) {
            return env;
        }
        ArrayNode a = JsonNodeFactory.instance.arrayNode(env.size());
        env.forEach(item -> a.add(item.isTextual() ? TextNode.valueOf(Secrets.maskEnv(item.asText())) : item));
        return a;
    }
}
