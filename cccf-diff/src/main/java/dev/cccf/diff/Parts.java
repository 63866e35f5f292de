package dev.cccf.diff;

import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
 * outside the id, scale and host parts have the same config. Not thread-safe; one per reading
 * thread.
 */
final class Parts {
    private byte[] bytes;
    private int offset;
    private int length;
    private int idEnd;
    private int scale;
    private int host;
    private int rest;
    private int nameHash;

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
        s.set(bytes, offset, length, idEnd, scaleStart, host >= 0 ? host : rest, rest, nameHash);
    }

    /** Where the name starts in a container's JSON at {@code offset}: after {"id":" and a leading '/'. */
    static int nameStart(byte[] bytes, int offset) {
        return bytes[offset + 7] == '/' ? 8 : 7;
    }
}
