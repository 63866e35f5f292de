package dev.cccf.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes containers as JSON, YAML or canonical JSON. Stateless. */
public final class CccfWriter {
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private CccfWriter() {
    }

    /** Writes {@code containers} as an array, or as one object when {@code single} and there is exactly one. */
    public static void write(List<Container> containers, boolean single, OutputStream out, OutputFormat format)
            throws IOException {
        write(Declarations.NONE, containers, single, out, format);
    }

    /**
     * Writes a document: with declarations, a document object ({@code name}, {@code networks},
     * {@code volumes}, then {@code containers}); without, {@code containers} as an array, or as
     * one object when {@code single} and there is exactly one.
     */
    public static void write(Declarations declarations, List<Container> containers, boolean single, OutputStream out,
            OutputFormat format) throws IOException {
        try (JsonGenerator g = generator(out, format)) {
            if (!declarations.isEmpty()) {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : declarations.toTree().properties()) {
                    g.writeFieldName(e.getKey());
                    Trees.write(g, e.getValue(), format == OutputFormat.CANONICAL);
                }
                g.writeArrayFieldStart("containers");
                for (Container c : containers) {
                    writeContainer(g, c, format);
                }
                g.writeEndArray();
                g.writeEndObject();
            } else if (single && containers.size() == 1) {
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
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        CoreFieldSink tree = new CoreFieldSink() {
            @Override
            public void text(String name, String value) {
                o.put(name, value);
            }

            @Override
            public void strings(String name, List<String> items) {
                items.forEach(o.putArray(name)::add);
            }

            @Override
            public void number(String name, int value) {
                o.put(name, value);
            }
        };
        try {
            coreFields(c, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree is no stream
        }
        c.extensions().forEach((k, v) -> o.set(k, v.deepCopy()));
        return o;
    }

    /** Where {@link #coreFields} puts each field: a tree, or a generator. */
    private interface CoreFieldSink {
        void text(String name, String value) throws IOException;

        void strings(String name, List<String> items) throws IOException;

        void number(String name, int value) throws IOException;
    }

    /** Hands the core fields of {@code c} that cccf writes to {@code sink}, in cccf order, each as its kind is written. */
    private static void coreFields(Container c, CoreFieldSink sink) throws IOException {
        for (CoreField field : CoreField.order()) {
            Object value = field.value(c);
            if (value == null) {
                continue;
            }
            String name = field.jsonName();
            switch (field.kind()) {
                case TEXT -> sink.text(name, (String) value);
                case CMD -> {
                    if (value instanceof Cmd.Line line) {
                        sink.text(name, line.line());
                    } else {
                        sink.strings(name, ((Cmd.Argv) value).args()); // even [], which differs from no cmd
                    }
                }
                case SET -> {
                    List<String> items = field.items(c);
                    if (!items.isEmpty()) {
                        sink.strings(name, items);
                    }
                }
                case COUNT -> sink.number(name, (Integer) value);
            }
        }
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
        coreFields(c, new CoreFieldSink() {
            @Override
            public void text(String name, String value) throws IOException {
                g.writeStringField(name, value);
            }

            @Override
            public void strings(String name, List<String> items) throws IOException {
                g.writeArrayFieldStart(name);
                for (int i = 0, n = items.size(); i < n; i++) {
                    g.writeString(items.get(i));
                }
                g.writeEndArray();
            }

            @Override
            public void number(String name, int value) throws IOException {
                g.writeNumberField(name, value);
            }
        });
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
        int n = 2; // {}
        for (CoreField field : CoreField.order()) {
            n += plainLength(c, field);
        }
        return n - 1; // the first field has no comma before it
    }

    /**
     * The bytes {@code field} takes in the plain compact JSON of {@code c} (see {@link #plainLength(Container)}),
     * with the comma before it: {@code ,"name":value} (for the first field, the id, the opening
     * brace stands where the comma would); 0 when the field is absent.
     */
    public static int plainLength(Container c, CoreField field) {
        Object value = field.value(c);
        if (value == null) {
            return 0;
        }
        int name = field.jsonName().length() + 4; // ,"name":
        return switch (field.kind()) {
            case TEXT -> name + ((String) value).length() + 2;
            case CMD -> name + (value instanceof Cmd.Line line ? line.line().length() + 2 : listLength(((Cmd.Argv) value).args()));
            case SET -> {
                @SuppressWarnings("unchecked")
                List<String> items = (List<String>) value; // no second look-up through items(c): this runs for every field read
                yield items.isEmpty() ? 0 : name + listLength(items);
            }
            case COUNT -> name + Integer.toString((Integer) value).length();
        };
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

    /** Writes to a character stream (used by tests and small outputs). */
    static void write(List<Container> containers, boolean single, Writer out, OutputFormat format) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        write(containers, single, buffer, format);
        out.write(buffer.toString(StandardCharsets.UTF_8));
    }
}
