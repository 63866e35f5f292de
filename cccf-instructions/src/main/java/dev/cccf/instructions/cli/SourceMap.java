package dev.cccf.instructions.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.cccf.core.Location;
import dev.cccf.instructions.internal.Common;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A document read as a plain JSON tree together with where each value stands, keyed by JSON path
 * ({@code $[0].env[1]}, {@code $.add[2].host}). It places the issues found after reading (an
 * unknown host, a cycle, an undefined variable) at the value they are about. cccf-core's reader
 * stays the one that validates: this is only a map.
 */
final class SourceMap {
    // a duplicate key fails here, so that cccf-core's reader reports it on the original text
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String source;
    private byte[] bytes; // until the map is built
    private boolean built;
    private JsonNode tree;
    private Map<String, Location> where;

    private SourceMap(String source, byte[] bytes) {
        this.source = source;
        this.bytes = bytes;
    }

    /** The map of a document, or {@code null} when it does not parse (cccf-core's reader then says why). */
    static SourceMap of(byte[] bytes, String source) {
        SourceMap map = new SourceMap(source, bytes);
        return map.build() ? map : null;
    }

    /**
     * The map of a document, built the first time it is asked (most runs never ask: it places
     * issues found after reading, and there are none); bytes that do not parse place everything
     * at the start of the document.
     */
    static SourceMap lazy(byte[] bytes, String source) {
        return new SourceMap(source, bytes);
    }

    private synchronized boolean build() {
        if (!built) {
            built = true;
            where = new HashMap<>();
            tree = parse(bytes, source, where);
            bytes = null;
        }
        return tree != null;
    }

    private static JsonNode parse(byte[] bytes, String source, Map<String, Location> where) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r'
                || (bytes[i] & 0xff) == 0xEF || (bytes[i] & 0xff) == 0xBB || (bytes[i] & 0xff) == 0xBF)) {
            i++;
        }
        boolean json = i < bytes.length && (bytes[i] == '{' || bytes[i] == '[');
        try (JsonParser p = json ? JSON.createParser(bytes) : YAML.createParser(bytes)) {
            if (p.nextToken() == null) {
                return null;
            }
            return read(p, "$", where, source);
        } catch (IOException | RuntimeException e) {
            where.clear();
            return null;
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Location> where, String source) throws IOException {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new IOException("YAML alias"); // cccf-core refuses aliases; let it say so
        }
        JsonLocation l = p.currentTokenLocation();
        where.put(path, new Location(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr())));
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = F.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                o.set(name, read(p, path + Common.fieldPath(name), where, source));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = F.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(read(p, path + "[" + i++ + "]", where, source));
            }
            return a;
        }
        return valueOf(p);
    }

    private static JsonNode valueOf(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> F.textNode(p.getText());
            case VALUE_NUMBER_INT -> F.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> F.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> F.booleanNode(true);
            case VALUE_FALSE -> F.booleanNode(false);
            default -> F.nullNode();
        };
    }

    /** The document as a plain tree, or {@code null} when it does not parse. */
    JsonNode tree() {
        build();
        return tree;
    }

    String source() {
        return source;
    }

    /** Whether the document has a value at {@code path}. */
    boolean has(String path) {
        build();
        return where.containsKey(path);
    }

    /** Where the value at {@code path} (or the nearest value above it) stands. */
    Location locate(String path) {
        build();
        String p = path;
        while (true) {
            Location l = where.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return where.getOrDefault("$", Location.unknown(source));
            }
            p = p.substring(0, cut);
        }
    }
}
