package dev.cccf.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Secrets;
import java.util.Collections;
import java.util.LinkedHashMap;
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
