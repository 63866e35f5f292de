package dev.cccf.docker.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body read from the connection; closing it closes the connection, or gives it back for the next
 * request when it was read to its end (TLS and ssh connections, see {@link Connection#release}).
 */
abstract class Body extends InputStream {
    final Connection c;
    /** The request's hold on the connection. */
    int lease;

    Body(Connection c) {
        this.c = c;
    }

    /** True once the body has been read to its end (never for a body that lasts until the connection ends). */
    abstract boolean finished();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() {
        // a reader that stopped at the end of the JSON leaves the end of the framing (the last
        // chunk) unread: what has already arrived is read, so that the connection can be kept
        byte[] rest = new byte[512];
        try {
            while (!finished() && c.hasBuffered() && read(rest, 0, rest.length) >= 0) {
                // skipped
            }
        } catch (IOException e) {
            c.close(lease);
            return;
        }
        if (finished()) {
            c.release(lease);
        } else {
            c.close(lease);
        }
    }

    /** A body of a known length; ending early is an error, not a short body. */
    static final class Length extends Body {
        private long left;

        @Override
        boolean finished() {
            return left == 0;
        }

        Length(Connection c, long length) {
            super(c);
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = c.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the engine closed the connection " + left + " bytes before the end of its answer");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body (RFC 9112 section 7.1); trailers are read (within the headers' limits) and dropped. */
    static final class Chunked extends Body {
        private long chunkLeft;
        private boolean done;

        @Override
        boolean finished() {
            return done;
        }

        Chunked(Connection c) {
            super(c);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (chunkLeft == 0 && !nextChunk()) {
                return -1;
            }
            int n = c.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the engine closed the connection in the middle of a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                expectEmptyLine();
            }
            return n;
        }

        private boolean nextChunk() throws IOException {
            String line = c.line();
            if (line == null) {
                throw new EOFException("the engine closed the connection before the last chunk");
            }
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            if (!EngineResponse.isDigits(hex, 15, 16)) { // no sign, no 0x, at most 2^60 - 1
                throw new IOException("the engine sent an invalid chunk size: " + EngineResponse.abbreviate(line));
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                EngineResponse.headers(c, "trailers"); // nothing cccf reads, but they must end
                done = true;
                return false;
            }
            chunkLeft = size;
            return true;
        }

        private void expectEmptyLine() throws IOException {
            String line = c.line();
            if (line == null || !line.isEmpty()) {
                throw new IOException("the engine sent a chunk longer than it announced");
            }
        }
    }

    /** A body that lasts until the engine closes the connection. */
    static final class Rest extends Body {
        @Override
        boolean finished() {
            return false;
        }

        Rest(Connection c) {
            super(c);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return c.read(b, off, len);
        }
    }
}
