package dev.cccf.diff;

import java.util.Arrays;

/**
 * One container's JSON wherever it is held (the reader's buffer, through {@link Parts}, or a {@link Side}'s
 * chunk): its bytes and the marks {@link Parts} describes, relative to {@link #offset}. Mutable,
 * so that comparing a million containers allocates nothing.
 */
final class Slice {
    byte[] bytes;
    int offset;
    int length;
    int idEnd;
    int scaleStart;
    int scaleEnd;
    int hostStart;
    int hostEnd;
    int nameHash;

    void set(byte[] bytes, int offset, int length, int idEnd, int scaleStart, int scaleEnd, int hostStart, int hostEnd,
            int nameHash) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.idEnd = idEnd;
        this.scaleStart = scaleStart;
        this.scaleEnd = scaleEnd;
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
        this.nameHash = nameHash;
    }

    boolean hasHost() {
        return hostEnd > hostStart;
    }

    /** Where the name starts: after {"id":" and a leading '/'. */
    int nameStart() {
        return Parts.nameStart(bytes, offset);
    }

    /** True when bytes {@code [from, to)} of this equal bytes {@code [otherFrom, otherTo)} of {@code other}. */
    boolean same(int from, int to, Slice other, int otherFrom, int otherTo) {
        return Arrays.equals(bytes, offset + from, offset + to, other.bytes, other.offset + otherFrom,
                other.offset + otherTo);
    }
}
