package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Endpoints resolved as the docker CLI resolves them, on configuration folders written here the
 * way {@code docker context create} writes them (EngineTlsEngineTest uses the real command).
 */
class EndpointsTest {
    @TempDir
    Path dir;

    private Path certs(String name, String... files) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        for (String f : files) {
            Files.writeString(d.resolve(f), "-----BEGIN CERTIFICATE-----\n");
        }
        return d;
    }

    /** A context as docker context create stores it: meta.json under the SHA-256 of its name, TLS files beside. */
    private Path context(String name, String host, boolean skipVerify, String... tlsFiles) throws IOException {
        Path config = dir.resolve("config");
        String id = Endpoints.sha256(name);
        Path meta = Files.createDirectories(config.resolve("contexts/meta/" + id));
        Files.writeString(meta.resolve("meta.json"), """
                {"Name":"%s","Metadata":{},"Endpoints":{"docker":{"Host":"%s","SkipTLSVerify":%s}}}"""
                .formatted(name, host, skipVerify));
        if (tlsFiles.length > 0) {
            Path tls = Files.createDirectories(config.resolve("contexts/tls/" + id + "/docker"));
            for (String f : tlsFiles) {
                Files.writeString(tls.resolve(f), "-----BEGIN CERTIFICATE-----\n");
            }
        }
        return config;
    }

    @Test
    void anAddressGivenWithoutTlsSettingsIsTakenAsItIs() {
        assertThat(Endpoints.forUrl("tcp://10.0.0.2:2375", Map.of())).isEqualTo(Endpoint.of("tcp://10.0.0.2:2375"));
        assertThat(Endpoints.forUrl("unix:///run/docker.sock", Map.of("DOCKER_TLS_VERIFY", "1")).isTls()).isFalse();
    }

    @Test
    void tcpWithDockerTlsVerifyUsesTheCertificatesOfDockerCertPath() throws IOException {
        Path certs = certs("certs", "ca.pem", "cert.pem", "key.pem");

        Endpoint e = Endpoints.forUrl("tcp://10.0.0.2:2376", Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));

        assertThat(e.tls()).isEqualTo(new Endpoint.Tls(certs.resolve("ca.pem"), certs.resolve("cert.pem"), certs.resolve("key.pem")));
        assertThat(e.isPlainRemote()).isFalse();
    }

    @Test
    void withoutDockerCertPathTheCertificatesAreThoseOfTheDockerConfigFolder() throws IOException {
        Path config = certs("config", "ca.pem", "cert.pem", "key.pem");

        Endpoint e = Endpoints.forUrl("https://engine:2376", Map.of("DOCKER_CONFIG", config.toString()));

        assertThat(e.tls().ca()).isEqualTo(config.resolve("ca.pem"));
    }

    @Test
    void aMissingCertificateFileIsAnErrorNamingIt() throws IOException {
        Path certs = certs("certs", "ca.pem", "key.pem");

        assertThatThrownBy(() -> Endpoints.forUrl("tcp://10.0.0.2:2376",
                Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString())))
                .isInstanceOf(Endpoints.EndpointException.class)
                .hasMessage("DOCKER_CERT_PATH " + certs + ": no cert.pem (" + certs.resolve("cert.pem") + ")");
    }

    @Test
    void dockerHostComesBeforeAnyContextAndGetsNoContextCertificates() throws IOException {
        Path config = context("remote", "tcp://10.0.0.9:2376", false, "ca.pem", "cert.pem", "key.pem");

        Endpoint e = Endpoints.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375", "DOCKER_CONTEXT", "remote",
                "DOCKER_CONFIG", config.toString()));

        assertThat(e).isEqualTo(Endpoint.of("tcp://127.0.0.1:2375"));
    }

    @Test
    void dockerContextGivesTheContextsAddressAndTlsFiles() throws IOException {
        Path config = context("remote", "tcp://10.0.0.9:2376", false, "ca.pem", "cert.pem", "key.pem");
        Path tls = config.resolve("contexts/tls/" + Endpoints.sha256("remote") + "/docker");

        Endpoint e = Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", config.toString()));

        assertThat(e.url()).isEqualTo("tcp://10.0.0.9:2376");
        assertThat(e.tls()).isEqualTo(Endpoint.Tls.inDirectory(tls));
        assertThat(e.from()).isEqualTo("docker context \"remote\"");
    }

    @Test
    void aContextMayHoldTheCaAlone() throws IOException {
        Path config = context("ca-only", "tcp://10.0.0.9:2376", false, "ca.pem");

        Endpoint e = Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "ca-only", "DOCKER_CONFIG", config.toString()));

        assertThat(e.tls().cert()).isNull();
        assertThat(e.tls().key()).isNull();
        assertThat(e.tls().ca()).hasFileName("ca.pem");
    }

    @Test
    void theCurrentContextOfConfigJsonIsUsedWhenNothingElseNamesAnEngine() throws IOException {
        Path config = context("remote", "unix:///remote.sock", false);
        Files.writeString(config.resolve("config.json"), "{\"auths\": {}, \"currentContext\": \"remote\"}");

        Endpoint e = Endpoints.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString()));

        assertThat(e).isEqualTo(new Endpoint("unix:///remote.sock", null, "docker context \"remote\""));
    }

    @Test
    void dockerContextComesBeforeTheCurrentContext() throws IOException {
        Path config = context("remote", "unix:///remote.sock", false);
        context("other", "unix:///other.sock", false);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\": \"other\"}");

        assertThat(Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", config.toString())).url())
                .isEqualTo("unix:///remote.sock");
    }

    @Test
    void theDefaultContextAndNoConfigurationMeanTheLocalSocket() {
        assertThat(Endpoints.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString())).url()).isEqualTo(Endpoints.DEFAULT_URL);
        assertThat(Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "default", "DOCKER_CONFIG", dir.toString())).url())
                .isEqualTo(Endpoints.DEFAULT_URL);
    }

    @Test
    void anUnknownContextIsAnErrorAndNotTheLocalSocket() {
        assertThatThrownBy(() -> Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", dir.toString())))
                .isInstanceOf(Endpoints.EndpointException.class)
                .hasMessageStartingWith("docker context \"remote\" (from DOCKER_CONTEXT) does not exist: there is no "
                        + dir.resolve("contexts/meta/" + Endpoints.sha256("remote") + "/meta.json"));
    }

    @Test
    void anUnknownCurrentContextNamesTheConfigFile() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"currentContext\": \"gone\"}");

        assertThatThrownBy(() -> Endpoints.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString())))
                .hasMessageContaining("(from the currentContext of " + dir.resolve("config.json") + ") does not exist");
    }

    @Test
    void aContextThatSkipsVerificationIsRefused() throws IOException {
        Path config = context("lax", "tcp://10.0.0.9:2376", true);

        assertThatThrownBy(() -> Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "lax", "DOCKER_CONFIG", config.toString())))
                .hasMessageContaining("skips the verification of the engine's certificate");
    }

    @Test
    void aBrokenConfigFileIsAnErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"currentContext\": ");

        assertThatThrownBy(() -> Endpoints.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString())))
                .hasMessageStartingWith("cannot read " + dir.resolve("config.json") + ": ");
    }

    @Test
    void unsupportedAddressesAreRefused() {
        assertThatThrownBy(() -> Endpoints.forUrl("ftp://host", Map.of()))
                .hasMessage("engine address ftp://host: use unix:///path/docker.sock, tcp://HOST:PORT, https://HOST:PORT"
                        + " or ssh://[USER@]HOST[:PORT]");
    }

    @Test
    void sshIsReachedWithTheSshCommandOfCccfSsh() throws IOException {
        assertThat(Endpoints.forUrl("ssh://me@host:2222", Map.of()).ssh()).containsExactly("ssh");
        assertThat(Endpoints.forUrl("ssh://me@host", Map.of("CCCF_SSH", " ssh  -F /etc/cccf/ssh_config ")).ssh())
                .containsExactly("ssh", "-F", "/etc/cccf/ssh_config");
        Path config = context("far", "ssh://me@far.example", false);
        assertThat(Endpoints.fromEnvironment(Map.of("DOCKER_CONTEXT", "far", "DOCKER_CONFIG", config.toString())))
                .isEqualTo(new Endpoint("ssh://me@far.example", null, "docker context \"far\"", List.of("ssh")));
        assertThat(Endpoint.of("ssh://me@far.example").isPlainRemote()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "tcp://10.0.0.2:2375, true",
        "http://engine.example:2375, true",
        "tcp://127.0.0.1:2375, false",
        "tcp://127.8.9.10:2375, false",
        "tcp://localhost:2375, false",
        "tcp://[::1]:2375, false",
        "unix:///run/docker.sock, false",
    })
    void plainTcpToAnotherMachineIsTold(String url, boolean plainRemote) {
        assertThat(Endpoint.of(url).isPlainRemote()).isEqualTo(plainRemote);
    }
}
