package dev.cccf.docker.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection to an engine that is not a plain socket channel: TLS ({@link TlsWire}) or an ssh
 * process ({@link SshWire}). {@link EngineHttpClient} speaks HTTP over it as over a channel; its
 * classes are loaded only for such endpoints.
 */
interface Wire extends AutoCloseable {
    /** Reads what has arrived into {@code into}, waiting up to the timeout; -1 at the end of the connection. */
    int read(ByteBuffer into) throws IOException;

    void write(byte[] bytes) throws IOException;

    @Override
    void close();

    /** Opens a new connection to one engine. */
    interface Opener {
        Wire open() throws IOException;
    }
}
