package dev.cccf.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestEnginesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingSocketDoesNotAnswer() {
        assertThat(TestEngines.ping(Path.of("/nonexistent/docker.sock"))).isFalse();
    }

    @Test
    void aFileThatIsNoSocketDoesNotAnswer() {
        assertThat(TestEngines.ping(Path.of("pom.xml"))).isFalse();
    }

    @Test
    void withoutAHostsFileTheTestIsSkippedOffCiAndFailsOnCi() {
        Path none = dir.resolve("hosts.json");

        assertThatThrownBy(() -> TestEngines.require(1, none, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("needs the docker engines (no hosts file at " + none + "; run scripts/engines.sh start)");
        assertThatThrownBy(() -> TestEngines.require(1, none, true))
                .isInstanceOf(AssertionError.class)
                .hasMessage("CI=true needs the docker engines (no hosts file at " + none + "; run scripts/engines.sh start)");
    }

    @Test
    void withoutCccfTestHostsNoDefaultEnginesAreReached() {
        assertThatThrownBy(() -> TestEngines.require(1, TestEngines.UNSET, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("CCCF_TEST_HOSTS is not set (eval \"$(scripts/engines.sh env)\")");
    }

    @Test
    void anEngineThatAnswersIsReturnedWithItsIdUrlAndSocket() throws Exception {
        Path socket = dir.resolve("h1.sock");
        try (FakeEngine engine = new FakeEngine(socket, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nOK")) {
            Path hosts = hosts("[{\"id\": \"h1\", \"docker\": \"unix://" + socket + "\"},"
                    + " {\"id\": \"remote\", \"docker\": \"tcp://10.0.0.1:2375\"}]");

            assertThat(TestEngines.require(1, hosts, true))
                    .containsExactly(new TestEngines.Engine("h1", "unix://" + socket, socket));
        }
    }

    @Test
    void tooFewEnginesIsAMissingPrerequisite() throws Exception {
        Path socket = dir.resolve("h1.sock");
        try (FakeEngine engine = new FakeEngine(socket, "HTTP/1.0 200 OK\r\n\r\nOK")) {
            Path hosts = hosts("[{\"id\": \"h1\", \"docker\": \"unix://" + socket + "\"}]");

            assertThatThrownBy(() -> TestEngines.require(2, hosts, true))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("CI=true needs the docker engines (" + hosts + " lists 1 engines, the test needs 2;"
                            + " run scripts/engines.sh start)");
        }
    }

    @Test
    void anEngineThatAnswersSomethingElseThanOkDoesNotCount() throws Exception {
        Path socket = dir.resolve("h1.sock");
        try (FakeEngine engine = new FakeEngine(socket, "HTTP/1.0 500 Internal Server Error\r\n\r\nOK")) {
            Path hosts = hosts("[{\"id\": \"h1\", \"docker\": \"unix://" + socket + "\"}]");

            assertThat(TestEngines.ping(socket)).isFalse();
            assertThatThrownBy(() -> TestEngines.require(1, hosts, false))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("engine h1 at unix://" + socket + " does not answer");
        }
    }

    @Test
    void aHostsFileThatIsNoJsonIsAMissingPrerequisiteNamingTheFile() throws Exception {
        Path hosts = hosts("[{");

        assertThatThrownBy(() -> TestEngines.require(1, hosts, true))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("CI=true needs the docker engines (cannot read " + hosts + ": ");
    }

    @Test
    void aMetPrerequisiteNeitherSkipsNorFails() {
        Prerequisites.require(true, "anything", true);
        Prerequisites.require(true, "anything", false);
    }

    private Path hosts(String json) throws IOException {
        return Files.writeString(dir.resolve("hosts.json"), json);
    }

    /** A unix socket that answers every connection with {@code reply} and closes it. */
    private static final class FakeEngine implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Thread thread;

        FakeEngine(Path socket, String reply) throws IOException {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            thread = new Thread(() -> {
                while (server.isOpen()) {
                    try (SocketChannel client = server.accept()) {
                        client.read(ByteBuffer.allocate(1024));
                        client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
