package dev.cccf.diff;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of a {@link CompactDiff}: containers kept as the compact JSON that {@code cccf} writes
 * for them (the bytes the diff prints), packed into large chunks with a few ints each, instead of
 * as records: about the size of the input, and next to nothing for the garbage collector to trace.
 *
 * <p>Each entry also keeps where its parts begin, so that two entries compare part by part
 * without the id, {@code scale} and {@code host} (see {@link Parts}), and the hash of its name.
 * Not thread-safe: one thread fills a side.
 */
final class Side {
    private static final int CHUNK = 1 << 22;
    /** Per entry in {@link #ints}: length, end of the id, start and end of scale, start and end of host, name hash. */
    private static final int INTS = 7;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk = new byte[0];
    private int used;
    private long[] where = new long[64]; // chunk index << 32 | offset
    private int[] ints = new int[64 * INTS];
    private int size;
    private int[] table; // name index: entry + 1, 0 when free

    int size() {
        return size;
    }

    /** Copies the container {@code e} into this side; returns its entry. */
    int add(Slice e) {
        int length = e.length;
        if (used + length > chunk.length) {
            chunk = new byte[Math.max(CHUNK, length)];
            chunks.add(chunk);
            used = 0;
        }
        System.arraycopy(e.bytes, e.offset, chunk, used, length);
        if (size == where.length) {
            where = Arrays.copyOf(where, size * 2);
            ints = Arrays.copyOf(ints, size * 2 * INTS);
        }
        int entry = size++;
        where[entry] = (long) (chunks.size() - 1) << 32 | used;
        int o = entry * INTS;
        ints[o] = length;
        ints[o + 1] = e.idEnd;
        ints[o + 2] = e.scaleStart;
        ints[o + 3] = e.scaleEnd;
        ints[o + 4] = e.hostStart;
        ints[o + 5] = e.hostEnd;
        ints[o + 6] = e.nameHash;
        used += length;
        return entry;
    }

    byte[] chunk(int entry) {
        return chunks.get((int) (where[entry] >>> 32));
    }

    int offset(int entry) {
        return (int) where[entry];
    }

    int length(int entry) {
        return ints[entry * INTS];
    }

    int idEnd(int entry) {
        return ints[entry * INTS + 1];
    }

    int scaleStart(int entry) {
        return ints[entry * INTS + 2];
    }

    int scaleEnd(int entry) {
        return ints[entry * INTS + 3];
    }

    int hostStart(int entry) {
        return ints[entry * INTS + 4];
    }

    int hostEnd(int entry) {
        return ints[entry * INTS + 5];
    }

    int nameHash(int entry) {
        return ints[entry * INTS + 6];
    }

    /** The entry, as a slice. */
    void slice(int entry, Slice s) {
        s.set(chunk(entry), offset(entry), length(entry), idEnd(entry), scaleStart(entry), scaleEnd(entry),
                hostStart(entry), hostEnd(entry), nameHash(entry));
    }

    /** Writes the entry's bytes: the container as {@code cccf} writes it, compact. */
    void write(int entry, OutputStream out) throws IOException {
        out.write(chunk(entry), offset(entry), length(entry));
    }

    // ---------------------------------------------------------------- names

    /** Indexes every entry by name; after this, {@link #find} works (entries added later are not found). */
    void indexNames() {
        table = new int[Integer.highestOneBit(Math.max(8, size) * 2 - 1) << 1];
        int mask = table.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = mix(nameHash(entry)) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = entry + 1;
        }
    }

    /**
     * The entry whose name (the id without a leading '/', as written: see {@link Parts#nameStart})
     * equals {@code length} bytes of {@code bytes} at {@code from}, or -1.
     */
    int find(int nameHash, byte[] bytes, int from, int length) {
        int mask = table.length - 1;
        for (int slot = mix(nameHash) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot] - 1;
            if (entry < 0) {
                return -1;
            }
            if (nameHash(entry) == nameHash) {
                byte[] c = chunk(entry);
                int start = offset(entry) + Parts.nameStart(c, offset(entry));
                int end = offset(entry) + idEnd(entry) - 1;
                if (Arrays.equals(c, start, end, bytes, from, from + length)) {
                    return entry;
                }
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    // ---------------------------------------------------------------- reading back

    /**
     * The entries as one JSON array ({@code [a,b,...]}), streamed from the chunks without copying
     * them: to read containers back with the cccf reader.
     */
    InputStream asArray(int[] entries, int from, int to) {
        int n = to - from;
        int pieces = n == 0 ? 2 : 2 * n + 1; // '[', e0, ',', e1, ..., ']'
        return new InputStream() {
            private int piece = -1;
            private byte[] src;
            private int pos;
            private int end;

            /** Moves to the next piece; false after the last. */
            private boolean advance() {
                if (++piece >= pieces) {
                    return false;
                }
                if (piece % 2 == 1 && piece < pieces - 1) {
                    int entry = entries[from + piece / 2];
                    src = chunk(entry);
                    pos = offset(entry);
                    end = pos + length(entry);
                } else {
                    src = piece == 0 ? OPEN : piece == pieces - 1 ? CLOSE : COMMA;
                    pos = 0;
                    end = 1;
                }
                return true;
            }

            @Override
            public int read() {
                while (src == null || pos == end) {
                    if (!advance()) {
                        return -1;
                    }
                }
                return src[pos++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                while (src == null || pos == end) {
                    if (!advance()) {
                        return -1;
                    }
                }
                int count = Math.min(len, end - pos);
                System.arraycopy(src, pos, b, off, count);
                pos += count;
                return count;
            }
        };
    }

    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE = {']'};
}
