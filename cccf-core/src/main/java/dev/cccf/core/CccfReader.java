package dev.cccf.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one front door for reading cccf. JSON or YAML (told apart by the first significant
 * character: <code>{</code> or <code>[</code> is JSON), one container or an array of them, UTF-8. Every
 * problem is collected and thrown at once as an {@link InvalidDocumentException}; no Jackson or
 * SnakeYAML exception ever leaves this class. Immutable: {@link #withCheck} returns a new reader.
 */
public final class CccfReader {
    /** Nesting deeper than this is refused; cccf documents need a handful of levels. */
    public static final int MAX_DEPTH = DocumentParser.MAX_DEPTH;

    static final CccfReader DEFAULT = new CccfReader(Map.of(), null);

    private final Map<String, FieldCheck> checks;
    private final UnknownField unknown;

    private CccfReader(Map<String, FieldCheck> checks, UnknownField unknown) {
        this.checks = checks;
        this.unknown = unknown;
    }

    /** Told of each extension field that no check of the reader knows, where it stands. */
    @FunctionalInterface
    public interface UnknownField {
        void found(Location location, String path, String name);
    }

    /**
     * A reader that also tells {@code unknown} of every extension field no check of it knows
     * (the field is kept as always): the tools that give extension fields a meaning warn about
     * the others. Called as the document is read, also for a document found invalid later.
     */
    public CccfReader withUnknownFields(UnknownField unknown) {
        return new CccfReader(checks, unknown);
    }

    /** A reader that also validates extension field {@code field} with {@code check}. */
    public CccfReader withCheck(String field, FieldCheck check) {
        if (Container.CORE_FIELDS.contains(field)) {
            throw new IllegalArgumentException("'" + field + "' is a core field with its own rules");
        }
        Map<String, FieldCheck> more = new LinkedHashMap<>(checks);
        more.put(field, check);
        return new CccfReader(Map.copyOf(more), unknown);
    }

    public Document read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (InputStream in = new FileInputStream(file.toFile())) { // pipes too: see Tool.openInput
            return read(in, file.toString());
        }
    }

    /** Reads the whole stream (it is not closed). {@code source} names it in messages. */
    public Document read(InputStream in, String source) throws IOException {
        return (Document) parse(in, source, null, null);
    }

    /**
     * Reads a document one container at a time, for documents too large to hold: each container
     * is validated as {@link #read} validates it (every rule, ids unique across the document) and
     * handed to {@code each} as soon as it is read, in document order. Only the ids are kept
     * while it reads. The stream is read to its end and not closed.
     *
     * <p>A problem found later (a duplicate id, a syntax error near the end) is thrown when the
     * whole document has been read, as {@link #read} throws it; what {@code each} was handed
     * before belongs to an invalid document and must be dropped. Once a problem is found,
     * {@code each} is not called again, but reading goes on to report every problem.
     *
     * @return how many containers were handed over
     * @throws InvalidDocumentException with every problem of the document, located as {@link #read} locates them
     */
    public int each(InputStream in, String source, Consumer<Container> each) throws IOException {
        Objects.requireNonNull(each, "each");
        return (Integer) parse(in, source, null, each);
    }

    /** What {@link #eachJson} hands each container to. */
    @FunctionalInterface
    public interface JsonConsumer {
        /**
         * @param container the container, as {@link #each} hands it over
         * @param json holds, at {@code [offset, offset + length)}, the container's compact JSON
         *     exactly as {@link CccfWriter} writes it to a stream of bytes (UTF-8); the array is
         *     reused once this returns
         */
        void accept(Container container, byte[] json, int offset, int length);
    }

    /**
     * {@link #each}, handing over with each container its compact JSON as cccf writes it: for
     * tools that keep containers as bytes. When the input already holds a container in exactly
     * that form (compact JSON in cccf's field order, as cccf writes it), its bytes are taken as
     * they stand instead of being written again.
     *
     * @return how many containers were handed over
     * @throws InvalidDocumentException as {@link #each} throws it
     */
    public int eachJson(InputStream in, String source, JsonConsumer each) throws IOException {
        return eachJson(in, source, each, d -> { });
    }

    /**
     * {@link #eachJson(InputStream, String, JsonConsumer)}, telling {@code declared} what the
     * document declares ({@link Declarations#NONE} for an array) once it is read without a problem.
     */
    public int eachJson(InputStream in, String source, JsonConsumer each, Consumer<Declarations> declared)
            throws IOException {
        Objects.requireNonNull(each, "each");
        Object[] result = new Object[1];
        int n = (Integer) DocumentParser.parse(in, source, true, (p, report) -> {
            Run run = new Run(report, null, each);
            Object count = run.document(p, null);
            result[0] = run.declared;
            return count;
        });
        declared.accept((Declarations) result[0]);
        return n;
    }

    /** Reads a document held in a string (sources are named {@code <string>} unless given). */
    public Document read(String text, String source) {
        try {
            return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /**
     * Reads either a plain document (returned as the one section {@code ""}) or an object whose
     * fields named in {@code sectionNames} are container arrays, such as a diff.
     */
    public Sections readSections(InputStream in, String source, Set<String> sectionNames) throws IOException {
        Object result = parse(in, source, sectionNames, null);
        if (result instanceof Document d) {
            return new Sections(Map.of("", d), Map.of(), d.declarations());
        }
        return (Sections) result;
    }

    private Object parse(InputStream in, String source, Set<String> sectionNames, Consumer<Container> each)
            throws IOException {
        return DocumentParser.parse(in, source, (p, report) -> new Run(report, each, null).document(p, sectionNames));
    }

    /** The state of one read. */
    private final class Run {
        final String source;
        final DocumentParser.Report report;
        /** Where the containers of a plain document go when they are not kept (see {@link #each}). */
        final Consumer<Container> each;
        /** Or where they go with their JSON (see {@link #eachJson}); null for other reads. */
        final JsonConsumer eachJson;
        /** The input's bytes as read, when containers are handed over with their JSON. */
        final Recorder recorder;
        /** Writes the JSON of containers whose bytes cannot be taken from the input. */
        private JsonBytes written;
        /** The path of the container being read: a prefix and an index (-1: none); see {@link #path()}. */
        private String pathPrefix;
        private int pathIndex;
        private String path;
        /** Reused by every string list of this read. */
        private String[] listBuffer = new String[8];
        /** What a document object declares, once read (its containers' Document carries it). */
        private Declarations declared = Declarations.NONE;

        Run(DocumentParser.Report report, Consumer<Container> each, JsonConsumer eachJson) {
            this.source = report.source();
            this.report = report;
            this.each = each;
            this.eachJson = eachJson;
            this.recorder = report.recorder();
        }

        Location at(JsonLocation where) {
            return report.at(where);
        }

        /** {@code at(where).line()}, without making a Location (this runs for every container). */
        int line(JsonLocation where) {
            return where == null ? 1 : Math.max(1, where.getLineNr());
        }

        int column(JsonLocation where) {
            return where == null ? 1 : Math.max(1, where.getColumnNr());
        }

        void problem(JsonLocation where, String path, String code, String message) {
            report.problem(where, path, code, message);
        }

        /** What a read returns: the document, or (for {@link #each}) the number of containers. */
        Object result(Target target) {
            return each != null || eachJson != null ? (Object) target.count : target.document();
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
                return topObject(p, null);
            }
            if (t == JsonToken.START_ARRAY) {
                Target all = array(p, "$", each != null || eachJson != null);
                return all == null ? null : result(all);
            }
            problem(p.currentTokenLocation(), "$", Rules.TOP_LEVEL_TYPE,
                    "the document is " + describe(t) + ": give a container object or an array of them");
            p.skipChildren();
            return null;
        }

        /**
         * The containers of an array at {@code path} ({@code $}, or a section such as {@code $.add});
         * ids are checked across the array: names must be unique in a document and in each section
         * of a diff (a section's containers run side by side; one container may stand in two sections).
         */
        Target array(JsonParser p, String path, boolean handOver) throws IOException {
            Target target = new Target(handOver, false, path);
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                if (t == JsonToken.START_OBJECT) {
                    container(p, path, index, target, null, List.of(), false);
                } else {
                    problem(p.currentTokenLocation(), path + "[" + index + "]", Rules.CONTAINER_TYPE,
                            "a container must be an object, not " + describe(t));
                    p.skipChildren();
                }
            }
            if (report.count() > 0) {
                return null;
            }
            target.ids.problems().forEach(report::add);
            return target;
        }

        /** A top-level object: a single container, or (when it has a section key) sections. */
        Object objectOrSections(JsonParser p, Set<String> sectionNames) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            JsonToken t = p.nextToken();
            if (t != JsonToken.FIELD_NAME || !sectionNames.contains(p.currentName())) {
                // a container or document object (also {}, as read takes it), with its start already consumed
                return topObject(p, start);
            }
            Map<String, Document> sections = new LinkedHashMap<>();
            Map<String, JsonNode> others = new LinkedHashMap<>();
            Declaring declaring = new Declaring(report::add);
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                String path = "$." + name;
                if (sectionNames.contains(name)) {
                    if (v == JsonToken.START_ARRAY) {
                        Target d = array(p, path, false);
                        if (d != null) {
                            sections.put(name, d.document("$"));
                        }
                    } else {
                        problem(p.currentTokenLocation(), path, Rules.LIST_TYPE,
                                name + " must be an array of containers, not " + describe(v));
                        p.skipChildren();
                    }
                } else {
                    JsonLocation at = p.currentTokenLocation();
                    JsonNode value = tree(p);
                    if (Declaring.KEYS.contains(name)) {
                        declaring.add(name, value, at(at)); // kept among the others as well, as it stands
                    }
                    others.put(name, value);
                }
            }
            return report.count() == 0 ? new Sections(sections, others, declaring.declarations()) : null;
        }

        /** The value of a document object's {@code key} the parser is on: each network and volume located on its own. */
        void declare(Declaring declaring, String key, JsonParser p) throws IOException {
            if (key.equals("name") || p.currentToken() != JsonToken.START_OBJECT) {
                JsonLocation at = p.currentTokenLocation();
                declaring.add(key, tree(p), at(at));
                return;
            }
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String entry = p.currentName();
                p.nextToken();
                Location at = at(p.currentTokenLocation());
                declaring.entry(key, entry, tree(p), at);
            }
        }

        /**
         * A top-level object: a document object ({@code name}, {@code networks}, {@code volumes},
         * {@code containers}) or a single container. The first key that tells them apart decides:
         * {@code containers}, or {@code volumes} holding an object, makes a document object; any
         * other core field of a container (its {@code id}, say) a container. Keys before it are
         * held as trees. An object that ends with only {@code name} and {@code networks} is a
         * document object without containers; any other a container (also {}, as before).
         * The parser is on the object's START_OBJECT, or (when {@code start} is given) already on
         * its first FIELD_NAME or its END_OBJECT.
         */
        Object topObject(JsonParser p, JsonLocation start) throws IOException {
            JsonLocation begin = start != null ? start : p.currentTokenLocation();
            JsonToken t = start != null ? p.currentToken() : p.nextToken();
            boolean handOver = each != null || eachJson != null;
            List<Held> held = new ArrayList<>(2);
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("containers") || name.equals("volumes") && v == JsonToken.START_OBJECT) {
                    return documentObject(p, begin, held, handOver);
                }
                if (CoreField.named(name) != null) {
                    Target one = new Target(handOver, true, null);
                    container(p, "$", -1, one, begin, held, true);
                    return result(one);
                }
                held.add(new Held(name, p.currentTokenLocation(), tree(p)));
            }
            if (!held.isEmpty() && held.stream().allMatch(f -> Declaring.KEYS.contains(f.name()))) {
                Declaring declaring = new Declaring(report::add);
                held.forEach(f -> declaring.add(f.name(), f.value(), at(f.at())));
                problem(begin, "$", Rules.CONTAINERS_REQUIRED,
                        "the document object has no containers: give them as \"containers\": [...]");
                return null;
            }
            Target one = new Target(handOver, true, null);
            container(p, "$", -1, one, begin, held, false);
            return result(one);
        }

        /**
         * The rest of a document object, the parser on the value of the key that told it one;
         * {@code held} are the keys read before it.
         */
        Object documentObject(JsonParser p, JsonLocation begin, List<Held> held, boolean handOver) throws IOException {
            Declaring declaring = new Declaring(report::add);
            for (Held f : held) {
                declaring.add(f.name(), f.value(), at(f.at()));
            }
            Target containers = null;
            boolean hasContainers = false;
            boolean onValue = true;
            for (JsonToken t = p.currentToken(); onValue || t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = onValue ? p.currentToken() : p.nextToken();
                onValue = false;
                JsonLocation at = p.currentTokenLocation();
                if (key.equals("containers")) {
                    hasContainers = true;
                    if (v == JsonToken.START_ARRAY) {
                        containers = array(p, "$.containers", handOver);
                    } else {
                        problem(at, "$.containers", Rules.LIST_TYPE,
                                "containers must be an array of containers, not " + describe(v));
                        p.skipChildren();
                    }
                } else if (Declaring.KEYS.contains(key)) {
                    declare(declaring, key, p);
                } else {
                    problem(at, "$" + Rules.pathStep(key), Rules.DOCUMENT_KEY, "a document object has no "
                            + Rules.quote(key) + "; it takes name, networks, volumes and containers");
                    p.skipChildren();
                }
            }
            if (!hasContainers) {
                problem(begin, "$", Rules.CONTAINERS_REQUIRED,
                        "the document object has no containers: give them as \"containers\": [...]");
            }
            declared = declaring.declarations();
            return containers == null || report.count() > 0 ? null : result(containers);
        }

        /**
         * Where the valid containers of one array (or the single object) go: kept for a
         * {@link Document}, or handed to a consumer. Their ids are indexed for the id rules when
         * they are the containers of a top-level array.
         */
        final class Target implements IdRules.Places {
            final boolean handOver;
            final boolean single;
            final List<Container> kept;
            final Document.Positions positions = new Document.Positions();
            final IdRules.Index ids;
            /** The path of the array ({@code $}, {@code $.add}); null for a single container. */
            final String arrayPath;
            int count;

            /**
             * With {@code handOver}, containers go to the read's consumer; else they are kept for a
             * Document. The containers of an array (at {@code arrayPath}) are indexed for the id rules.
             */
            Target(boolean handOver, boolean single, String arrayPath) {
                this.handOver = handOver;
                this.single = single;
                this.kept = handOver ? null : new ArrayList<>();
                this.arrayPath = arrayPath;
                this.ids = arrayPath != null ? new IdRules.Index(256, this) : null;
            }

            /**
             * A clean container; dropped once the document has a problem (it will not be returned).
             * {@code end} is the input offset after it when its bytes are recorded (else -1), and
             * {@code ordered} tells that its fields came in cccf's order.
             */
            void accept(Container c, JsonLocation begin, JsonLocation idAt, long end, boolean ordered) {
                if (report.count() > 0) {
                    return;
                }
                positions.add(line(begin), column(begin), line(idAt), column(idAt));
                if (ids != null) {
                    ids.add(c.id(), c.scale());
                }
                count++;
                if (!handOver) {
                    kept.add(c);
                } else if (eachJson != null) {
                    handOverWithJson(c, begin, end, ordered);
                } else {
                    each.accept(c);
                }
            }

            /**
             * The input's bytes when they are the container's JSON: its fields in cccf's order and
             * its length what the JSON would have if every string were written as it is. Any other
             * form (white space, an escape, a non-ASCII character, an empty list) is longer, so
             * equal lengths mean equal bytes; otherwise the JSON is written.
             */
            private void handOverWithJson(Container c, JsonLocation begin, long end, boolean ordered) {
                if (ordered && end >= 0) {
                    int from = recorder.index(begin.getByteOffset());
                    int to = recorder.index(end);
                    if (from >= 0 && to >= 0 && to - from == CccfWriter.plainLength(c)) {
                        eachJson.accept(c, recorder.array(), from, to - from);
                        return;
                    }
                }
                if (written == null) {
                    written = new JsonBytes();
                }
                written.write(c);
                eachJson.accept(c, written.bytes(), 0, written.length());
            }

            Document document() {
                return document(arrayPath);
            }

            /** The document of these containers, their paths {@code path[i]} (a section's: {@code $[i]}, as before). */
            Document document(String path) {
                return new Document(source, kept, single ? null : path, positions.toArray(), declared);
            }

            @Override
            public Location idLocation(int index) {
                return positions.idLocation(source, index);
            }

            @Override
            public String path(int index) {
                return single ? "$" : arrayPath + "[" + index + "]";
            }
        }

        /**
         * Reads one container object; the parser is on its START_OBJECT, or (when
         * {@code start} is given) already on its first FIELD_NAME, or on the value of its first
         * field ({@code onValue}), or on its END_OBJECT. {@code held} are fields read before, as
         * trees: extension fields.
         */
        void container(JsonParser p, String prefix, int index, Target out, JsonLocation start, List<Held> held,
                boolean onValue) throws IOException {
            pathPrefix = prefix;
            pathIndex = index;
            path = null;
            JsonLocation begin = start != null ? start : p.currentTokenLocation();
            if (recorder != null) {
                recorder.keepFrom(begin.getByteOffset());
            }
            int lastRank = -1;
            boolean ordered = recorder != null && held.isEmpty();
            JsonToken t = start != null ? p.currentToken() : p.nextToken();
            int before = report.count();
            Container.Builder b = Container.builder("", "");
            for (Held f : held) {
                extension(b, f.name(), f.value(), f.at());
            }
            boolean hasId = false;
            boolean hasImage = false;
            JsonLocation idAt = begin;
            // Paths and locations are built only when there is a problem to report: this loop runs
            // for every field of every container.
            for (; onValue || t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                CoreField field = CoreField.named(name);
                if (ordered) {
                    int rank = field == null ? -1 : field.ordinal();
                    ordered = rank > lastRank;
                    lastRank = rank;
                }
                JsonToken v = onValue ? p.currentToken() : p.nextToken();
                onValue = false;
                if (field == null) {
                    JsonLocation at = p.currentTokenLocation();
                    extension(b, name, tree(p), at);
                    continue;
                }
                switch (field) {
                    case ID -> {
                        hasId = true;
                        idAt = p.currentTokenLocation();
                        String id = string(p, v, name, Rules.ID_TYPE);
                        if (id != null) {
                            String bad = Rules.checkId(id);
                            if (bad != null) {
                                problem(idAt, path() + ".id", Rules.ID_PATTERN, bad);
                            }
                            b.id(id);
                        }
                    }
                    case IMAGE -> {
                        hasImage = true;
                        String image = string(p, v, name, Rules.IMAGE_TYPE);
                        if (image != null) {
                            if (image.isBlank()) {
                                problem(p.currentTokenLocation(), path() + ".image", Rules.IMAGE_EMPTY, "image must not be empty");
                            }
                            b.image(image);
                        }
                    }
                    case CMD -> b.cmd(cmd(p, v));
                    case PORTS -> b.ports(strings(p, v, name, Rules::checkPort));
                    case ENV -> b.env(strings(p, v, name, s -> violation(Rules.ENV_FORMAT, Rules.checkEnv(s))));
                    case VOLUMES -> b.volumes(strings(p, v, name,
                            s -> violation(Rules.VOLUME_FORMAT, Rules.checkVolume(s))));
                    case EXPOSE -> b.expose(strings(p, v, name, Rules::checkExpose));
                    case LINKS -> b.links(strings(p, v, name, s -> violation(Rules.LINK_FORMAT, Rules.checkLink(s))));
                    case SCALE -> b.scale(scale(p, v));
                    case HOST -> {
                        String host = string(p, v, name, Rules.HOST_TYPE);
                        if (host != null && host.isBlank()) {
                            problem(p.currentTokenLocation(), path() + ".host", Rules.HOST_EMPTY,
                                    "host must not be empty (leave it out to let cccf host place it)");
                        }
                        b.host(host);
                    }
                }
            }
            if (!hasId) {
                problem(begin, path(), Rules.ID_REQUIRED, "the container has no id");
            }
            if (!hasImage) {
                problem(begin, path(), Rules.IMAGE_REQUIRED, "the container has no image");
            }
            if (report.count() == before) {
                out.accept(b.build(), begin, idAt, ordered ? p.currentLocation().getByteOffset() : -1, ordered);
            }
        }

        /** An extension field of the container being read: checked when a check knows it, and kept. */
        private void extension(Container.Builder b, String name, JsonNode node, JsonLocation at) {
            FieldCheck check = checks.get(name);
            if (check != null) {
                String fieldPath = pathOf(name);
                check.check(node, (sub, code, message) -> problem(at, fieldPath + sub, code, message));
            } else if (unknown != null) {
                unknown.found(at(at), pathOf(name), name);
            }
            b.extension(name, node);
        }

        /** The path of the container being read, built only when a problem needs it. */
        private String path() {
            if (path == null) {
                path = pathIndex < 0 ? pathPrefix : pathPrefix + "[" + pathIndex + "]";
            }
            return path;
        }

        private String pathOf(String name) {
            return path() + Rules.pathStep(name);
        }

        private JsonNode tree(JsonParser p) throws IOException {
            return DocumentParser.readTree(p);
        }

        private String string(JsonParser p, JsonToken v, String field, String code) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            problem(p.currentTokenLocation(), path() + "." + field, code,
                    field + " must be a string, not " + describe(v) + yamlHint(p, v));
            p.skipChildren();
            return null;
        }

        private static Problem violation(String code, String message) {
            return message == null ? null : Problem.error("", code, message);
        }

        private Cmd cmd(JsonParser p, JsonToken v) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                String line = p.getText();
                String bad = ShellWords.check(line);
                if (bad != null) {
                    problem(p.currentTokenLocation(), path() + ".cmd", Rules.CMD_SYNTAX, "cmd " + Rules.quote(line) + ": " + bad);
                }
                return Cmd.line(line);
            }
            if (v == JsonToken.START_ARRAY) {
                List<String> args = strings(p, v, "cmd", s -> null);
                return args == null ? null : Cmd.argv(args);
            }
            problem(p.currentTokenLocation(), path() + ".cmd", Rules.CMD_TYPE,
                    "cmd must be a string (or an array of strings), not " + describe(v));
            p.skipChildren();
            return null;
        }

        private Integer scale(JsonParser p, JsonToken v) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (v == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.INT) {
                    int n = p.getIntValue();
                    if (n >= 0 && n <= Rules.MAX_SCALE) {
                        return n;
                    }
                }
                problem(at, path() + ".scale", Rules.SCALE_RANGE, "scale " + p.getText() + " is outside 0-" + Rules.MAX_SCALE);
                return null;
            }
            problem(at, path() + ".scale", Rules.SCALE_TYPE, "scale must be a whole number >= 0, not " + describe(v)
                    + (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_FLOAT ? " (" + Rules.quote(p.getText()) + ")" : ""));
            p.skipChildren();
            return null;
        }

        private List<String> strings(JsonParser p, JsonToken v, String field, ItemCheck check)
                throws IOException {
            if (v != JsonToken.START_ARRAY) {
                problem(p.currentTokenLocation(), path() + "." + field, Rules.LIST_TYPE,
                        field + " must be an array of strings, not " + describe(v));
                p.skipChildren();
                return null;
            }
            String[] items = listBuffer;
            int n = 0;
            int i = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                if (t == JsonToken.VALUE_STRING) {
                    String s = p.getText();
                    Problem bad = check.check(s);
                    if (bad != null) {
                        problem(p.currentTokenLocation(), path() + "." + field + "[" + i + "]", bad.code(), bad.message());
                    }
                    if (n == items.length) {
                        items = listBuffer = Arrays.copyOf(items, n * 2);
                    }
                    items[n++] = s;
                } else {
                    problem(p.currentTokenLocation(), path() + "." + field + "[" + i + "]", Rules.ITEM_TYPE,
                            field + " items must be strings, not " + describe(t) + yamlHint(p, t));
                    p.skipChildren();
                }
            }
            // immutable from the start, so the container does not copy it again
            return switch (n) {
                case 0 -> List.of();
                case 1 -> List.of(items[0]);
                case 2 -> List.of(items[0], items[1]);
                default -> List.of(Arrays.copyOf(items, n));
            };
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

    /** A top-level field read before the reader knew what the object is. */
    private record Held(String name, JsonLocation at, JsonNode value) {
    }

    /** The declarations of a document object, as its keys are read. */
    private static final class Declaring {
        static final Set<String> KEYS = Set.of("name", "networks", "volumes");

        private final Consumer<Problem> problems;
        private String name;
        private final Map<String, Declarations.Network> networks = new LinkedHashMap<>();
        private final Map<String, Declarations.Volume> volumes = new LinkedHashMap<>();

        Declaring(Consumer<Problem> problems) {
            this.problems = problems;
        }

        /** A whole top-level value: its problems stand where it starts. */
        void add(String key, JsonNode value, Location at) {
            if (key.equals("name")) {
                name = DeclarationRules.name(value, at, problems);
            } else {
                DeclarationRules.entries(value, at, key, problems, (entry, v) -> entry(key, entry, v, at));
            }
        }

        /** One network or volume, its problems standing where its value starts. */
        void entry(String key, String entry, JsonNode value, Location at) {
            if (key.equals("networks")) {
                Declarations.Network n = DeclarationRules.network(entry, value, at, problems);
                if (n != null) {
                    networks.put(entry, n);
                }
            } else {
                Declarations.Volume v = DeclarationRules.volume(entry, value, at, problems);
                if (v != null) {
                    volumes.put(entry, v);
                }
            }
        }

        Declarations declarations() {
            return new Declarations(name, networks, volumes);
        }
    }

    @FunctionalInterface
    private interface ItemCheck {
        Problem check(String value);
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
