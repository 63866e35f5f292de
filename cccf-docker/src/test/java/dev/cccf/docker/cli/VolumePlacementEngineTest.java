package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the two engines of {@code scripts/engines.sh}: a new container that mounts a named volume of
 * its project goes to the engine that has the volume (apply asks each engine for the project's
 * volumes by label), not where spread would put it. Its container and volume are its own
 * ({@code cccf-vol-*}), removed afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumePlacementEngineTest {
    private final String p = "cccf-vol-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerJavaEngine h1;
    private DockerJavaEngine h2;

    @BeforeAll
    void engines() {
        List<TestEngines.Engine> found = TestEngines.require(2);
        h1 = new DockerJavaEngine(found.get(0).url());
        h2 = new DockerJavaEngine(found.get(1).url());
    }

    @AfterAll
    void cleanUp() {
        for (DockerJavaEngine e : Arrays.asList(h1, h2)) {
            if (e != null) { // null: no engines, the test was skipped
                e.remove(p + "-db");
                e.removeVolume(p + "-data");
                e.close();
            }
        }
    }

    @Test
    void aNewContainerGoesToTheEngineThatHasItsProjectsVolume(@TempDir Path dir) throws Exception {
        ObjectNode volume = JsonNodeFactory.instance.objectNode().put("Name", p + "-data");
        volume.putObject("Labels").put(CccfLabels.PROJECT, p);
        h2.createVolume(volume); // on the second host: spread puts a first container on the first
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                {"name": "%1$s", "volumes": {"%1$s-data": {}},
                 "containers": [{"id": "%1$s-db", "image": "%2$s", "cmd": "sleep 3600", "volumes": ["%1$s-data:/data"]}]}
                """.formatted(p, TestEngines.IMAGE));

        ApplyEngineTest.Run run = ApplyEngineTest.cccf(null, "apply", wanted.toString(), "--hosts",
                TestEngines.hostsFile().toString(), "--stop-timeout", "1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(h2.inspect(p + "-db")).isPresent();
        assertThat(h1.inspect(p + "-db")).isEmpty();
        assertThat(h1.volumes()).noneMatch(v -> v.path("Name").asText().equals(p + "-data"));
    }
}
