package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import dev.cccf.core.cli.Tool;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check before break on engine h1 of {@code scripts/engines.sh}: a running container whose new
 * image the engine lacks and cannot pull (its registry is down), or whose new host port another
 * container holds, is left running; apply exits 3 and says why. Containers and the tag of the
 * test image are the test's own ({@code cccf-test/...}, a project of its own), removed afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckBeforeBreakEngineTest {
    private final String project = "cccfcbb" + UUID.randomUUID().toString().substring(0, 8);
    private final String image = "cccf-test/busybox:" + project;
    private TestEngines.Engine h1;
    private DockerJavaEngine engine;
    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    void tagTheTestImage() {
        h1 = TestEngines.require(1).get(0);
        engine = new DockerJavaEngine(h1.url());
        String[] ref = image.split(":");
        engine.client().tagImageCmd(TestEngines.IMAGE, ref[0], ref[1]).withForce().exec();
    }

    @AfterAll
    void removeWhatTheTestMade() throws IOException {
        if (engine != null) {
            apply("[]");
            engine.remove(project + "-holder");
            engine.client().removeImageCmd(image).exec();
            engine.close();
        }
    }

    private Run apply(String wanted) throws IOException {
        Path file = Files.writeString(dir.resolve(project + ".json"), wanted);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DockerMain.run(new String[] {"apply", file.toString(), "-H", h1.url(), "--stop-timeout", "1", "--compact"},
                new Tool.Streams(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("DOCKER_CONFIG", dir.resolve("none").toString())));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String web(String imageRef, String ports) {
        return """
                [{"id": "%s-web", "image": "%s", "cmd": ["sleep", "3600"], "ports": [%s]}]""".formatted(project, imageRef, ports);
    }

    private String stateOfWeb() {
        JsonNode c = engine.inspect(project + "-web").orElseThrow();
        return c.path("State").path("Status").asText() + " " + c.path("Config").path("Image").asText();
    }

    @Test
    void aReplacementThatCannotBeMadeLeavesTheRunningContainerRunning() throws IOException {
        Run first = apply(web(image, ""));
        assertThat(first.code()).as(first.err()).isZero();

        // nothing listens on port 1 of the engine's loopback: the registry is down
        String absent = "127.0.0.1:1/cccf-test/absent:" + project;
        Run unpullable = apply(web(absent, ""));

        assertThat(unpullable.code()).as(unpullable.err()).isEqualTo(3);
        assertThat(unpullable.out()).contains("\"removed\":[]").contains("\"error\":\"image " + absent
                + " could not be pulled from 127.0.0.1:1 (no credentials for it): ")
                .contains("not replaced: the running container was left as it is");
        assertThat(stateOfWeb()).isEqualTo("running " + image);

        engine.client().createContainerCmd(image).withName(project + "-holder").withCmd("sleep", "3600")
                .withExposedPorts(ExposedPort.tcp(80)).withHostConfig(HostConfig.newHostConfig().withPortBindings(PortBinding.parse("18080:80"))).exec();
        engine.start(project + "-holder");
        Run portHeld = apply(web(image, "\"18080:80\""));

        assertThat(portHeld.code()).as(portHeld.err()).isEqualTo(3);
        assertThat(portHeld.out()).contains("\"error\":\"host port 18080/tcp is held by container " + project
                + "-holder, which this apply does not remove; not replaced: the running container was left as it is\"");
        assertThat(stateOfWeb()).isEqualTo("running " + image);
    }
}
