package dev.cccf.diff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one container at a time into the compact JSON {@code cccf} writes for it (the very bytes
 * of {@link CccfWriter#writeContainer(JsonGenerator, Container)}), noting where its parts begin:
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
final class Encoder implements CccfWriter.Marks {
    private final Set<String> ignore;
    private final Buffer out = new Buffer();
    private final JsonGenerator g;
    private int idEnd;
    private int scale;
    private int host;
    private int rest;
    private long hash;
    private int nameHash;

    Encoder(Set<String> ignore) {
        this.ignore = ignore;
        try {
            g = CccfWriter.generator(out, OutputFormat.COMPACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte buffer
        }
        g.setRootValueSeparator(null);
    }

    /** Encodes {@code c}, replacing the container held before. */
    void encode(Container c) {
        out.count = 0;
        idEnd = scale = host = rest = -1;
        try {
            CccfWriter.writeContainer(g, c, this);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte buffer
        }
        hash = hash(c, ignore);
        nameHash = c.name().hashCode();
    }

    @Override
    public void before(String field) {
        int at = out.count + g.getOutputBuffered();
        switch (field == null ? "" : field) {
            case "image" -> idEnd = at;
            case "scale" -> scale = at;
            case "host" -> host = at;
            case "cmd", "ports", "env", "volumes", "expose", "links" -> { }
            default -> { // the first extension field, or the end
                if (rest < 0) {
                    rest = at;
                }
            }
        }
    }

    byte[] bytes() {
        return out.bytes;
    }

    int length() {
        return out.count;
    }

    int idEnd() {
        return idEnd;
    }

    int scaleStart() {
        return scale >= 0 ? scale : hostStart();
    }

    int hostStart() {
        return host >= 0 ? host : rest;
    }

    int hostEnd() {
        return rest;
    }

    long hash() {
        return hash;
    }

    int nameHash() {
        return nameHash;
    }

    /** Where the name starts in an encoded container at {@code offset}: after {"id":" and a leading '/'. */
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

    /** The container held, as a slice. */
    void slice(Slice s) {
        s.set(out.bytes, 0, out.count, idEnd(), scaleStart(), hostStart(), hostEnd(), hash, nameHash);
    }

    private static long step(long h, long value) {
        return mix(h * 31 + value);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A byte buffer the generator writes into; reused for every container. */
    private static final class Buffer extends OutputStream {
        byte[] bytes = new byte[512];
        int count;

        @Override
        public void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, count * 2);
            }
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }
    }
}
