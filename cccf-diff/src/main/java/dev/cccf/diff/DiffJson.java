package dev.cccf.diff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a diff, as {@code cccf diff} writes it and {@code cccf host} and
 * {@code cccf instructions plan} read it:
 * {@code {"add": [...], "remove": [...], "keep": [...], "changed": [{"id", "fields": {NAME: {"from", "to", ["added", "removed"]}}}]}},
 * then what the wanted document declares ({@code name}, {@code networks}, {@code volumes}), so
 * the tools after it in a pipe still have them.
 * With {@code maskSecrets}, the env values of secret-looking keys are {@code ***} in
 * {@code changed} ({@link Change#maskSecrets}), never in add, remove or keep.
 */
public final class DiffJson {
    private static final byte[][] SECTIONS = {
        "{\"add\":[".getBytes(StandardCharsets.UTF_8),
        "],\"remove\":[".getBytes(StandardCharsets.UTF_8),
        "],\"keep\":[".getBytes(StandardCharsets.UTF_8),
        "],\"changed\":".getBytes(StandardCharsets.UTF_8),
    };

    private DiffJson() {
    }

    /** The diff as a JSON tree. */
    public static ObjectNode toTree(DiffResult diff, boolean maskSecrets) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("add", containers(diff.add()));
        o.set("remove", containers(diff.remove()));
        o.set("keep", containers(diff.keep()));
        ArrayNode changed = o.putArray("changed");
        diff.changed().forEach(c -> changed.add(toTree(maskSecrets ? c.maskSecrets() : c)));
        return o;
    }

    /** One change: {@code {"id", "fields": {name: {"from", "to", ["added", "removed"]}}}} (the lists for set-like fields). */
    public static ObjectNode toTree(Change change) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("id", change.id());
        ObjectNode fields = c.putObject("fields");
        change.fields().forEach((name, f) -> {
            ObjectNode field = fields.putObject(name);
            field.set("from", f.from());
            field.set("to", f.to());
            if (Diff.SET_FIELDS.contains(name)) {
                ArrayNode added = field.putArray("added");
                f.added().forEach(added::add);
                ArrayNode removed = field.putArray("removed");
                f.removed().forEach(removed::add);
            }
        });
        return c;
    }

    /**
     * Writes the diff as {@link #toTree} would be written in {@code layout}, without building the
     * tree: compact JSON straight from the bytes the diff keeps, the other layouts container by
     * container; the changes one at a time. The stream is not closed.
     */
    public static void write(CompactDiff diff, boolean maskSecrets, OutputStream out, OutputFormat layout) throws IOException {
        if (layout == OutputFormat.COMPACT) {
            writeCompact(diff, maskSecrets, out);
        } else {
            writeStreamed(diff, maskSecrets, out, layout);
        }
    }

    private static void writeCompact(CompactDiff diff, boolean mask, OutputStream out) throws IOException {
        CompactDiff.Part[] parts = CompactDiff.Part.values();
        for (int i = 0; i < parts.length; i++) {
            out.write(SECTIONS[i]);
            diff.writeCompact(parts[i], out);
        }
        out.write(SECTIONS[3]);
        try (JsonGenerator g = CccfWriter.generator(out, OutputFormat.COMPACT)) {
            writeChanges(diff, mask, g);
        }
        for (Map.Entry<String, JsonNode> e : diff.declarations().toTree().properties()) {
            out.write((",\"" + e.getKey() + "\":").getBytes(StandardCharsets.UTF_8)); // name, networks, volumes: no escapes
            try (JsonGenerator g = CccfWriter.generator(out, OutputFormat.COMPACT)) {
                CccfWriter.writeTree(g, e.getValue());
            }
        }
        out.write('}');
        out.write('\n');
    }

    private static void writeStreamed(CompactDiff diff, boolean mask, OutputStream out, OutputFormat layout)
            throws IOException {
        try (JsonGenerator g = CccfWriter.generator(out, layout)) {
            g.writeStartObject();
            for (CompactDiff.Part part : CompactDiff.Part.values()) {
                g.writeArrayFieldStart(part.name().toLowerCase(Locale.ROOT));
                try {
                    diff.forEach(part, c -> write(g, CccfWriter.toTree(c)));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                g.writeEndArray();
            }
            g.writeFieldName("changed");
            writeChanges(diff, mask, g);
            writeDeclarations(diff.declarations(), g);
            g.writeEndObject();
            if (layout == OutputFormat.PRETTY) {
                g.writeRaw('\n');
            }
        }
    }

    /** The wanted document's name, networks and volumes, after the sections (so a reader still finds a section first). */
    private static void writeDeclarations(Declarations declarations, JsonGenerator g) throws IOException {
        for (Map.Entry<String, JsonNode> e : declarations.toTree().properties()) {
            g.writeFieldName(e.getKey());
            CccfWriter.writeTree(g, e.getValue());
        }
    }

    private static void writeChanges(CompactDiff diff, boolean mask, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (Change c : diff.changed()) {
            CccfWriter.writeTree(g, toTree(mask ? c.maskSecrets() : c));
        }
        g.writeEndArray();
    }

    private static void write(JsonGenerator g, JsonNode tree) {
        try {
            CccfWriter.writeTree(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode containers(List<Container> list) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode(list.size());
        list.forEach(c -> a.add(CccfWriter.toTree(c)));
        return a;
    }
}
