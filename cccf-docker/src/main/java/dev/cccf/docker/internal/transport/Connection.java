package dev.cccf.docker.internal.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Deque;

/** One non-blocking connection, read through a buffer, every wait bounded by the timeout. */
final class Connection implements AutoCloseable {
    /** Longest status or header line accepted: the engine's are far shorter. */
    private static final int MAX_LINE = 64 * 1024;

    private final SocketChannel channel;
    /** Instead of the channel, for a TLS or ssh endpoint. */
    private final Wire wire;
    private final long timeoutMillis;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();
    private Selector selector;
    /** Where a TLS or ssh connection goes back after a complete answer, to carry the next request; null: closed instead. */
    private Deque<Connection> idle;
    /** Which request holds the connection: a release or close for an earlier one does nothing. */
    private int lease;
    private boolean settled;

    Connection(SocketChannel channel, long timeoutMillis) {
        this.channel = channel;
        this.wire = null;
        this.timeoutMillis = timeoutMillis;
    }

    Connection(Wire wire, long timeoutMillis) {
        this.channel = null;
        this.wire = wire;
        this.timeoutMillis = timeoutMillis;
    }

    void write(byte[] bytes) throws IOException {
        if (wire != null) {
            wire.write(bytes);
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    /** Refills the buffer when it is empty; false at the end of the connection. */
    boolean fill() throws IOException {
        if (in.hasRemaining()) {
            return true;
        }
        in.clear();
        try {
            int n;
            while ((n = wire != null ? wire.read(in) : channel.read(in)) == 0) {
                await(SelectionKey.OP_READ);
            }
            return n > 0;
        } finally {
            in.flip();
        }
    }

    int read() throws IOException {
        return fill() ? in.get() & 0xff : -1;
    }

    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, in.remaining());
        in.get(b, off, n);
        return n;
    }

    /** A line without its CRLF (or LF); null at the end of the connection before any byte. */
    String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        int c;
        while ((c = read()) != '\n') {
            if (c < 0) {
                if (s.length() == 0) {
                    return null;
                }
                throw new EOFException("the engine closed the connection in the middle of a line");
            }
            if (s.length() >= MAX_LINE) {
                throw new IOException("the engine sent a line longer than " + MAX_LINE + " bytes");
            }
            s.append((char) c);
        }
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\r') {
            s.setLength(end - 1);
        }
        return s.toString();
    }

    private void await(int op) throws IOException {
        if (selector == null) {
            selector = Selector.open();
            channel.register(selector, op);
        } else {
            channel.keyFor(selector).interestOps(op);
        }
        if (selector.select(timeoutMillis) == 0) {
            throw new SocketTimeoutException("the engine did not answer within " + timeoutMillis + " ms");
        }
        selector.selectedKeys().clear();
    }

    /** True when bytes have arrived that are not read yet. */
    boolean hasBuffered() {
        return in.hasRemaining();
    }

    /** Takes the connection for a new request; {@code idle} is where it goes back (null: nowhere). */
    synchronized int lease(Deque<Connection> idle) {
        this.idle = idle;
        settled = false;
        return ++lease;
    }

    /**
     * The request {@code lease} is done with the connection after a complete answer: it goes back to
     * its idle list (when it has one and nothing is left unread), else it is closed.
     */
    void release(int lease) {
        Deque<Connection> to;
        synchronized (this) {
            if (lease != this.lease || settled) {
                return;
            }
            settled = true;
            to = in.hasRemaining() ? null : idle;
        }
        if (to != null) {
            to.offerFirst(this);
        } else {
            close();
        }
    }

    /** The request {@code lease} ends the connection (an answer not read to its end, or an error). */
    void close(int lease) {
        synchronized (this) {
            if (lease != this.lease || settled) {
                return;
            }
            settled = true;
        }
        close();
    }

    @Override
    public void close() {
        if (wire != null) {
            wire.close();
            return;
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException e) {
            // closing the channel below is what matters
        }
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
