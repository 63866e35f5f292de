package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document whose top level is an object of named container lists, such as a diff
 * ({@code {"add": [...], "remove": [...], "keep": [...], "changed": [...]}}): each listed section
 * read and validated as cccf, every other top-level field kept as it is. Its {@code name},
 * {@code networks} and {@code volumes}, when it has them (a diff carries the wanted document's),
 * are also checked and read as a document object's {@link Declarations}.
 */
public record Sections(Map<String, Document> sections, Map<String, JsonNode> others, Declarations declarations) {
    public Sections {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    public Sections(Map<String, Document> sections, Map<String, JsonNode> others) {
        this(sections, others, Declarations.NONE);
    }

    /** The section's containers, or an empty document when the section is absent. */
    public Document section(String name) {
        Document d = sections.get(name);
        return d != null ? d : Document.of(List.of());
    }
}
