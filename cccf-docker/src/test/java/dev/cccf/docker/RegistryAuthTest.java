package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registry credentials found as the docker CLI finds them in config.json. */
class RegistryAuthTest {
    @TempDir
    Path config;
    @TempDir
    Path bin;

    private RegistryAuth auth() {
        return RegistryAuth.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString(), "PATH", bin + ":/usr/bin:/bin"));
    }

    private void configJson(String json) throws IOException {
        Files.writeString(config.resolve("config.json"), json);
    }

    /** A credential helper docker-credential-NAME in {@code bin}: a shell script that answers {@code body} to get. */
    private void helper(String name, String body) throws IOException {
        Prerequisites.require(Files.isExecutable(Path.of("/bin/sh")), "/bin/sh for a credential helper script");
        Path f = bin.resolve("docker-credential-" + name);
        Files.writeString(f, "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread registry\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String decoded(RegistryAuth.Credentials c) {
        return new String(Base64.getUrlDecoder().decode(c.header()), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "busybox, docker.io",
        "library/busybox:1.36, docker.io",
        "docker.io/library/busybox, docker.io",
        "index.docker.io/team/app:1, docker.io",
        "localhost/app, localhost",
        "localhost:5000/cccf-test/busybox:test, localhost:5000",
        "registry.example.com/team/app@sha256:0123, registry.example.com",
        "team/app:1.2, docker.io"})
    void theRegistryOfAnImageIsTheDockerClisChoice(String image, String registry) {
        assertThat(RegistryAuth.registryOf(image)).isEqualTo(registry);
    }

    @Test
    void authsGiveUserAndPasswordForTheRegistryAndNothingForAnother() throws IOException {
        String userPass = Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
        configJson("{\"auths\": {\"localhost:5000\": {\"auth\": \"" + userPass + "\"}}}");

        RegistryAuth.Credentials c = auth().forImage("localhost:5000/cccf-test/busybox:test");

        assertThat(decoded(c)).isEqualTo("{\"username\":\"ci\",\"password\":\"s3cret\",\"serveraddress\":\"localhost:5000\"}");
        assertThat(c.from()).isEqualTo("the auths of " + config.resolve("config.json"));
        assertThat(auth().forImage("busybox").header()).isNull();
    }

    @Test
    void dockerHubsCredentialsStandUnderItsV1Address() throws IOException {
        String userPass = Base64.getEncoder().encodeToString("me:pw".getBytes(StandardCharsets.UTF_8));
        configJson("{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + userPass + "\"}}}");

        assertThat(decoded(auth().forImage("team/app:1")))
                .isEqualTo("{\"username\":\"me\",\"password\":\"pw\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
    }

    @Test
    void anIdentityTokenIsSentAsOne() throws IOException {
        configJson("{\"auths\": {\"registry.example.com\": {\"identitytoken\": \"tok-1\"}}}");

        assertThat(decoded(auth().forImage("registry.example.com/app")))
                .isEqualTo("{\"identitytoken\":\"tok-1\",\"serveraddress\":\"registry.example.com\"}");
    }

    @Test
    void aCredHelperForTheRegistryWinsOverTheStoreAndTheAuths() throws IOException {
        helper("team", "[ \"$registry\" = registry.example.com ] || exit 3\n"
                + "echo '{\"ServerURL\":\"registry.example.com\",\"Username\":\"bot\",\"Secret\":\"from-helper\"}'");
        helper("desktop", "echo 'credentials not found in native keychain'; exit 1");
        configJson("{\"credsStore\": \"desktop\", \"credHelpers\": {\"registry.example.com\": \"team\"},"
                + " \"auths\": {\"registry.example.com\": {\"auth\": \"" + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8))
                + "\"}}}");

        RegistryAuth.Credentials c = auth().forImage("registry.example.com/app:1");

        assertThat(decoded(c)).isEqualTo("{\"username\":\"bot\",\"password\":\"from-helper\",\"serveraddress\":\"registry.example.com\"}");
        assertThat(c.from()).isEqualTo("docker-credential-team");
    }

    @Test
    void aStoreWithNothingForTheRegistryFallsBackToTheAuthsAndATokenUserIsAnIdentityToken() throws IOException {
        helper("desktop", "[ \"$registry\" = https://index.docker.io/v1/ ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
                + "echo '{\"ServerURL\":\"\",\"Username\":\"<token>\",\"Secret\":\"hub-token\"}'");
        configJson("{\"credsStore\": \"desktop\", \"auths\": {\"localhost:5000\": {\"auth\": \""
                + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8)) + "\"}}}");

        assertThat(decoded(auth().forImage("localhost:5000/app")))
                .isEqualTo("{\"username\":\"ci\",\"password\":\"pw\",\"serveraddress\":\"localhost:5000\"}");
        assertThat(decoded(auth().forImage("busybox")))
                .isEqualTo("{\"identitytoken\":\"hub-token\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
    }

    @Test
    void aHelperThatFailsOrIsMissingIsAnErrorNamingIt() throws IOException {
        helper("broken", "echo 'gpg: decryption failed: No secret key' >&2; exit 1");
        configJson("{\"credHelpers\": {\"localhost:5000\": \"broken\", \"registry.example.com\": \"absent\"}}");

        assertThatThrownBy(() -> auth().forImage("localhost:5000/app")).isInstanceOf(RegistryAuth.AuthException.class)
                .hasMessage("docker-credential-broken get failed for localhost:5000 (exit 1): gpg: decryption failed: No secret key");
        assertThatThrownBy(() -> auth().forImage("registry.example.com/app")).isInstanceOf(RegistryAuth.AuthException.class)
                .hasMessage("docker-credential-absent (the credential helper config.json names for registry.example.com)"
                        + " is not on the PATH");
    }

    @Test
    void withoutConfigThereAreNoCredentials() {
        RegistryAuth.Credentials c = auth().forImage("localhost:5000/app");

        assertThat(c.header()).isNull();
        assertThat(c.registry()).isEqualTo("localhost:5000");
    }
}
