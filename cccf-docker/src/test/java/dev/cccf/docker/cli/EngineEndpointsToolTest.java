package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.cli.Tool;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the tools hand endpoints to the engines: each engine of -H or of a hosts file resolved
 * once, with the environment's TLS material, and a warning for plain TCP to another machine;
 * engines stand in for real ones, which TlsEngineTest uses.
 */
class EngineEndpointsToolTest {
    private final List<Endpoint> connected = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** An engine that runs nothing. */
    private Engine empty(Endpoint endpoint) {
        connected.add(endpoint);
        return new Engine() {
            @Override
            public String url() {
                return endpoint.url();
            }

            @Override
            public List<JsonNode> list(boolean all) {
                return List.of();
            }

            @Override
            public Optional<JsonNode> inspect(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<JsonNode> inspectImage(String ref) {
                return Optional.empty();
            }

            @Override
            public void pull(String image, String auth, Consumer<String> progress) {
                throw new EngineException("not here");
            }

            @Override
            public void create(String name, JsonNode body) {
                throw new EngineException("not here");
            }

            @Override
            public void start(String name) {
                throw new EngineException("not here");
            }

            @Override
            public void stop(String name, int timeoutSeconds) {
                throw new EngineException("not here");
            }

            @Override
            public void remove(String name) {
                throw new EngineException("not here");
            }

            @Override
            public void removeVolume(String name) {
                throw new EngineException("not here");
            }

            @Override
            public void rename(String name, String newName) {
                throw new EngineException("not here");
            }

            @Override
            public List<String> logs(String name, int lines) {
                return List.of();
            }

            @Override
            public List<JsonNode> networks() {
                return List.of();
            }

            @Override
            public void createNetwork(JsonNode body) {
                throw new EngineException("not here");
            }

            @Override
            public void connectNetwork(String network, String container, JsonNode endpoint) {
                throw new EngineException("not here");
            }

            @Override
            public void disconnectNetwork(String network, String container) {
                throw new EngineException("not here");
            }

            @Override
            public void removeNetwork(String name) {
                throw new EngineException("not here");
            }

            @Override
            public List<JsonNode> volumes() {
                return List.of();
            }

            @Override
            public void createVolume(JsonNode body) {
                throw new EngineException("not here");
            }

            @Override
            public void close() {
            }
        };
    }

    private int inspect(Map<String, String> env, String... args) {
        Tool.Streams streams = new Tool.Streams(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new InspectTool(streams, this::empty).execute(args);
    }

    @Test
    void plainTcpToAnotherMachineIsAWarningAndLoopbackIsNot() {
        int code = inspect(Map.of(), "-H", "tcp://10.0.0.2:2375", "-H", "tcp://127.0.0.1:2375", "-H", "unix:///run/d.sock");

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("cccf inspect: warning: tcp://10.0.0.2:2375 is plain TCP"
                + " without TLS: whoever can reach that port is root on its host (give it TLS: DOCKER_TLS_VERIFY=1 and"
                + " DOCKER_CERT_PATH, https://, or a docker context)\n");
        assertThat(connected).extracting(Endpoint::url)
                .containsExactly("tcp://10.0.0.2:2375", "tcp://127.0.0.1:2375", "unix:///run/d.sock");
    }

    @Test
    void theHostsOfAHostsFileGetTheEnvironmentsTlsMaterial(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(dir.resolve(f), "-----BEGIN CERTIFICATE-----\n");
        }
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "a", "docker": "tcp://10.0.0.2:2376"}, {"id": "b", "docker": "unix:///run/b.sock"}]""");

        int code = inspect(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString()), "--hosts", hosts.toString());

        assertThat(code).isZero();
        assertThat(err.size()).isZero();
        assertThat(connected.get(0).tls()).isEqualTo(Endpoint.Tls.inDirectory(dir));
        assertThat(connected.get(1).tls()).isNull();
    }

    @Test
    void aHostsOwnTlsFilesAreFoundBesideTheHostsFileAndComeBeforeTheEnvironments(@TempDir Path dir) throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(certs.resolve(f), "-----BEGIN CERTIFICATE-----\n");
        }
        Path hosts = Files.writeString(dir.resolve("hosts.yml"), """
                - id: a
                  docker: tcp://10.0.0.2:2376
                  tls: {ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem}
                - id: b
                  docker: https://10.0.0.3:2376
                  tls: {ca: certs/ca.pem}
                """);

        int code = inspect(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/nonexistent"), "--hosts", hosts.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(connected).extracting(Endpoint::tls).containsExactly(
                new Endpoint.Tls(certs.resolve("ca.pem"), certs.resolve("cert.pem"), certs.resolve("key.pem")),
                new Endpoint.Tls(certs.resolve("ca.pem"), null, null));
    }

    @Test
    void aHostsTlsFileThatIsMissingIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "a", "docker": "tcp://10.0.0.2:2376", "tls": {"ca": "ca.pem"}}]""");

        int code = inspect(Map.of(), "--hosts", hosts.toString());

        assertThat(code).isEqualTo(2);
        assertThat(connected).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cccf inspect: host a's tls in " + hosts + ": no ca.pem ("
                + dir.resolve("ca.pem") + ")");
    }

    @Test
    void missingCertificatesAreAUsageErrorBeforeAnyEngineIsAsked(@TempDir Path dir) {
        int code = inspect(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString()), "-H", "tcp://10.0.0.2:2376");

        assertThat(code).isEqualTo(2);
        assertThat(connected).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cccf inspect: DOCKER_CERT_PATH " + dir + ": no ca.pem");
    }
}
