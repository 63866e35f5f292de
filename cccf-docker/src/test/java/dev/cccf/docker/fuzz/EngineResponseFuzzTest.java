package dev.cccf.docker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.cccf.docker.internal.transport.EngineHttpClient;
import dev.cccf.docker.internal.transport.TestRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes an engine could answer go through the transport's real parsing code: a scripted
 * server on a unix socket reads the request, writes the bytes and closes the connection. The
 * client must then either give a response whose body reads to its end, or fail with an
 * {@link IOException} that has a message (wrapped in an {@link UncheckedIOException} by
 * {@code execute}). It must never wait for bytes that cannot come (the connection is closed, so
 * a {@link SocketTimeoutException} is a bug) and never throw anything else. The first byte of
 * the input picks the method ({@code H} HEAD, {@code P} POST, {@code D} DELETE, else GET), the
 * rest is the answer. In the test suite this runs its seeds (and fuzzes for a while with
 * JAZZER_FUZZ=1: see docs/reliability.md).
 */
class EngineResponseFuzzTest {
    /** Far beyond what a closed connection needs; what matters is that it is never reached. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static Path dir;
    private static ServerSocketChannel server;
    private static ExecutorService engine;

    @BeforeAll
    static void listen() throws IOException {
        dir = Files.createTempDirectory("cccf-engine-fuzz");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("engine.sock")));
        engine = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scripted-engine");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void close() throws IOException {
        engine.shutdownNow();
        server.close();
        Files.deleteIfExists(dir.resolve("engine.sock"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "20s")
    void answersAnyResponseOrFailsCleanly(byte[] input) throws Exception {
        String method = input.length == 0 ? "GET" : switch (input[0]) {
            case 'H' -> "HEAD";
            case 'P' -> "POST";
            case 'D' -> "DELETE";
            default -> "GET";
        };
        byte[] answer = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        Future<String> request = engine.submit(() -> serveOnce(answer));
        EngineHttpClient client = EngineHttpClient.of(URI.create("unix://" + dir.resolve("engine.sock")), TIMEOUT, TIMEOUT);
        try (Response r = client.execute(TestRequests.of(method, "/v1.41/containers/json")); InputStream in = r.getBody()) {
            byte[] body = in.readAllBytes();
            assertThat(r.getStatusCode()).isBetween(0, 999);
            assertThat(body.length).as("a body is made of the answer's bytes").isLessThanOrEqualTo(answer.length);
        } catch (UncheckedIOException e) {
            assertClean(e.getCause());
        } catch (IOException e) {
            assertClean(e);
        }
        assertThat(request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).startsWith(method + " /v1.41/containers/json HTTP/1.1\r\n");
    }

    private static void assertClean(IOException e) {
        assertThat(e).as("the connection was closed: nothing to wait for").isNotInstanceOf(SocketTimeoutException.class);
        assertThat(e.getMessage()).as(e.toString()).isNotBlank();
    }

    /** Accepts one connection, reads the request's head, writes the answer and closes. */
    private static String serveOnce(byte[] answer) throws IOException {
        try (SocketChannel c = server.accept()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && c.read(one.clear()) > 0) {
                head.write(one.get(0));
            }
            try {
                c.write(ByteBuffer.wrap(answer));
            } catch (IOException e) {
                // the client gave up before the end of the answer (a broken status line, say)
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
