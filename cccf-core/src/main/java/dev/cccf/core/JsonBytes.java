package dev.cccf.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Writes one container at a time as compact JSON ({@link CccfWriter#json}'s bytes) into a reused buffer. */
final class JsonBytes extends OutputStream {
    private byte[] bytes = new byte[512];
    private int count;
    private final JsonGenerator g;

    JsonBytes() {
        try {
            g = CccfWriter.generator(this, OutputFormat.COMPACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte buffer
        }
        g.setRootValueSeparator(null);
    }

    /** Writes {@code c} over the container written before. */
    void write(Container c) {
        count = 0;
        try {
            CccfWriter.writeContainer(g, c);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte buffer
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return count;
    }

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
