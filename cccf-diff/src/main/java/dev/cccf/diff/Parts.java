package dev.cccf.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes one container at a time with its compact JSON as {@code cccf} writes it (from
 * {@link dev.cccf.core.CccfReader#eachJson}) and finds where its parts begin:
 *
 * <pre>
 * {"id":"web"   ,"image":...,"links":[...]   ,"scale":3   ,"host":"h1"   ,"x-ext":...}
 *            ^idEnd                    ^scaleStart ^hostStart  ^hostEnd
 * </pre>
 *
 * (each part starts with its comma; an absent part is empty). Two containers whose bytes agree
 * outside the id, scale and host parts have the same config. It also computes the structural
 * hash: a function of the canonical form {@link Diff} compares (without id and host), so two
 * containers with different hashes differ for sure. Not thread-safe; one per reading thread.
 */
final class Parts {
    private final Set<String> ignore;
    private byte[] bytes;
    private int offset;
    private int length;
    private int idEnd;
    private int scale;
    private int host;
    private int rest;
    private long hash;
    private int nameHash;

    Parts(Set<String> ignore) {
        this.ignore = ignore;
    }

    /** Takes {@code c} and its JSON at {@code json[offset, offset + length)} (not copied: valid until the next take). */
    void take(Container c, byte[] json, int offset, int length) {
        this.bytes = json;
        this.offset = offset;
        this.length = length;
        if (length == CccfWriter.plainLength(c)) {
            measure(c); // every string as it is: the parts follow from the lengths
        } else {
            scan();
        }
        hash = hash(c, ignore);
        nameHash = c.name().hashCode();
    }

    /** Where the parts begin in plain JSON (see {@link CccfWriter#plainLength}): from the lengths of the strings. */
    private void measure(Container c) {
        idEnd = 8 + c.id().length(); // {"id":"..."
        int at = length - 1; // before the closing brace; no extension fields in plain JSON
        rest = at;
        if (c.host() != null) {
            at -= 10 + c.host().length(); // ,"host":"..."
            host = at;
        } else {
            host = -1;
        }
        scale = c.scale() == null ? -1 : at - 9 - Integer.toString(c.scale()).length(); // ,"scale":N
    }

    /** Finds the fields at the top level of the object: a comma at depth 1 starts one. */
    private void scan() {
        idEnd = scale = host = rest = -1;
        int depth = 0;
        boolean inString = false;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == ']') {
                depth--;
            } else if (b == '}') {
                if (--depth == 0 && rest < 0) {
                    rest = i - offset;
                }
            } else if (b == ',' && depth == 1) {
                field(i + 2, i - offset);
            }
        }
    }

    /** A top-level field whose name starts at {@code name} and whose part starts at {@code at}. */
    private void field(int name, int at) {
        if (idEnd < 0) {
            idEnd = at; // the second field: image
        } else if (named(name, SCALE)) {
            scale = at;
        } else if (named(name, HOST)) {
            host = at;
        } else if (rest < 0 && !isCore(name)) {
            rest = at;
        }
    }

    private static final byte[] SCALE = ascii("scale");
    private static final byte[] HOST = ascii("host");
    private static final byte[][] OTHER_CORE = {ascii("cmd"), ascii("ports"), ascii("env"), ascii("volumes"),
        ascii("expose"), ascii("links")};

    private static byte[] ascii(String name) {
        return (name + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    private boolean isCore(int name) {
        for (byte[] core : OTHER_CORE) {
            if (named(name, core)) {
                return true;
            }
        }
        return false;
    }

    /** True when the field name at {@code name} is {@code quotedName} (the name and its closing quote). */
    private boolean named(int name, byte[] quotedName) {
        return name + quotedName.length <= offset + length
                && Arrays.equals(bytes, name, name + quotedName.length, quotedName, 0, quotedName.length);
    }

    /** The container taken, as a slice (its bytes not copied). */
    void slice(Slice s) {
        int scaleStart = scale >= 0 ? scale : host >= 0 ? host : rest;
        s.set(bytes, offset, length, idEnd, scaleStart, host >= 0 ? host : rest, rest, hash, nameHash);
    }

    /** Where the name starts in a container's JSON at {@code offset}: after {"id":" and a leading '/'. */
    static int nameStart(byte[] bytes, int offset) {
        return bytes[offset + 7] == '/' ? 8 : 7;
    }

    /**
     * A hash of what {@link Diff#sameConfig} compares, leaving out the id, {@code host} and the
     * ignored fields: equal configs have equal hashes (the set-like lists are hashed as sets,
     * extension values through their canonical JSON).
     */
    static long hash(Container c, Set<String> ignore) {
        long h = 0x243F6A8885A308D3L;
        if (!ignore.contains("image")) {
            h = step(h, c.image().hashCode());
        }
        h = step(h, 1);
        if (!ignore.contains("cmd")) {
            if (c.cmd() instanceof Cmd.Line line) {
                h = step(step(h, 2), line.line().hashCode());
            } else if (c.cmd() instanceof Cmd.Argv argv) {
                h = step(h, 3);
                for (String arg : argv.args()) {
                    h = step(h, arg.hashCode());
                }
                h = step(h, argv.args().size());
            }
        }
        h = set(h, "ports", c.ports(), ignore);
        h = set(h, "env", c.env(), ignore);
        h = set(h, "volumes", c.volumes(), ignore);
        h = set(h, "expose", c.expose(), ignore);
        h = set(h, "links", c.links(), ignore);
        long extensions = 0; // a sum: the order of the fields does not matter
        for (Map.Entry<String, JsonNode> e : c.extensions().entrySet()) {
            if (!ignore.contains(e.getKey())) {
                extensions += mix(e.getKey().hashCode() * 0x9E3779B97F4A7C15L
                        + CccfWriter.canonical(e.getValue()).hashCode());
            }
        }
        return step(h, extensions);
    }

    /** Adds a set-like list: the sum over its distinct items, so order and repeats do not count. */
    private static long set(long h, String field, List<String> items, Set<String> ignore) {
        if (ignore.contains(field)) {
            return step(h, 5);
        }
        long sum = 0;
        if (items.size() > 16) {
            for (String item : new HashSet<>(items)) {
                sum += mix(item.hashCode());
            }
        } else {
            for (int i = 0; i < items.size(); i++) {
                if (!seenBefore(items, i)) {
                    sum += mix(items.get(i).hashCode());
                }
            }
        }
        return step(step(h, 7), sum);
    }

    private static boolean seenBefore(List<String> items, int i) {
        String item = items.get(i);
        for (int j = 0; j < i; j++) {
            if (items.get(j).equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static long step(long h, long value) {
        return mix(h * 31 + value);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
