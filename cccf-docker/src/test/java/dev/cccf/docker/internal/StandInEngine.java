package dev.cccf.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in engine on a unix socket: answers {@code GET /_ping} with its newest API version,
 * refuses versions below its minimum as Docker 29 does (HTTP 400 "client version X is too old.
 * Minimum supported API version is Y, ..."), and has no containers; every request's path is recorded.
 */
final class StandInEngine implements AutoCloseable {
    private static final Pattern VERSIONED = Pattern.compile("^/v([0-9]+\\.[0-9]+)(/.*)$");
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Path socket;
    private final ServerSocketChannel server;
    private final String newest;
    private final String minimum;

    StandInEngine(Path dir, String newest, String minimum) throws IOException {
        this.newest = newest;
        this.minimum = minimum;
        this.socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(this::serve, "stand-in-engine");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "unix://" + socket;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                answer(c);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void answer(SocketChannel c) throws IOException {
        InputStream in = Channels.newInputStream(c);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String path = head.substring(0, head.indexOf("\r\n")).split(" ")[1];
        requests.add(path);
        Matcher m = VERSIONED.matcher(path);
        if (path.equals("/_ping")) {
            reply(c, 200, "text/plain", "OK");
        } else if (m.matches() && DockerJavaEngine.compare(m.group(1), minimum) < 0) {
            reply(c, 400, "application/json", "{\"message\":\"client version " + m.group(1)
                    + " is too old. Minimum supported API version is " + minimum
                    + ", please upgrade your client to a newer version\"}");
        } else if (m.matches() && m.group(2).startsWith("/containers/json")) {
            reply(c, 200, "application/json", "[]");
        } else {
            reply(c, 404, "application/json", "{\"message\":\"page not found\"}");
        }
    }

    private void reply(SocketChannel c, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nApi-Version: " + newest + "\r\nServer: Docker/stand-in (linux)\r\n"
                + "Content-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        c.write(ByteBuffer.wrap((head + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
