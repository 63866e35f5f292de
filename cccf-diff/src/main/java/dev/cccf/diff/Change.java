package dev.cccf.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * This change with secrets masked as {@code ***}: the values of secret-looking env keys
     * ({@code DB_PASSWORD=s3cret}, {@link Secrets#maskEnv}) in {@code env}'s from, to, added and
     * removed; secret-looking words of {@code cmd} ({@code --password=s3cret}, {@link
     * Secrets#maskCommand}); the values of secret-looking {@code labels}. Other fields as they are.
     */
    public Change maskSecrets() {
        Map<String, FieldChange> masked = new LinkedHashMap<>(fields);
        FieldChange env = fields.get("env");
        if (env != null) {
            masked.put("env", new FieldChange(maskEnv(env.from()), maskEnv(env.to()),
                    env.added().stream().map(Secrets::maskEnv).toList(), env.removed().stream().map(Secrets::maskEnv).toList()));
        }
        FieldChange cmd = fields.get("cmd");
        if (cmd != null) {
            masked.put("cmd", FieldChange.of(maskCmd(cmd.from()), maskCmd(cmd.to())));
        }
        FieldChange labels = fields.get("labels");
        if (labels != null) {
            masked.put("labels", FieldChange.of(maskLabels(labels.from()), maskLabels(labels.to())));
        }
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

    /** A cmd (a line or an argv array) with its secret-looking words as {@code ***}; anything else as it is. */
    public static JsonNode maskCmd(JsonNode cmd) {
        if (cmd.isTextual()) {
            return TextNode.valueOf(Secrets.maskCommandLine(cmd.asText()));
        }
        if (!cmd.isArray()) {
            return cmd;
        }
        List<String> words = new ArrayList<>();
        cmd.forEach(w -> words.add(w.isTextual() ? w.asText() : w.toString()));
        ArrayNode a = JsonNodeFactory.instance.arrayNode(cmd.size());
        Secrets.maskCommand(words).forEach(a::add);
        return a;
    }

    /** A labels object with the values of secret-looking keys as {@code ***}; anything else as it is. */
    public static JsonNode maskLabels(JsonNode labels) {
        if (!labels.isObject()) {
            return labels;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        labels.properties().forEach(e -> o.set(e.getKey(), Secrets.isSecretKey(e.getKey()) ? TextNode.valueOf(Secrets.MASK) : e.getValue()));
        return o;
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
