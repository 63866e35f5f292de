package dev.cccf.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Writes containers as JSON, YAML or canonical JSON. Stateless. */
public final class CccfWriter {
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private CccfWriter() {
    }

    /** Writes {@code containers} as an array, or as one object when {@code single} and there is exactly one. */
    public static void write(List<Container> containers, boolean single, OutputStream out, OutputFormat format)
            throws IOException {
        try (JsonGenerator g = generator(out, format)) {
            if (single && containers.size() == 1) {
                writeContainer(g, containers.get(0), format);
            } else {
                g.writeStartArray();
                for (Container c : containers) {
                    writeContainer(g, c, format);
                }
                g.writeEndArray();
            }
            if (format == OutputFormat.PRETTY || format == OutputFormat.COMPACT) {
                g.writeRaw('\n');
            }
        }
    }

    /** Writes any JSON tree (a diff, a plan ...) in the chosen format, with a final newline for JSON. */
    public static void writeTree(JsonNode tree, OutputStream out, OutputFormat format) throws IOException {
        try (JsonGenerator g = generator(out, format)) {
            Trees.write(g, tree, format == OutputFormat.CANONICAL);
            if (format == OutputFormat.PRETTY || format == OutputFormat.COMPACT) {
                g.writeRaw('\n');
            }
        }
    }

    /** One container as a JSON tree, fields in cccf order then extensions in theirs. */
    public static ObjectNode toTree(Container c) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("id", c.id());
        o.put("image", c.image());
        if (c.cmd() instanceof Cmd.Line line) {
            o.put("cmd", line.line());
        } else if (c.cmd() instanceof Cmd.Argv argv) {
            argv.args().forEach(o.putArray("cmd")::add);
        }
        putList(o, "ports", c.ports());
        putList(o, "env", c.env());
        putList(o, "volumes", c.volumes());
        putList(o, "expose", c.expose());
        putList(o, "links", c.links());
        if (c.scale() != null) {
            o.put("scale", c.scale().intValue());
        }
        if (c.host() != null) {
            o.put("host", c.host());
        }
        c.extensions().forEach((k, v) -> o.set(k, v.deepCopy()));
        return o;
    }

    /** Canonical JSON of one container: sorted keys, no whitespace, normalised numbers. */
    public static String canonical(Container c) {
        return canonical(toTree(c));
    }

    /** Canonical JSON of any tree. */
    public static String canonical(JsonNode node) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = DocumentParser.jsonFactory().createGenerator(w)) {
            Trees.write(g, node, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Compact JSON of one container, in cccf field order. */
    public static String json(Container c) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = DocumentParser.jsonFactory().createGenerator(w)) {
            writeContainer(g, c, OutputFormat.COMPACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void putList(ObjectNode o, String name, List<String> list) {
        if (!list.isEmpty()) {
            list.forEach(o.putArray(name)::add);
        }
    }

    private static JsonFactory factory(OutputFormat format) {
        return format == OutputFormat.YAML ? DocumentParser.yamlFactory() : DocumentParser.jsonFactory();
    }

    /** Writes one container into a generator of your own, in cccf field order, with no tree in between. */
    public static void writeContainer(JsonGenerator g, Container c) throws IOException {
        writeContainer(g, c, OutputFormat.COMPACT);
    }

    /** Writes one tree into a generator of your own (a streamed document of several parts). */
    public static void writeTree(JsonGenerator g, JsonNode tree) throws IOException {
        Trees.write(g, tree, false);
    }

    /**
     * A generator for {@code out} in the given format (the caller closes it; {@code out} stays
     * open): for tools that stream a large document part by part.
     */
    public static JsonGenerator generator(OutputStream out, OutputFormat format) throws IOException {
        JsonGenerator g = factory(format).createGenerator(out);
        if (format == OutputFormat.PRETTY) {
            g.setPrettyPrinter(PRETTY);
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    private static void writeContainer(JsonGenerator g, Container c, OutputFormat format) throws IOException {
        if (format == OutputFormat.CANONICAL) {
            Trees.write(g, toTree(c), true);
            return;
        }
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("image", c.image());
        if (c.cmd() instanceof Cmd.Line line) {
            g.writeStringField("cmd", line.line());
        } else if (c.cmd() instanceof Cmd.Argv argv) {
            writeList(g, "cmd", argv.args(), true);
        }
        writeList(g, "ports", c.ports(), false);
        writeList(g, "env", c.env(), false);
        writeList(g, "volumes", c.volumes(), false);
        writeList(g, "expose", c.expose(), false);
        writeList(g, "links", c.links(), false);
        if (c.scale() != null) {
            g.writeNumberField("scale", c.scale());
        }
        if (c.host() != null) {
            g.writeStringField("host", c.host());
        }
        for (Map.Entry<String, JsonNode> e : c.extensions().entrySet()) {
            g.writeFieldName(e.getKey());
            Trees.write(g, e.getValue(), false);
        }
        g.writeEndObject();
    }

    /**
     * The length in bytes of the compact JSON {@link #writeContainer(JsonGenerator, Container)}
     * writes for {@code c} if every string in it were printable ASCII needing no escape (so
     * written as it is); -1 when {@code c} has extension fields. The real JSON is never shorter,
     * and has this length only when every string is such (a character written as two or more
     * bytes, or escaped, makes it longer): then where each field begins follows from the
     * lengths of the strings alone.
     */
    public static int plainLength(Container c) {
        if (!c.extensions().isEmpty()) {
            return -1;
        }
        int n = 1 + 5 + c.id().length() + 2; // {"id":"..."
        n += 9 + c.image().length() + 2; // ,"image":"..."
        if (c.cmd() instanceof Cmd.Line line) {
            n += 7 + line.line().length() + 2;
        } else if (c.cmd() instanceof Cmd.Argv argv) {
            n += 7 + listLength(argv.args());
        }
        n += fieldLength("ports", c.ports()) + fieldLength("env", c.env()) + fieldLength("volumes", c.volumes())
                + fieldLength("expose", c.expose()) + fieldLength("links", c.links());
        if (c.scale() != null) {
            n += 9 + Integer.toString(c.scale()).length();
        }
        if (c.host() != null) {
            n += 8 + c.host().length() + 2;
        }
        return n + 1; // }
    }

    /** {@code ,"name":[...]}, or nothing for an empty list. */
    private static int fieldLength(String name, List<String> list) {
        return list.isEmpty() ? 0 : name.length() + 4 + listLength(list);
    }

    /** {@code ["a","b"]} */
    private static int listLength(List<String> list) {
        int size = list.size();
        int n = 2 + Math.max(0, size - 1);
        for (int i = 0; i < size; i++) { // no iterator: this runs for every list of every container
            n += list.get(i).length() + 2;
        }
        return n;
    }

    private static void writeList(JsonGenerator g, String name, List<String> list, boolean evenIfEmpty)
            throws IOException {
        if (list.isEmpty() && !evenIfEmpty) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String s : list) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    /** Writes to a character stream (used by tests and small outputs). */
    static void write(List<Container> containers, boolean single, Writer out, OutputFormat format) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        write(containers, single, buffer, format);
        out.write(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
