package dev.cccf.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EngineHttpClient} against a scripted server on a real unix socket (and once on TCP): each
 * test reads the request the client sent and answers with raw bytes, so every way an HTTP/1.1
 * answer can be framed, and every way it can break, is covered without an engine.
 * ({@code DockerJavaEngineTransportTest} checks it against docker-java's zerodep on a real engine.)
 */
class EngineHttpClientTest {

    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private CompletableFuture<String> received;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Serves one connection: reads the request (head and body), then writes {@code answer} and
     * closes the connection, or with {@code hang} keeps it open (and the client's timeout is 300 ms).
     */
    private EngineHttpClient serve(String answer) throws IOException {
        return serve(answer.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    private EngineHttpClient serve(byte[] answer, boolean hang) throws IOException {
        Path socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        received = CompletableFuture.supplyAsync(() -> answerOne(answer, hang));
        return EngineHttpClient.of(URI.create("unix://" + socket), Duration.ofSeconds(2), Duration.ofMillis(hang ? 300 : 5000));
    }

    /** Serves the version check of a new engine (GET /_ping: API 1.41), then one connection as {@link #serve}. */
    private void servePingThen(String answer) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("engine.sock")));
        received = CompletableFuture.supplyAsync(() -> {
            String ping = answerOne("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK"
                    .getBytes(StandardCharsets.ISO_8859_1), false);
            return ping.startsWith("GET /_ping ") ? answerOne(answer.getBytes(StandardCharsets.ISO_8859_1), false) : ping;
        });
    }

    private String answerOne(byte[] answer, boolean hang) {
        try (SocketChannel c = server.accept()) {
            String request = TestRequests.read(c);
            c.write(ByteBuffer.wrap(answer));
            if (hang) { // the answer, then nothing more, and the connection open
                Thread.sleep(3000);
            }
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Request get(String path) {
        return Request.builder().method(Request.Method.GET).path(path).build();
    }

    private static String body(DockerHttpClient.Response r) throws IOException {
        try (r; InputStream in = r.getBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCommandLineReachesAnEngineWithTheProviderItNames() throws Exception {
        servePingThen("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n[]\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.cccf.docker.cli.DockerMain",
                "inspect", "--all", "-H", "unix://" + dir.resolve("engine.sock")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.trim()).isEqualTo("[]");
        assertThat(received.get(5, TimeUnit.SECONDS)).startsWith("GET /v1.41/containers/json?all=true HTTP/1.1\r\n");
    }

    @Test
    void sendsAWellFormedRequestAndReadsABodyOfKnownLength() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 13\r\n"
                + "Api-Version: 1.41\r\n\r\n{\"Id\":\"abc\"}\n");
        Request create = Request.builder().method(Request.Method.POST).path("/v1.41/containers/create?name=web")
                .headers(Map.of("Content-Type", "application/json"))
                .bodyBytes("{\"Image\":\"x\"}".getBytes(StandardCharsets.UTF_8)).build();
        DockerHttpClient.Response r = client.execute(create);
        assertThat(r.getStatusCode()).isEqualTo(201);
        assertThat(r.getHeader("content-type")).isEqualTo("application/json");
        assertThat(r.getHeaders()).containsKey("API-VERSION");
        assertThat(body(r)).isEqualTo("{\"Id\":\"abc\"}\n");
        assertThat(received.get(5, TimeUnit.SECONDS))
                .startsWith("POST /v1.41/containers/create?name=web HTTP/1.1\r\n")
                .contains("\r\nHost: docker\r\n", "\r\nConnection: close\r\n", "\r\nContent-Type: application/json\r\n",
                        "\r\nContent-Length: 13\r\n")
                .endsWith("\r\n\r\n{\"Image\":\"x\"}");
    }

    @Test
    void sendsABodyGivenAsAStream() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 204 No Content\r\n\r\n");
        Request put = Request.builder().method(Request.Method.PUT).path("/x")
                .body(new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8))).build();
        assertThat(body(client.execute(put))).isEmpty();
        assertThat(received.get(5, TimeUnit.SECONDS)).contains("Content-Length: 8\r\n").endsWith("\r\n\r\nstreamed");
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n[{\"a\"\r\n" + "a;name=value\r\n:1},{\"b\":2\r\n" + "2\r\n}]\r\n" + "0\r\nX-Trailer: t\r\n\r\n");
        assertThat(body(client.execute(get("/containers/json")))).isEqualTo("[{\"a\":1},{\"b\":2}]");
        assertThat(received.get(5, TimeUnit.SECONDS)).startsWith("GET /containers/json HTTP/1.1\r\n")
                .doesNotContain("Content-Length");
    }

    @Test
    void readsABodyThatLastsUntilTheConnectionCloses() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it");
        assertThat(body(client.execute(get("/_ping")))).isEqualTo("all of it");
    }

    @Test
    void skipsAnInterimAnswer() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}");
        DockerHttpClient.Response r = client.execute(get("/containers/nope/json"));
        assertThat(r.getStatusCode()).isEqualTo(404);
        assertThat(body(r)).isEqualTo("{}");
    }

    @Test
    void readsALargeBodyAcrossManyReads() throws Exception {
        byte[] payload = new byte[3_000_000];
        Arrays.fill(payload, (byte) 'x');
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, answer, head.length, payload.length);
        EngineHttpClient client = serve(answer, false);
        byte[] big = new byte[2_000_000]; // larger than the socket buffers: the client must wait to write
        Arrays.fill(big, (byte) 'y');
        Request post = Request.builder().method(Request.Method.POST).path("/big").bodyBytes(big).build();
        try (DockerHttpClient.Response r = client.execute(post); InputStream in = r.getBody()) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
        assertThat(received.get(5, TimeUnit.SECONDS)).endsWith("y".repeat(100));
    }

    static Stream<Arguments> brokenBodies() {
        return Stream.of(
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":", EOFException.class,
                        "bytes before the end"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort", EOFException.class,
                        "in the middle of a chunk"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", EOFException.class,
                        "in the middle of a chunk"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
                        IOException.class, "longer than it announced"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n", EOFException.class,
                        "before the last chunk"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
                        IOException.class, "invalid chunk size"),
                // a sign would pass Long.parseLong: "-0" ended the body early, "+2" was read as 2
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-0\r\n\r\n", IOException.class,
                        "invalid chunk size: -0"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nab\r\n0\r\n\r\n",
                        IOException.class, "invalid chunk size: +2"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x2\r\nab\r\n0\r\n\r\n",
                        IOException.class, "invalid chunk size: 0x2"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\nab\r\n",
                        IOException.class, "invalid chunk size"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX-Trailer: t\r\n",
                        EOFException.class, "in the middle of its trailers"),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n"
                        + "X-Trailer: t\r\n".repeat(201) + "\r\n", IOException.class, "more than 200 trailers"));
    }

    @ParameterizedTest
    @MethodSource("brokenBodies")
    void aBodyCutShortOrMisframedIsAnErrorNotAShortBody(String answer, Class<? extends Throwable> error, String message)
            throws Exception {
        EngineHttpClient client = serve(answer);
        DockerHttpClient.Response r = client.execute(get("/x"));
        assertThatThrownBy(() -> body(r)).isInstanceOf(error).hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+2", "-1", "2, 2", "0x2", "2e0", "1234567890123456789", "2\r\nContent-Length: 3"})
    void aContentLengthThatIsNotOneNumberIsAnError(String length) throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nOK");
        assertThatThrownBy(() -> client.execute(get("/x"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("invalid Content-Length");
    }

    @Test
    void theSameContentLengthTwiceIsOneLength() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nOK");
        assertThat(body(client.execute(get("/x")))).isEqualTo("OK");
    }

    @Test
    void aHeadOr304AnswerHasNoBodyWhateverItsHeadersSay() throws Exception {
        // the connection stays open: reading a body here would wait for the 300 ms timeout
        EngineHttpClient head = serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(body(head.execute(TestRequests.of("HEAD", "/x")))).isEmpty();
        stop();
        Files.delete(dir.resolve("engine.sock"));
        EngineHttpClient notModified = serve("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), true);
        DockerHttpClient.Response r = notModified.execute(get("/containers/x/start"));
        assertThat(r.getStatusCode()).isEqualTo(304);
        assertThat(body(r)).isEmpty();
    }

    @Test
    void anAnswerThatIsNotHttpIsAnError() throws Exception {
        EngineHttpClient client = serve("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        assertThatThrownBy(() -> client.execute(get("/x"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not HTTP");
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsAnError() throws Exception {
        EngineHttpClient client = serve("");
        assertThatThrownBy(() -> client.execute(get("/x"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("without an answer");
    }

    @Test
    void anEngineThatNeverAnswersTimesOut() throws Exception {
        EngineHttpClient client = serve(new byte[0], true);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client.execute(get("/x"))).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SocketTimeoutException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
    }

    @Test
    void aMissingSocketIsAnErrorAtOnce() {
        EngineHttpClient client = EngineHttpClient.of(URI.create("unix://" + dir.resolve("none.sock")),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.execute(get("/x"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aHeaderThatWouldSplitTheRequestIsRefused() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        Request evil = Request.builder().method(Request.Method.GET).path("/x")
                .headers(Map.of("X-Registry-Auth", "a\r\nX-Evil: 1")).build();
        assertThatThrownBy(() -> client.execute(evil)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestThatTakesOverTheConnectionIsRefused() throws Exception {
        EngineHttpClient client = serve("HTTP/1.1 101 UPGRADED\r\n\r\n");
        Request attach = Request.builder().method(Request.Method.POST).path("/containers/x/attach")
                .hijackedInput(new ByteArrayInputStream(new byte[0])).build();
        assertThatThrownBy(() -> client.execute(attach)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onlyUnixAndPlainTcpAddressesAreAccepted() {
        for (String bad : new String[] {"https://h:2376", "npipe:////./pipe/docker_engine", "ssh://h", "unix://"}) {
            assertThatThrownBy(() -> EngineHttpClient.of(URI.create(bad), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void speaksTcpToo() throws Exception {
        server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        received = CompletableFuture.supplyAsync(() -> answerOne(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.ISO_8859_1), false));
        EngineHttpClient client = EngineHttpClient.of(URI.create("tcp://127.0.0.1:" + port), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        assertThat(body(client.execute(get("/_ping")))).isEqualTo("OK");
        assertThat(received.get(5, TimeUnit.SECONDS)).contains("\r\nHost: 127.0.0.1:" + port + "\r\n");
    }
}
