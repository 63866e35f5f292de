package dev.cccf.diff;

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
}
