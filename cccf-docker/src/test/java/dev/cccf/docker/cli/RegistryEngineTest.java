package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Tool;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cccf apply} pulls from the private registry of {@code scripts/engines.sh} (htpasswd auth)
 * onto the TLS engine, with the credentials {@code docker login} wrote into a DOCKER_CONFIG of the
 * test's own; after {@code docker logout}, or with a wrong password, the pull is refused: exit 3,
 * the message names the image and the registry, and the running container is left running.
 * The image is pushed under a {@code cccf-test/} name of the test's own, removed afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryEngineTest {
    private final String project = "cccfreg" + UUID.randomUUID().toString().substring(0, 8);
    private TestEngines.TlsEngine engine;
    private TestEngines.Registry registry;
    private String image;
    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    void pushTheTestImage() throws Exception {
        engine = TestEngines.requireTls();
        registry = TestEngines.requireRegistry();
        image = registry.address() + "/cccf-test/busybox:" + project;
        login();
        docker("tag", TestEngines.IMAGE, image);
        docker("push", image);
        docker("rmi", image); // apply must pull it
    }

    @AfterAll
    void removeWhatTheTestMade() throws Exception {
        if (image != null) {
            cccf("apply", Files.writeString(dir.resolve("empty.json"), "[]").toString(), "--project", project, "--stop-timeout", "1");
            dockerMayFail("rmi", image);
        }
    }

    private Path config() {
        return dir.resolve("docker-config");
    }

    private Map<String, String> env() {
        return Map.of("DOCKER_HOST", engine.url(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", engine.client().toString(),
                "DOCKER_CONFIG", config().toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private void login() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("docker", "login", "-u", registry.user(), "--password-stdin", registry.address());
        pb.environment().putAll(env());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write(registry.password().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("docker login: " + out).isZero();
    }

    /** Runs the docker CLI on the TLS engine with the test's DOCKER_CONFIG; its output. */
    private String docker(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env());
        pb.environment().remove("DOCKER_CONTEXT");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("docker " + String.join(" ", args) + ": " + out).isZero();
        return out.trim();
    }

    private void dockerMayFail(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env());
        pb.start().waitFor();
    }

    private Run cccf(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DockerMain.run(args, new Tool.Streams(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new HashMap<>(env())));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** WANTED: one container of the registry's image, with {@code MODE=mode} (a new mode replaces it). */
    private Path wanted(String mode) throws IOException {
        return Files.writeString(dir.resolve(project + ".json"), """
                [{"id": "%s-web", "image": "%s", "cmd": ["sleep", "3600"], "env": ["MODE=%s"]}]"""
                .formatted(project, image, mode));
    }

    @Test
    void applyPullsWithTheLoginsCredentialsAndAfterLogoutFailsBeforeStoppingAnything() throws Exception {
        Run pulled = cccf("apply", wanted("one").toString(), "--compact");

        assertThat(pulled.code()).as(pulled.err()).isZero();
        assertThat(pulled.out()).contains("\"created\":[{\"id\":\"" + project + "-web\"");
        assertThat(pulled.err()).contains(image + ": pulling from " + registry.address()).contains(image + ": pulled (");

        docker("logout", registry.address());
        docker("rmi", "--force", image); // the running container keeps its image; the engine lacks the reference
        Run refused = cccf("apply", wanted("two").toString(), "--compact");

        assertThat(refused.code()).as(refused.err()).isEqualTo(3);
        assertThat(refused.out()).contains("\"removed\":[]").contains("\"error\":\"image " + image + " could not be pulled from "
                + registry.address() + " (no credentials for it): ");
        assertThat(refused.out()).contains("not replaced: the running container was left as it is");
        assertThat(docker("inspect", "--format", "{{.State.Status}} {{index .Config.Env 0}}", project + "-web"))
                .isEqualTo("running MODE=one");
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheRegistryAndTheCredentialsUsed() throws Exception {
        Path wrong = dir.resolve("wrong-config");
        Files.createDirectories(wrong);
        Files.writeString(wrong.resolve("config.json"), "{\"auths\": {\"" + registry.address() + "\": {\"auth\": \""
                + Base64.getEncoder().encodeToString((registry.user() + ":not-the-password").getBytes(StandardCharsets.UTF_8))
                + "\"}}}");
        Path wanted = Files.writeString(dir.resolve(project + "w.json"), """
                [{"id": "%s-wrong", "image": "%s/cccf-test/busybox:%s-absent", "cmd": ["sleep", "3600"]}]"""
                .formatted(project, registry.address(), project));
        Map<String, String> env = new HashMap<>(env());
        env.put("DOCKER_CONFIG", wrong.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = DockerMain.run(new String[] {"apply", wanted.toString(), "--compact"}, new Tool.Streams(
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("could not be pulled from " + registry.address()
                + " (credentials of the auths of " + wrong.resolve("config.json") + "): ").contains("\"created\":[]");
    }
}
