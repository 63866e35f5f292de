package dev.cccf.diff;

import dev.cccf.core.CccfWriter;
import dev.cccf.core.CccfReader;
import dev.cccf.core.Container;
import dev.cccf.core.CoreField;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Takes one container at a time with its compact JSON as {@code cccf} writes it (from
 * {@link CccfReader#eachJson}) and finds where the parts the diff does not compare byte for
 * byte begin and end:
 *
 * <pre>
 * {"id":"web"   ,"image":...,"links":[...]   ,"scale":3   ,"host":"h1"   ,"x-ext":...}
 *            ^idEnd                    ^scaleStart ^scaleEnd   ^hostEnd
 *                                                  =hostStart
 * </pre>
 *
 * (each part starts with its comma; an absent part is empty, where it would be written). Two
 * containers whose bytes agree outside the id, scale and host parts have the same config. The
 * fields are those of {@link CoreField}, in its order, which puts the id first and scale before
 * host; any field between or after them is compared. Not thread-safe; one per reading thread.
 */
final class Parts {
    private static final CoreField[] FIELDS = CoreField.all().toArray(new CoreField[0]);
    /** Each core field's name and closing quote, as it stands in JSON, in {@link #FIELDS} order. */
    private static final byte[][] QUOTED_NAMES = new byte[FIELDS.length][];
    /** The rank of an extension field: after every core field. */
    private static final int EXTENSION = FIELDS.length;
    private static final int SCALE = CoreField.SCALE.ordinal();
    private static final int HOST = CoreField.HOST.ordinal();

    static {
        for (CoreField f : FIELDS) {
            QUOTED_NAMES[f.ordinal()] = (f.jsonName() + "\"").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[] bytes;
    private int offset;
    private int length;
    private int idEnd;
    private int scaleStart;
    private int scaleEnd;
    private int hostStart;
    private int hostEnd;
    private int nameHash;
    /** While scanning: the rank of the last field found, and the part that field opened (SCALE, HOST or -1). */
    private int lastRank;
    private int open;

    /** Takes {@code c} and its JSON at {@code json[offset, offset + length)} (not copied: valid until the next take). */
    void take(Container c, byte[] json, int offset, int length) {
        this.bytes = json;
        this.offset = offset;
        this.length = length;
        if (!c.extensions().isEmpty() || !measure(c)) {
            scan();
        }
        nameHash = c.name().hashCode();
    }

    /**
     * Where the parts begin if the JSON is plain (see {@link CccfWriter#plainLength}): from the
     * lengths of the fields. True when it is plain (the lengths add up to its length): every
     * string as it is, so the marks are right; false when they must be found by {@link #scan}.
     */
    private boolean measure(Container c) {
        int at = CccfWriter.plainLength(c, FIELDS[0]); // {"id":"..."
        idEnd = at;
        for (int i = 1; i < FIELDS.length; i++) {
            int start = at;
            at += CccfWriter.plainLength(c, FIELDS[i]);
            if (i == SCALE) {
                scaleStart = start;
                scaleEnd = at;
            } else if (i == HOST) {
                hostStart = start;
                hostEnd = at;
            }
        }
        return at + 1 == length; // and the closing brace
    }

    /** Finds the fields at the top level of the object: a comma at depth 1 starts one. */
    private void scan() {
        idEnd = scaleStart = scaleEnd = hostStart = hostEnd = -1;
        lastRank = 0;
        open = -1;
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
                if (--depth == 0) {
                    boundary(EXTENSION, i - offset); // the end: whatever is still open or absent ends here
                }
            } else if (b == ',' && depth == 1) {
                field(i + 2, i - offset);
            }
        }
    }

    /** A top-level field whose name starts at {@code name} and whose part starts at {@code at}. */
    private void field(int name, int at) {
        if (idEnd < 0) {
            idEnd = at; // the second field
        }
        if (lastRank < EXTENSION && (scaleEnd < 0 || hostEnd < 0)) {
            boundary(rank(name), at);
        }
    }

    /** A field of {@code rank} starts at {@code at}: it ends the open part, and places the parts it passes over. */
    private void boundary(int rank, int at) {
        if (open == SCALE) {
            scaleEnd = at;
        } else if (open == HOST) {
            hostEnd = at;
        }
        open = -1;
        if (scaleStart < 0 && rank >= SCALE) {
            scaleStart = at;
            if (rank == SCALE) {
                open = SCALE;
            } else {
                scaleEnd = at; // absent
            }
        }
        if (hostStart < 0 && rank >= HOST) {
            hostStart = at;
            if (rank == HOST) {
                open = HOST;
            } else {
                hostEnd = at; // absent
            }
        }
        lastRank = rank;
    }

    /** The rank of the field whose name starts at {@code name}: fields come in cccf order, so only later ones are tried. */
    private int rank(int name) {
        for (int r = lastRank + 1; r < FIELDS.length; r++) {
            if (named(name, QUOTED_NAMES[r])) {
                return r;
            }
        }
        return EXTENSION;
    }

    /** True when the field name at {@code name} is {@code quotedName} (the name and its closing quote). */
    private boolean named(int name, byte[] quotedName) {
        return name + quotedName.length <= offset + length
                && Arrays.equals(bytes, name, name + quotedName.length, quotedName, 0, quotedName.length);
    }

    /** The container taken, as a slice (its bytes not copied). */
    void slice(Slice s) {
        s.set(bytes, offset, length, idEnd, scaleStart, scaleEnd, hostStart, hostEnd, nameHash);
    }

    /** Where the name starts in a container's JSON at {@code offset}: after {"id":" and a leading '/'. */
    static int nameStart(byte[] bytes, int offset) {
        return bytes[offset + 7] == '/' ? 8 : 7;
    }
}
