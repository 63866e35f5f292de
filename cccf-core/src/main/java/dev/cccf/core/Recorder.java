package dev.cccf.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes a stream through while keeping the bytes read since a given offset, so that a reader can
 * take a value's bytes as they stood in the input instead of writing them again. Only what is
 * still wanted is kept ({@link #keepFrom}): one container and the parser's read-ahead, whatever
 * the size of the document.
 */
final class Recorder extends FilterInputStream {
    private byte[] buffer = new byte[1 << 16];
    private long base; // the stream offset of buffer[0]
    private int count;
    private long keepFrom;

    Recorder(InputStream in) {
        super(in);
    }

    /** Bytes before {@code offset} are no longer needed. */
    void keepFrom(long offset) {
        keepFrom = offset;
    }

    /** The array holding the recorded bytes; stream offset {@code o} is at {@link #index}{@code (o)}. Valid until the next read. */
    byte[] array() {
        return buffer;
    }

    /** Where stream offset {@code offset} is in {@link #array}, or -1 when it is not kept (or not read yet). */
    int index(long offset) {
        return offset >= base && offset <= base + count ? (int) (offset - base) : -1;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            room(1);
            buffer[count++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            room(n);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Makes room for {@code n} more bytes: drops what is no longer kept, then grows. */
    private void room(int n) {
        if (count + n <= buffer.length) {
            return;
        }
        int drop = (int) Math.min(count, Math.max(0, keepFrom - base));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, count - drop);
            count -= drop;
            base += drop;
        }
        if (count + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + n));
        }
    }
}
