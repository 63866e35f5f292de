package dev.cccf.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Objects;

/**
 * How one field differs: its value in the current container ({@code from}) and in the wanted one
 * ({@code to}), JSON {@code null} where the field is absent. For the set-like lists ({@code env},
 * {@code ports}, {@code volumes}, {@code expose}, {@code links}) also the items only the wanted
 * container has ({@code added}) and those only the current one has ({@code removed}); both are
 * empty for other fields.
 */
public record FieldChange(JsonNode from, JsonNode to, List<String> added, List<String> removed) {
    public FieldChange {
        from = from == null ? NullNode.instance : from.deepCopy();
        to = to == null ? NullNode.instance : to.deepCopy();
        added = List.copyOf(Objects.requireNonNull(added, "added"));
        removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    }

    /** A value change of a field that is not a set. */
    public static FieldChange of(JsonNode from, JsonNode to) {
        return new FieldChange(from, to, List.of(), List.of());
    }

    @Override
    public JsonNode from() {
        return from.deepCopy();
    }

    @Override
    public JsonNode to() {
        return to.deepCopy();
    }
}
