package dev.cccf.docker.internal.transport;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.cccf.docker.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A docker-java transport ({@link DockerHttpClient}) that speaks HTTP/1.1 to the Engine API over
 * a unix socket or plain TCP with nothing but the JDK's socket channels, over TLS with a
 * blocking {@code SSLSocket} ({@link TlsWire}), and over ssh as the docker CLI does
 * ({@link SshWire}); those two are loaded only for their endpoints.
 *
 * <p>Why not docker-java's zerodep transport: for a unix socket it still sets up the JDK's TLS
 * stack and trust store, the public-suffix list and slf4j, about 300 ms of a 480 ms
 * {@code cccf apply} with nothing to do. This one loads a few JDK classes that the class-data
 * archive already holds.
 *
 * <p>One connection per request ({@code Connection: close}) over a unix socket or plain TCP:
 * connecting costs microseconds, and a request can never land on a connection the engine has
 * already closed. A TLS or ssh connection costs a handshake or a process, so it is kept
 * ({@code Connection: keep-alive}) once an answer has been read to its end, and carries the next
 * GET; a kept connection the engine has closed meanwhile is replaced and the GET sent again
 * (other requests always get a new connection). {@link #close} ends the kept ones.
 * Response bodies are read as they arrive (Content-Length, chunked, or up to the end of the
 * connection), so streaming endpoints work. The response timeout bounds every wait for the
 * engine, so a hung engine is an error and not a hang. Requests that take over the connection
 * ({@code hijackedInput}, i.e. attach or exec with stdin) are refused: cccf never makes them.
 *
 * <p>The rest of the package: {@link Connection} (one socket channel, every wait bounded),
 * {@link EngineResponse} (status line and headers) and {@link Body} (the three ways a body ends).
 * What gets a command-line process ready for its first socket (the selector provider, a warm-up
 * thread) is the entry point's business: {@code dev.cccf.docker.cli.DockerMain}.
 */
public final class EngineHttpClient implements DockerHttpClient {
    private final SocketAddress address;
    private final String hostHeader;
    private final long connectTimeoutMillis;
    private final long responseTimeoutMillis;
    /** TLS or ssh connections, or null for socket channels (the classes of the others are not even loaded then). */
    private final Wire.Opener wires;
    /** TLS or ssh connections that answered completely, newest first, for the next GET. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    private EngineHttpClient(SocketAddress address, String hostHeader, Duration connectTimeout, Duration responseTimeout,
            Wire.Opener wires) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.connectTimeoutMillis = Math.max(1, connectTimeout.toMillis());
        this.responseTimeoutMillis = Math.max(1, responseTimeout.toMillis());
        this.wires = wires;
    }

    /**
     * A client for {@code unix:///path/to/docker.sock}, {@code tcp://HOST:PORT} or
     * {@code http://HOST:PORT} (port 2375 when none is given).
     *
     * @throws IllegalArgumentException for any other address
     */
    public static EngineHttpClient of(URI engine, Duration connectTimeout, Duration responseTimeout) {
        return plain(engine, connectTimeout, responseTimeout);
    }

    /**
     * {@link #of(URI, Duration, Duration)}, over TLS with {@code tls} (not null: {@code tcp://} or
     * {@code https://}, port 2376 when none is given).
     *
     * @throws IOException when the TLS material cannot be read
     */
    public static EngineHttpClient of(URI engine, Endpoint.Tls tls, Duration connectTimeout, Duration responseTimeout)
            throws IOException {
        String scheme = engine.getScheme() == null ? "" : engine.getScheme().toLowerCase(Locale.ROOT);
        if (tls == null) {
            return plain(engine, connectTimeout, responseTimeout);
        }
        if (!scheme.equals("tcp") && !scheme.equals("https") || engine.getHost() == null) {
            throw new IllegalArgumentException("TLS needs tcp://HOST:PORT or https://HOST:PORT, not " + engine);
        }
        int port = engine.getPort() < 0 ? 2376 : engine.getPort();
        InetSocketAddress address = InetSocketAddress.createUnresolved(engine.getHost(), port);
        TlsWire.Connector connector = new TlsWire.Connector(tls);
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
        int responseMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, responseTimeout.toMillis()));
        return new EngineHttpClient(address, engine.getHost() + ":" + port, connectTimeout, responseTimeout,
                () -> connector.open((InetSocketAddress) resolve(address), engine.getHost(), connectMillis, responseMillis));
    }

    /**
     * A client for {@code ssh://[USER@]HOST[:PORT]}, as the docker CLI reaches such engines: each
     * connection is {@code SSH [-l USER] [-p PORT] -T -- HOST docker system dial-stdio}, HTTP over
     * the process's stdin and stdout ({@code ssh} is the command and its first arguments, e.g.
     * {@code ssh -F FILE}).
     */
    public static EngineHttpClient ssh(URI engine, List<String> ssh, Duration connectTimeout, Duration responseTimeout) {
        if (engine.getHost() == null) {
            throw new IllegalArgumentException("no host in " + engine);
        }
        SshWire.Command command = new SshWire.Command(ssh, engine, connectTimeout, responseTimeout);
        return new EngineHttpClient(null, "docker", connectTimeout, responseTimeout, command::open);
    }

    private static EngineHttpClient plain(URI engine, Duration connectTimeout, Duration responseTimeout) {
        String scheme = engine.getScheme() == null ? "" : engine.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                String path = engine.getPath();
                if (path == null || path.isEmpty()) {
                    throw new IllegalArgumentException("no socket path in " + engine);
                }
                return new EngineHttpClient(UnixDomainSocketAddress.of(path), "docker", connectTimeout, responseTimeout, null);
            }
            case "tcp", "http" -> {
                if (engine.getHost() == null) {
                    throw new IllegalArgumentException("no host in " + engine);
                }
                int port = engine.getPort() < 0 ? 2375 : engine.getPort();
                return new EngineHttpClient(InetSocketAddress.createUnresolved(engine.getHost(), port),
                        engine.getHost() + ":" + port, connectTimeout, responseTimeout, null);
            }
            default -> throw new IllegalArgumentException("unsupported engine address " + engine
                    + ": use unix:///path/docker.sock or tcp://HOST:PORT");
        }
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException(
                    "this transport does not take over connections (attach or exec with stdin): " + request.path());
        }
        Connection connection = null;
        try {
            byte[] body = request.bodyBytes();
            if (body == null && request.body() != null) {
                try (InputStream in = request.body()) {
                    body = in.readAllBytes();
                }
            }
            byte[] head = head(request, body);
            if (wires != null && request.method().equals("GET") && (connection = idle.pollFirst()) != null) {
                // a kept connection may have been closed by the engine meanwhile: a GET is asked again on a new one
                int lease = connection.lease(idle);
                try {
                    connection.write(head);
                    EngineResponse response = EngineResponse.read(connection, request.method(), lease);
                    connection = null;
                    return response;
                } catch (IOException e) {
                    connection.close();
                }
            }
            connection = wires != null ? new Connection(wires.open(), responseTimeoutMillis)
                    : new Connection(open(), responseTimeoutMillis);
            int lease = connection.lease(wires != null ? idle : null);
            connection.write(head);
            if (body != null && body.length > 0) {
                connection.write(body);
            }
            EngineResponse response = EngineResponse.read(connection, request.method(), lease);
            connection = null; // the response owns it now
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private byte[] head(Request request, byte[] body) {
        StringBuilder h = new StringBuilder(256);
        h.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
        h.append("Host: ").append(hostHeader).append("\r\n");
        h.append("User-Agent: cccf\r\n");
        // TLS and ssh connections cost a handshake or a process: they carry request after request
        h.append(wires != null ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        boolean hasLength = false;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            checkHeader(name, value);
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            hasLength |= name.equalsIgnoreCase("Content-Length");
            h.append(name).append(": ").append(value).append("\r\n");
        }
        if (!hasLength && (body != null || !request.method().equals("GET"))) {
            h.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A header that would split the request (CR or LF) is refused, not sent. */
    private static void checkHeader(String name, String value) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 127)
                || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("invalid HTTP header " + name);
        }
    }

    private SocketChannel open() throws IOException {
        SocketAddress target = resolve(address);
        SocketChannel channel = SocketChannel.open(target instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) target).getAddress() instanceof Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        boolean ok = false;
        try {
            channel.configureBlocking(false);
            if (!channel.connect(target)) {
                try (Selector selector = Selector.open()) {
                    channel.register(selector, SelectionKey.OP_CONNECT);
                    long deadline = System.nanoTime() + connectTimeoutMillis * 1_000_000L;
                    while (!channel.finishConnect()) {
                        long left = (deadline - System.nanoTime()) / 1_000_000L;
                        if (left <= 0) {
                            throw new SocketTimeoutException("no connection within " + connectTimeoutMillis + " ms");
                        }
                        selector.select(left);
                    }
                }
            }
            ok = true;
            return channel;
        } finally {
            if (!ok) {
                channel.close();
            }
        }
    }

    private static SocketAddress resolve(SocketAddress address) throws IOException {
        SocketAddress target = address;
        if (target instanceof InetSocketAddress inet && inet.isUnresolved()) {
            target = new InetSocketAddress(inet.getHostString(), inet.getPort());
            if (((InetSocketAddress) target).isUnresolved()) {
                throw new IOException("unknown host " + inet.getHostString());
            }
        }
        return target;
    }

    /** Closes the kept TLS and ssh connections (plain ones are never kept: each response closes its own). */
    @Override
    public void close() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }
}
