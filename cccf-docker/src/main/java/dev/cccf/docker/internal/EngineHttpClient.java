package dev.cccf.docker.internal;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A docker-java transport ({@link DockerHttpClient}) that speaks HTTP/1.1 to the Engine API over
 * a unix socket or plain TCP with nothing but the JDK's socket channels.
 *
 * <p>Why not docker-java's zerodep transport: for a unix socket it still sets up the JDK's TLS
 * stack and trust store, the public-suffix list and slf4j, about 300 ms of a 480 ms
 * {@code cccf apply} with nothing to do. This one loads a few JDK classes that the class-data
 * archive already holds.
 *
 * <p>One connection per request ({@code Connection: close}): connecting to a unix socket costs
 * microseconds, and a request can never land on a connection the engine has already closed.
 * Response bodies are read as they arrive (Content-Length, chunked, or up to the end of the
 * connection), so streaming endpoints work. The response timeout bounds every wait for the
 * engine, so a hung engine is an error and not a hang. Requests that take over the connection
 * ({@code hijackedInput}, i.e. attach or exec with stdin) are refused: cccf never makes them.
 */
public final class EngineHttpClient implements DockerHttpClient {
    private static final byte[] CRLF = {'\r', '\n'};
    /** Longest status or header line accepted: the engine's are far shorter. */
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    private final SocketAddress address;
    private final String hostHeader;
    private final long connectTimeoutMillis;
    private final long responseTimeoutMillis;

    private EngineHttpClient(SocketAddress address, String hostHeader, Duration connectTimeout, Duration responseTimeout) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.connectTimeoutMillis = Math.max(1, connectTimeout.toMillis());
        this.responseTimeoutMillis = Math.max(1, responseTimeout.toMillis());
    }

    /**
     * A client for {@code unix:///path/to/docker.sock}, {@code tcp://HOST:PORT} or
     * {@code http://HOST:PORT} (port 2375 when none is given).
     *
     * @throws IllegalArgumentException for any other address
     */
    public static EngineHttpClient of(URI engine, Duration connectTimeout, Duration responseTimeout) {
        String scheme = engine.getScheme() == null ? "" : engine.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                String path = engine.getPath();
                if (path == null || path.isEmpty()) {
                    throw new IllegalArgumentException("no socket path in " + engine);
                }
                return new EngineHttpClient(UnixDomainSocketAddress.of(path), "docker", connectTimeout, responseTimeout);
            }
            case "tcp", "http" -> {
                if (engine.getHost() == null) {
                    throw new IllegalArgumentException("no host in " + engine);
                }
                int port = engine.getPort() < 0 ? 2375 : engine.getPort();
                return new EngineHttpClient(InetSocketAddress.createUnresolved(engine.getHost(), port),
                        engine.getHost() + ":" + port, connectTimeout, responseTimeout);
            }
            default -> throw new IllegalArgumentException("unsupported engine address " + engine
                    + ": use unix:///path/docker.sock or tcp://HOST:PORT");
        }
    }

    /** The JDK's selector provider on Linux: the one it picks when no other is named or found. */
    private static final String LINUX_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    /**
     * Gets the JDK ready for the first socket channel, for a command-line process that is about
     * to talk to engines (it sets a system property).
     * <ul>
     * <li>Left to itself, the JDK looks for a selector provider with a service-loader scan that
     * opens every jar on the class path: about 50 ms at the start of a process with cccf-docker's
     * 30 jars, most of it in the 8 MB of bcprov. On Linux this names the JDK's own epoll provider
     * (the one the JDK picks after the scan finds none), so there is no scan; elsewhere, or when
     * the process names a provider of its own, the look-up runs on the warm-up thread.
     * <li>The first unix-domain socket channel of a process sets up the JDK's security providers
     * and a {@code SecureRandom} (for names of unbound sockets) and loads the network libraries:
     * 20 to 35 ms cold. The warm-up thread opens and closes one while the main thread reads its
     * arguments and documents, so that the first connection to an engine finds that done.
     * </ul>
     */
    public static void warmUp() {
        String key = "java.nio.channels.spi.SelectorProvider";
        if (System.getProperty(key) == null && "Linux".equals(System.getProperty("os.name"))
                && canBeNamed(LINUX_SELECTOR_PROVIDER)) {
            System.setProperty(key, LINUX_SELECTOR_PROVIDER);
        }
        Thread t = new Thread(EngineHttpClient::firstSocket, "cccf-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void firstSocket() {
        try {
            SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
        } catch (IOException | RuntimeException e) {
            // only a head start: the real connection reports what is wrong
        }
    }

    /**
     * True when the JDK can make the selector provider {@code className} from the system property:
     * a public, concrete provider class of the JDK's with a public constructor without arguments
     * (what {@code SelectorProvider} instantiates). Were the property to name one it cannot make,
     * every socket of the process would fail; then the property is left alone.
     */
    static boolean canBeNamed(String className) {
        try {
            Class<?> c = Class.forName(className, false, null);
            int modifiers = c.getModifiers();
            return java.nio.channels.spi.SelectorProvider.class.isAssignableFrom(c)
                    && java.lang.reflect.Modifier.isPublic(modifiers) && !java.lang.reflect.Modifier.isAbstract(modifiers)
                    && java.lang.reflect.Modifier.isPublic(c.getConstructor().getModifiers());
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return false;
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
            connection = new Connection(open(), responseTimeoutMillis);
            connection.write(head(request, body));
            if (body != null && body.length > 0) {
                connection.write(body);
            }
            EngineResponse response = EngineResponse.read(connection, request.method());
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
        h.append("Connection: close\r\n");
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
        SocketAddress target = address;
        if (target instanceof InetSocketAddress inet && inet.isUnresolved()) {
            target = new InetSocketAddress(inet.getHostString(), inet.getPort());
            if (((InetSocketAddress) target).isUnresolved()) {
                throw new IOException("unknown host " + inet.getHostString());
            }
        }
        SocketChannel channel = SocketChannel.open(target instanceof UnixDomainSocketAddress
                ? java.net.StandardProtocolFamily.UNIX
                : ((InetSocketAddress) target).getAddress() instanceof java.net.Inet6Address
                        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
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

    @Override
    public void close() {
        // nothing is pooled: each response closes its own connection
    }

    /** One non-blocking connection, read through a buffer, every wait bounded by the timeout. */
    static final class Connection implements AutoCloseable {
        private final SocketChannel channel;
        private final long timeoutMillis;
        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();
        private Selector selector;

        Connection(SocketChannel channel, long timeoutMillis) {
            this.channel = channel;
            this.timeoutMillis = timeoutMillis;
        }

        void write(byte[] bytes) throws IOException {
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
                while ((n = channel.read(in)) == 0) {
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

        @Override
        public void close() {
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

    /** A response: status and headers read at once, the body as it arrives. */
    static final class EngineResponse implements Response {
        private final Connection connection;
        private final int status;
        private final Map<String, List<String>> headers;
        private final InputStream body;

        private EngineResponse(Connection connection, int status, Map<String, List<String>> headers, InputStream body) {
            this.connection = connection;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        static EngineResponse read(Connection c, String method) throws IOException {
            String statusLine;
            int status;
            Map<String, List<String>> headers;
            do { // interim answers (100 Continue) come before the real one
                statusLine = c.line();
                if (statusLine == null) {
                    throw new EOFException("the engine closed the connection without an answer");
                }
                status = status(statusLine);
                headers = headers(c);
            } while (status >= 100 && status < 200 && status != 101);
            InputStream body;
            String transfer = first(headers, "Transfer-Encoding");
            String length = first(headers, "Content-Length");
            if (method.equals("HEAD") || status == 204 || status == 304 || status == 101) {
                body = InputStream.nullInputStream();
            } else if (transfer != null && transfer.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                body = new ChunkedBody(c);
            } else if (length != null) {
                long n;
                try {
                    n = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    throw new IOException("the engine sent an invalid Content-Length: " + length);
                }
                if (n < 0) {
                    throw new IOException("the engine sent an invalid Content-Length: " + length);
                }
                body = new LengthBody(c, n);
            } else {
                body = new RestBody(c);
            }
            return new EngineResponse(c, status, Collections.unmodifiableMap(headers), body);
        }

        private static int status(String line) throws IOException {
            // HTTP/1.1 200 OK
            if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
                throw new IOException("the engine's answer is not HTTP: " + abbreviate(line));
            }
            int status = 0;
            for (int i = 9; i < 12; i++) {
                char d = line.charAt(i);
                if (d < '0' || d > '9') {
                    throw new IOException("the engine's answer has no status code: " + abbreviate(line));
                }
                status = status * 10 + (d - '0');
            }
            return status;
        }

        private static Map<String, List<String>> headers(Connection c) throws IOException {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String line;
            int count = 0;
            while ((line = c.line()) != null && !line.isEmpty()) {
                if (++count > MAX_HEADERS) {
                    throw new IOException("the engine sent more than " + MAX_HEADERS + " headers");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("the engine sent a malformed header: " + abbreviate(line));
                }
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(line.substring(colon + 1).trim());
            }
            if (line == null) {
                throw new EOFException("the engine closed the connection in the middle of its headers");
            }
            return headers;
        }

        private static String first(Map<String, List<String>> headers, String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? s : s.substring(0, 80) + "...";
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public String getHeader(String name) {
            return first(headers, name);
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** A body read from the connection; closing it closes the connection. */
    private abstract static class Body extends InputStream {
        final Connection c;

        Body(Connection c) {
            this.c = c;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            c.close();
        }
    }

    /** A body of a known length; ending early is an error, not a short body. */
    private static final class LengthBody extends Body {
        private long left;

        LengthBody(Connection c, long length) {
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

    /** A chunked body (RFC 9112 section 7.1); trailers are read and dropped. */
    private static final class ChunkedBody extends Body {
        private long chunkLeft;
        private boolean done;

        ChunkedBody(Connection c) {
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
            long size;
            try {
                size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new IOException("the engine sent an invalid chunk size: " + EngineResponse.abbreviate(line));
            }
            if (size == 0) {
                String trailer;
                while ((trailer = c.line()) != null && !trailer.isEmpty()) {
                    // trailers carry nothing cccf reads
                }
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
    private static final class RestBody extends Body {
        RestBody(Connection c) {
            super(c);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return c.read(b, off, len);
        }
    }
}
