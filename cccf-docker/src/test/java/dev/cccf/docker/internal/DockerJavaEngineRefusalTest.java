package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.docker.Engine;
import dev.cccf.docker.Engine.EngineException;
import dev.cccf.docker.internal.transport.TestRequests;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link DockerJavaEngine} tells apply's refusals apart, against a scripted server on a unix
 * socket: a 409 of a create (name taken), a stop or a remove (removal in progress) is an
 * {@link EngineException#conflict}, on which apply looks for another apply's work; any other
 * refusal is not. The server answers {@code GET /_ping} as an engine of API 1.41 and every other
 * request with the status and body the test gives.
 */
class DockerJavaEngineRefusalTest {
    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private Thread serving;
    /** The last request other than the ping, as the server read it. */
    private volatile String lastRequest;

    @AfterEach
    void stop() throws IOException, InterruptedException {
        server.close();
        serving.join(2000);
    }

    private Engine engineAnswering(int status, String body) throws IOException {
        Path socket = dir.resolve("engine.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        serving = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    String request = TestRequests.read(c);
                    if (!request.startsWith("GET /_ping")) {
                        lastRequest = request;
                    }
                    String answer = request.startsWith("GET /_ping")
                            ? "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"
                            : "HTTP/1.1 " + status + " Refused\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                } catch (IOException closed) {
                    return;
                }
            }
        }, "scripted-engine");
        serving.setDaemon(true);
        serving.start();
        return new DockerJavaEngine("unix://" + socket);
    }

    @ParameterizedTest(name = "{0} answered {1}: conflict {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            remove | 409 | {"message":"removal of container web is already in progress"} | true  | remove web: the engine answered 409 removal of container web is already in progress
            create | 409 | {"message":"Conflict. The name /web is already in use"}        | true  | the name web is taken on the engine: Conflict. The name /web is already in use
            stop   | 409 | {"message":"removal of container web is already in progress"} | true  | stop web: the engine answered 409 removal of container web is already in progress
            stop   | 500 | {"message":"cannot kill container: permission denied"}         | false | stop web: the engine answered 500 cannot kill container: permission denied
            remove | 500 | {"message":"device or resource busy"}                          | false | remove web: the engine answered 500 device or resource busy
            create | 404 | {"message":"No such image: nginx:latest"}                      | false | image nginx is not on the engine (No such image: nginx:latest)
            create | 500 | {"message":"no space left on device"}                         | false | create web: the engine answered 500 no space left on device
            """)
    void onlyA409OfACreateStopOrRemoveIsAConflict(String step, int status, String body, boolean conflict, String message)
            throws IOException {
        try (Engine engine = engineAnswering(status, body)) {
            EngineException e = catchThrowableOfType(EngineException.class, () -> {
                if (step.equals("remove")) {
                    engine.remove("web");
                } else if (step.equals("stop")) {
                    engine.stop("web", 1);
                } else {
                    engine.create("web", JsonNodeFactory.instance.objectNode().put("Image", "nginx"));
                }
            });

            assertThat(e.isConflict()).isEqualTo(conflict);
            assertThat(e).hasMessage(message);
        }
    }

    @Test
    void aPullSendsTheCredentialsAndTellsEachEventUntilTheStreamSaysItFailed() throws IOException {
        String stream = """
                {"status":"Pulling from cccf-test/busybox","id":"test"}
                {"status":"Downloading","progressDetail":{"current":1200000,"total":3400000},"progress":"[==>   ] 1.2MB/3.4MB","id":"a1b2"}
                {"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}
                """;
        List<String> events = new ArrayList<>();
        try (Engine engine = engineAnswering(200, stream)) {
            EngineException e = catchThrowableOfType(EngineException.class,
                    () -> engine.pull("localhost:5000/cccf-test/busybox:test", "eyJ1c2VybmFtZSI6ImEifQ==", events::add));

            assertThat(e).hasMessage("unauthorized: authentication required");
        }
        assertThat(events).containsExactly("test: Pulling from cccf-test/busybox", "a1b2: Downloading 1.2MB/3.4MB");
        assertThat(lastRequest).startsWith("POST /v1.41/images/create?fromImage=localhost%3A5000%2Fcccf-test%2Fbusybox&tag=test ")
                .contains("\r\nX-Registry-Auth: eyJ1c2VybmFtZSI6ImEifQ==\r\n");
    }

    @Test
    void aPullRefusedBeforeItBeganIsTheEnginesMessageAndAnImageWithoutTagIsItsLatest() throws IOException {
        try (Engine engine = engineAnswering(404, "{\"message\":\"pull access denied for nope, repository does not exist\"}")) {
            EngineException e = catchThrowableOfType(EngineException.class, () -> engine.pull("nope", null, line -> { }));

            assertThat(e).hasMessage("pull access denied for nope, repository does not exist");
        }
        assertThat(lastRequest).startsWith("POST /v1.41/images/create?fromImage=nope&tag=latest ").doesNotContain("X-Registry-Auth");
    }

    @Test
    void aPullWhoseStreamEndsWithoutErrorSucceeds() throws IOException {
        List<String> events = new ArrayList<>();
        try (Engine engine = engineAnswering(200, "{\"status\":\"Digest: sha256:01\"}\n{\"status\":\"Status: Image is up to date\"}\n")) {
            engine.pull("busybox@sha256:01", null, events::add);
        }
        assertThat(events).containsExactly("Digest: sha256:01", "Status: Image is up to date");
        assertThat(lastRequest).startsWith("POST /v1.41/images/create?fromImage=busybox&tag=sha256%3A01 ");
    }
}
