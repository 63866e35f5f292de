package dev.cccf.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one front door for reading cccf. JSON or YAML (told apart by the first significant
 * character: {@code {} or {@code [} is JSON), one container or an array of them, UTF-8. Every
 * problem is collected and thrown at once as an {@link InvalidDocumentException}; no Jackson or
 * SnakeYAML exception ever leaves this class. Immutable: {@link #withCheck} returns a new reader.
 */
public final class CccfReader {
    /** Nesting deeper than this is refused; cccf documents need a handful of levels. */
    public static final int MAX_DEPTH = DocumentParser.MAX_DEPTH;

    static final CccfReader DEFAULT = new CccfReader(Map.of());

    private final Map<String, FieldCheck> checks;

    private CccfReader(Map<String, FieldCheck> checks) {
        this.checks = checks;
    }

    /** A reader that also validates extension field {@code field} with {@code check}. */
    public CccfReader withCheck(String field, FieldCheck check) {
        if (Container.CORE_FIELDS.contains(field)) {
            throw new IllegalArgumentException("'" + field + "' is a core field with its own rules");
        }
        Map<String, FieldCheck> more = new LinkedHashMap<>(checks);
        more.put(field, check);
        return new CccfReader(Map.copyOf(more));
    }

    public Document read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        try (InputStream in = new java.io.FileInputStream(file.toFile())) { // pipes too: see Tool.openInput
            return read(in, file.toString());
        }
    }

    /** Reads the whole stream (it is not closed). {@code source} names it in messages. */
    public Document read(InputStream in, String source) throws IOException {
        return (Document) parse(in, source, null);
    }

    /** Reads a document held in a string (sources are named {@code <string>} unless given). */
    public Document read(String text, String source) {
        try {
            return read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /**
     * Reads either a plain document (returned as the one section {@code ""}) or an object whose
     * fields named in {@code sectionNames} are container arrays, such as a diff.
     */
    public Sections readSections(InputStream in, String source, Set<String> sectionNames) throws IOException {
        Object result = parse(in, source, sectionNames);
        if (result instanceof Document d) {
            return new Sections(Map.of("", d), Map.of());
        }
        return (Sections) result;
    }

    private Object parse(InputStream in, String source, Set<String> sectionNames) throws IOException {
        return DocumentParser.parse(in, source, (p, report) -> new Run(report).document(p, sectionNames));
    }

    /** The state of one read. */
    private final class Run {
        final String source;
        final DocumentParser.Report report;

        Run(DocumentParser.Report report) {
            this.source = report.source();
            this.report = report;
        }

        Location at(JsonLocation where) {
            return report.at(where);
        }

        void problem(JsonLocation where, String path, String code, String message) {
            report.problem(where, path, code, message);
        }

        Object document(JsonParser p, Set<String> sectionNames) throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                problem(p.currentLocation(), "$", Rules.EMPTY_DOCUMENT,
                        "the document is empty: give a container object or an array of them");
                return null;
            }
            if (t == JsonToken.START_OBJECT && sectionNames != null) {
                return objectOrSections(p, sectionNames);
            }
            if (t == JsonToken.START_OBJECT) {
                Document.Positions positions = new Document.Positions();
                List<Container> one = new ArrayList<>(1);
                container(p, "$", one, positions, null);
                return new Document(List.of(source), one, true, positions.toArray());
            }
            if (t == JsonToken.START_ARRAY) {
                return array(p, "$");
            }
            problem(p.currentTokenLocation(), "$", Rules.TOP_LEVEL_TYPE,
                    "the document is " + describe(t) + ": give a container object or an array of them");
            p.skipChildren();
            return null;
        }

        Document array(JsonParser p, String path) throws IOException {
            Document.Positions positions = new Document.Positions();
            List<Container> containers = new ArrayList<>();
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                String itemPath = path + "[" + index + "]";
                if (t == JsonToken.START_OBJECT) {
                    container(p, itemPath, containers, positions, null);
                } else {
                    problem(p.currentTokenLocation(), itemPath, Rules.CONTAINER_TYPE,
                            "a container must be an object, not " + describe(t));
                    p.skipChildren();
                }
            }
            if (report.count() > 0) {
                return null;
            }
            Document doc = new Document(List.of(source), containers, false, positions.toArray());
            if (path.equals("$")) {
                IdRules.duplicates(doc).forEach(report::add);
            }
            return doc;
        }

        /** A top-level object: a single container, or (when it has a section key) sections. */
        Object objectOrSections(JsonParser p, Set<String> sectionNames) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            if (t == JsonToken.FIELD_NAME && !sectionNames.contains(p.currentName())) {
                // a container object: read it as one, with the first field already consumed
                Document.Positions positions = new Document.Positions();
                List<Container> one = new ArrayList<>(1);
                container(p, "$", one, positions, start);
                return new Document(List.of(source), one, true, positions.toArray());
            }
            Map<String, Document> sections = new LinkedHashMap<>();
            Map<String, JsonNode> others = new LinkedHashMap<>();
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                String path = "$." + name;
                if (sectionNames.contains(name)) {
                    if (v == JsonToken.START_ARRAY) {
                        Document d = array(p, path);
                        if (d != null) {
                            sections.put(name, d);
                        }
                    } else {
                        problem(p.currentTokenLocation(), path, Rules.LIST_TYPE,
                                name + " must be an array of containers, not " + describe(v));
                        p.skipChildren();
                    }
                } else {
                    others.put(name, tree(p));
                }
            }
            return report.count() == 0 ? new Sections(sections, others) : null;
        }

        /**
         * Reads one container object; the parser is on its START_OBJECT, or (when
         * {@code start} is given) already on its first FIELD_NAME.
         */
        void container(JsonParser p, String path, List<Container> out, Document.Positions positions,
                JsonLocation start) throws IOException {
            JsonLocation begin = start != null ? start : p.currentTokenLocation();
            JsonToken t = start != null ? p.currentToken() : p.nextToken();
            int before = report.count();
            Container.Builder b = Container.builder("", "");
            boolean hasId = false;
            boolean hasImage = false;
            JsonLocation idAt = begin;
            // Paths and locations are built only when there is a problem to report: this loop runs
            // for every field of every container.
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> {
                        hasId = true;
                        idAt = p.currentTokenLocation();
                        String id = string(p, v, path, name, Rules.ID_TYPE);
                        if (id != null) {
                            String bad = Rules.checkId(id);
                            if (bad != null) {
                                problem(idAt, path + ".id", Rules.ID_PATTERN, bad);
                            }
                            b.id(id);
                        }
                    }
                    case "image" -> {
                        hasImage = true;
                        String image = string(p, v, path, name, Rules.IMAGE_TYPE);
                        if (image != null) {
                            if (image.isBlank()) {
                                problem(p.currentTokenLocation(), path + ".image", Rules.IMAGE_EMPTY, "image must not be empty");
                            }
                            b.image(image);
                        }
                    }
                    case "cmd" -> b.cmd(cmd(p, v, path));
                    case "ports" -> b.ports(strings(p, v, path, name, Rules::checkPort));
                    case "env" -> b.env(strings(p, v, path, name, s -> violation(Rules.ENV_FORMAT, Rules.checkEnv(s))));
                    case "volumes" -> b.volumes(strings(p, v, path, name,
                            s -> violation(Rules.VOLUME_FORMAT, Rules.checkVolume(s))));
                    case "expose" -> b.expose(strings(p, v, path, name, Rules::checkExpose));
                    case "links" -> b.links(strings(p, v, path, name, s -> violation(Rules.LINK_FORMAT, Rules.checkLink(s))));
                    case "scale" -> b.scale(scale(p, v, path + ".scale"));
                    case "host" -> {
                        String host = string(p, v, path, name, Rules.HOST_TYPE);
                        if (host != null && host.isBlank()) {
                            problem(p.currentTokenLocation(), path + ".host", Rules.HOST_EMPTY,
                                    "host must not be empty (leave it out to let cccf host place it)");
                        }
                        b.host(host);
                    }
                    default -> {
                        JsonLocation at = p.currentTokenLocation();
                        JsonNode node = tree(p);
                        FieldCheck check = checks.get(name);
                        if (check != null) {
                            String fieldPath = pathOf(path, name);
                            check.check(node, (sub, code, message) -> problem(at, fieldPath + sub, code, message));
                        }
                        b.extension(name, node);
                    }
                }
            }
            if (!hasId) {
                problem(begin, path, Rules.ID_REQUIRED, "the container has no id");
            }
            if (!hasImage) {
                problem(begin, path, Rules.IMAGE_REQUIRED, "the container has no image");
            }
            if (report.count() == before) {
                out.add(b.build());
                positions.add(at(begin).line(), at(begin).column(), at(idAt).line(), at(idAt).column());
            }
        }

        private String pathOf(String path, String name) {
            return path + Rules.pathStep(name);
        }

        private JsonNode tree(JsonParser p) throws IOException {
            return DocumentParser.readTree(p);
        }

        private String string(JsonParser p, JsonToken v, String path, String field, String code) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            problem(p.currentTokenLocation(), path + "." + field, code,
                    field + " must be a string, not " + describe(v) + yamlHint(p, v));
            p.skipChildren();
            return null;
        }

        private static Rules.Violation violation(String code, String message) {
            return message == null ? null : new Rules.Violation(code, message);
        }

        private Cmd cmd(JsonParser p, JsonToken v, String path) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                String line = p.getText();
                String bad = ShellWords.check(line);
                if (bad != null) {
                    problem(p.currentTokenLocation(), path + ".cmd", Rules.CMD_SYNTAX, "cmd " + Rules.quote(line) + ": " + bad);
                }
                return Cmd.line(line);
            }
            if (v == JsonToken.START_ARRAY) {
                List<String> args = strings(p, v, path, "cmd", s -> null);
                return args == null ? null : Cmd.argv(args);
            }
            problem(p.currentTokenLocation(), path + ".cmd", Rules.CMD_TYPE,
                    "cmd must be a string (or an array of strings), not " + describe(v));
            p.skipChildren();
            return null;
        }

        private Integer scale(JsonParser p, JsonToken v, String path) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (v == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.INT) {
                    int n = p.getIntValue();
                    if (n >= 0 && n <= Rules.MAX_SCALE) {
                        return n;
                    }
                }
                problem(at, path, Rules.SCALE_RANGE, "scale " + p.getText() + " is outside 0-" + Rules.MAX_SCALE);
                return null;
            }
            problem(at, path, Rules.SCALE_TYPE, "scale must be a whole number >= 0, not " + describe(v)
                    + (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_FLOAT ? " (" + Rules.quote(p.getText()) + ")" : ""));
            p.skipChildren();
            return null;
        }

        private List<String> strings(JsonParser p, JsonToken v, String path, String field, ItemCheck check)
                throws IOException {
            if (v != JsonToken.START_ARRAY) {
                problem(p.currentTokenLocation(), path + "." + field, Rules.LIST_TYPE,
                        field + " must be an array of strings, not " + describe(v));
                p.skipChildren();
                return null;
            }
            List<String> items = new ArrayList<>();
            int i = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                if (t == JsonToken.VALUE_STRING) {
                    String s = p.getText();
                    Rules.Violation bad = check.check(s);
                    if (bad != null) {
                        problem(p.currentTokenLocation(), path + "." + field + "[" + i + "]", bad.code(), bad.message());
                    }
                    items.add(s);
                } else {
                    problem(p.currentTokenLocation(), path + "." + field + "[" + i + "]", Rules.ITEM_TYPE,
                            field + " items must be strings, not " + describe(t) + yamlHint(p, t));
                    p.skipChildren();
                }
            }
            return items;
        }

        private String yamlHint(JsonParser p, JsonToken t) throws IOException {
            if (DocumentParser.isYaml(p) && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                    || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL)) {
                return " (YAML read " + p.getText() + " as " + describe(t).substring(describe(t).indexOf(' ') + 1)
                        + "; put the value in quotes)";
            }
            return "";
        }
    }

    @FunctionalInterface
    private interface ItemCheck {
        Rules.Violation check(String value);
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the document";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name().toLowerCase() : t.asString();
        };
    }


}
