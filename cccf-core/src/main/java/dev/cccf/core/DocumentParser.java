package dev.cccf.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The safe way into any JSON or YAML document of the suite (cccf documents, hosts files, diffs):
 * JSON or YAML told apart by the first significant character (<code>{</code> or <code>[</code> is JSON),
 * strict UTF-8, limits on nesting and number length, YAML aliases refused (Jackson would read
 * {@code *x} as the string {@code "x"}), one document only; every failure becomes a located
 * {@link Problem}, and no Jackson or SnakeYAML exception ever leaves it.
 *
 * <pre>{@code
 * List<Host> hosts = DocumentParser.parse(in, "hosts.json", (p, report) -> {
 *     JsonToken t = p.nextToken();   // the body reads the tokens it wants
 *     ...report.problem(p.currentTokenLocation(), "$[0].id", "host-id-required", "...");
 * });                                 // throws InvalidDocumentException with every problem
 * }</pre>
 */
public final class DocumentParser {
    /** Nesting deeper than this is refused; cccf documents need a handful of levels. */
    public static final int MAX_DEPTH = 100;
    /** YAML aliases to collections allowed by the YAML reader (aliases are refused anyway). */
    public static final int MAX_YAML_ALIASES = 50;
    /** Numbers of more characters than this are refused (a {@code limit} problem). */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(64 * 1024 * 1024)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** YAML support is set up on first use only: most runs read and write JSON. */
    private static final class Yaml {
        static final LoaderOptions LOADER = new LoaderOptions();
        static final YAMLFactory FACTORY;

        static {
            LOADER.setMaxAliasesForCollections(MAX_YAML_ALIASES);
            LOADER.setNestingDepthLimit(MAX_DEPTH);
            LOADER.setCodePointLimit(Integer.MAX_VALUE);
            FACTORY = YAMLFactory.builder()
                    .loaderOptions(LOADER)
                    .streamReadConstraints(LIMITS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build();
        }
    }

    private DocumentParser() {
    }

    /** What reads the document: it is handed the parser before the first token. */
    @FunctionalInterface
    public interface Body<T> {
        T read(JsonParser parser, Report report) throws IOException;
    }

    /** Where a body reports problems; they are thrown together when the body returns. */
    public static final class Report {
        private final String source;
        private final List<Problem> problems = new ArrayList<>();
        private String yamlText;
        private Recorder recorder;

        Report(String source) {
            this.source = source;
        }

        public String source() {
            return source;
        }

        /** The bytes of a JSON document as they are read, when the parse was asked to record them; else null. */
        Recorder recorder() {
            return recorder;
        }

        /** The location of a parser position in this document. */
        public Location at(JsonLocation where) {
            return where == null ? new Location(source, 1, 1)
                    : new Location(source, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
        }

        public void problem(JsonLocation where, String path, String code, String message) {
            problems.add(new Problem(at(where), path, code, message));
        }

        public void add(Problem problem) {
            problems.add(problem);
        }

        /** How many problems so far (a body compares counts to know whether a part was clean). */
        public int count() {
            return problems.size();
        }

        List<Problem> problems() {
            return problems;
        }

        InvalidDocumentException invalid() {
            return new InvalidDocumentException(problems);
        }

        void fromParser(JsonProcessingException e, JsonLocation fallback) {
            String message = e.getOriginalMessage();
            String code = Rules.SYNTAX;
            if (e instanceof StreamConstraintsException) {
                code = message != null && message.contains("nesting depth") ? Rules.NESTING_DEPTH : Rules.LIMIT;
                message = code.equals(Rules.NESTING_DEPTH)
                        ? "nested deeper than " + MAX_DEPTH + " levels"
                        : message.replaceAll(", from `[^`]*`\\)", ")").trim();
            } else if (message != null && message.startsWith("Duplicate field")) {
                code = Rules.DUPLICATE_KEY;
                message = message.replace("Duplicate field", "the field") + " appears twice in one object";
            } else if (message != null && message.startsWith(NoAliases.MESSAGE)) {
                code = Rules.YAML_ALIASES;
            } else if (message != null && (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-32"))) {
                code = Rules.ENCODING;
            } else if (e.getCause() instanceof YAMLException y) {
                fromYaml(y);
                return;
            }
            JsonLocation where = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : fallback;
            problems.add(new Problem(at(where), "$", code, clean(message)));
        }

        void fromYaml(YAMLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            String code = Rules.SYNTAX;
            if (message.contains("aliases")) {
                code = Rules.YAML_ALIASES;
                message = "more than " + MAX_YAML_ALIASES + " YAML aliases to collections (an alias bomb?)";
            } else if (message.contains("Nesting Depth")) {
                code = Rules.NESTING_DEPTH;
                message = "nested deeper than " + MAX_DEPTH + " levels";
            }
            Location where = new Location(source, 1, 1);
            if (e instanceof ReaderException r && yamlText != null) {
                where = offsetLocation(yamlText, r.getPosition());
                message = String.format("character U+%04X is not allowed in YAML", r.getCodePoint());
            } else if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                where = new Location(source, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
                message = m.getProblem() != null ? m.getProblem() : message;
            }
            problems.add(new Problem(where, "$", code, clean(message)));
        }

        private Location offsetLocation(String text, int offset) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(offset, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new Location(source, line, column);
        }

        private static String clean(String message) {
            if (message == null || message.isBlank()) {
                return "not valid JSON or YAML";
            }
            String oneLine = message.replaceAll("\\s*\\n\\s*", " ")
                    .replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                    .trim();
            oneLine = oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
            // a parser may quote the offending input: no character a terminal acts on gets through
            StringBuilder out = new StringBuilder(oneLine.length());
            for (int i = 0; i < oneLine.length(); i++) {
                char c = oneLine.charAt(i);
                if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                    out.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    /**
     * Parses one JSON or YAML document from {@code raw} (read to its end, not closed) with
     * {@code body}, and returns what the body returns.
     *
     * @throws InvalidDocumentException with every problem the parser and the body found
     * @throws IOException when reading the stream fails
     */
    public static <T> T parse(InputStream raw, String source, Body<T> body) throws IOException {
        return parse(raw, source, false, body);
    }

    /**
     * {@link #parse(InputStream, String, Body)}; with {@code record}, a JSON document's bytes are
     * also kept as they are read ({@link Report#recorder}), for a body that copies values as they
     * stand in the input.
     */
    static <T> T parse(InputStream raw, String source, boolean record, Body<T> body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        Report report = new Report(source);
        int first = sniff(in);
        JsonParser p;
        try {
            if (first == '{' || first == '[') {
                if (!looksLikeUtf8(in)) {
                    report.add(new Problem(new Location(source, 1, 1), "$", Rules.ENCODING,
                            "not UTF-8 (UTF-16 or UTF-32?); cccf documents are UTF-8"));
                    throw report.invalid();
                }
                if (record) {
                    report.recorder = new Recorder(in);
                    p = JSON.createParser(report.recorder);
                } else {
                    p = JSON.createParser(in);
                }
            } else {
                String text = decodeYaml(in.readAllBytes(), report);
                if (text == null) {
                    throw report.invalid();
                }
                report.yamlText = text;
                p = new NoAliases(Yaml.FACTORY.createParser(text), text);
            }
        } catch (JsonProcessingException e) {
            report.fromParser(e, null);
            throw report.invalid();
        }
        JsonLocation stoppedAt = null;
        try (p) {
            try {
                T result = body.read(p, report);
                if (p.nextToken() != null) {
                    report.problem(p.currentTokenLocation(), "$", Rules.TRAILING_CONTENT,
                            "more content after the document: give one document (an object or an array)");
                }
                if (report.count() > 0) {
                    throw report.invalid();
                }
                return result;
            } catch (JsonProcessingException e) {
                stoppedAt = p.currentLocation(); // while the parser is still open
                throw e;
            }
        } catch (JsonProcessingException e) {
            report.fromParser(e, stoppedAt);
            throw report.invalid();
        } catch (YAMLException e) {
            report.fromYaml(e);
            throw report.invalid();
        } catch (CharConversionException e) {
            report.add(new Problem(new Location(source, 1, 1), "$", Rules.ENCODING, "not UTF-8: " + e.getMessage()));
            throw report.invalid();
        }
    }

    /** {@link #parse(InputStream, String, Body)} of a string. */
    public static <T> T parse(String text, String source, Body<T> body) {
        try {
            return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /** The value the parser stands on, as a tree (no ObjectMapper involved); ends on its last token. */
    public static JsonNode readTree(JsonParser p) throws IOException {
        return Trees.read(p);
    }

    /** True when the parser reads YAML (for hints such as "put the value in quotes"). */
    public static boolean isYaml(JsonParser p) {
        return p instanceof NoAliases;
    }

    static JsonFactory jsonFactory() {
        return JSON;
    }

    static JsonFactory yamlFactory() {
        return Yaml.FACTORY;
    }

    /** The first byte that is not a BOM or white space, without consuming anything; -1 at the end. */
    private static int sniff(BufferedInputStream in) throws IOException {
        int limit = 1 << 20;
        in.mark(limit);
        try {
            for (int i = 0; i < limit; i++) {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0xEF || b == 0xBB || b == 0xBF) {
                    continue;
                }
                return b;
            }
            return 0;
        } finally {
            in.reset();
        }
    }

    /**
     * Jackson guesses UTF-16 and UTF-32 from NUL bytes among the first four; cccf is UTF-8, and
     * a NUL there is never valid UTF-8 JSON.
     */
    private static boolean looksLikeUtf8(BufferedInputStream in) throws IOException {
        in.mark(8);
        try {
            for (byte b : in.readNBytes(4)) {
                if (b == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    /** Strict UTF-8; a bad byte is a located problem, not a replacement character. */
    private static String decodeYaml(byte[] bytes, Report report) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(input, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = input.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            report.add(new Problem(new Location(report.source(), line, column), "$", Rules.ENCODING,
                    String.format("invalid UTF-8: byte 0x%02x; cccf documents are UTF-8", bytes[bad] & 0xff)));
            return null;
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Jackson's YAML parser hands an alias ({@code *name}) back as the string {@code "name"}, which
     * would silently change a document's meaning. Documents here refuse aliases instead (which
     * also makes "billion laughs" alias bombs harmless).
     *
     * <p>It also keeps SnakeYAML's failures inside the parse: Jackson passes on SnakeYAML's
     * {@link YAMLException}s (located by the parse) but not its other exceptions, and wraps a
     * {@link NumberFormatException} of SnakeYAML's scanner (a {@code \UXXXXXXXX} escape beyond
     * {@code 7FFFFFFF}) as a "Malformed Number token" at the document's start. Any of them becomes
     * a {@code syntax} problem where SnakeYAML's reader stood when it failed (found by parsing the
     * text again, events only: Jackson's own position is that of the last event, which can be
     * the start of a flow collection far before the failure).
     */
    private static final class NoAliases extends JsonParserDelegate {
        static final String MESSAGE = "YAML aliases are not supported";

        private final String text;

        NoAliases(YAMLParser p, String text) {
            super(p);
            this.text = text;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = yaml(delegate::nextToken);
            if (((YAMLParser) delegate).isCurrentAlias()) {
                throw new JsonParseException(this, MESSAGE + " (*" + delegate.getText() + "): write the value out in full");
            }
            return t;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            yaml(delegate::skipChildren);
            return this;
        }

        /** A step of the YAML parser, with SnakeYAML's exceptions other than YAMLException located. */
        private <T> T yaml(YamlStep<T> step) throws IOException {
            try {
                return step.run();
            } catch (YAMLException e) {
                throw e;
            } catch (JsonParseException e) {
                if (e.getCause() instanceof RuntimeException cause && !(cause instanceof YAMLException)) {
                    throw failure(cause);
                }
                throw e;
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }

        private JsonParseException failure(RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new JsonParseException(this, "not valid YAML: " + why, failedAt(), e);
        }

        /** Where SnakeYAML's reader stands when its parser fails on the text; the parser's position if it does not. */
        private JsonLocation failedAt() {
            StreamReader reader = new StreamReader(text);
            Parser events = new ParserImpl(reader, Yaml.LOADER);
            try {
                while (!events.checkEvent(Event.ID.StreamEnd)) {
                    events.getEvent();
                }
            } catch (RuntimeException e) {
                Mark at = reader.getMark();
                return new JsonLocation(ContentReference.unknown(), -1, at.getLine() + 1, at.getColumn() + 1);
            }
            return delegate.currentLocation();
        }
    }

    @FunctionalInterface
    private interface YamlStep<T> {
        T run() throws IOException;
    }
}
