package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.core.cli.Tool;
import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.docker.cli.PlanTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply and plan --inspect put a new container that mounts a named volume on the engine that has the volume. */
class VolumePlacementApplyTest {
    private final MemoryEngine a = new MemoryEngine();
    private final MemoryEngine b = new MemoryEngine();

    private static final String WANTED = """
            {"name": "shop", "volumes": {"pgdata": {}},
             "containers": [{"id": "db", "image": "postgres:16", "volumes": ["pgdata:/var/lib/postgresql/data"]}]}""";

    private Path hosts(Path dir) throws Exception {
        return Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "a", "docker": "unix:///a.sock"}, {"id": "b", "docker": "unix:///b.sock"}]""");
    }

    private MemoryEngine engine(Endpoint e) {
        return e.url().contains("a.sock") ? a : b;
    }

    private void volumeOnB(String project) {
        b.volumes.put("pgdata", JsonNodeFactory.instance.objectNode().put("Name", "pgdata")
                .set("Labels", JsonNodeFactory.instance.objectNode().put(CccfLabels.PROJECT, project)));
    }

    private static Tool.Streams streams(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Tool.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void applyCreatesTheContainerOnTheEngineThatHasTheProjectsVolume(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), WANTED);
        volumeOnB("shop");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new ApplyTool(streams(new ByteArrayOutputStream(), err), this::engine)
                .execute(wanted.toString(), "--hosts", hosts(dir).toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(b.containers).containsKey("db");
        assertThat(a.containers).isEmpty();
        assertThat(a.volumes).isEmpty();
    }

    @Test
    void anotherProjectsVolumeOfThatNameDoesNotCount(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), WANTED);
        volumeOnB("blog");

        int exit = new ApplyTool(streams(new ByteArrayOutputStream(), new ByteArrayOutputStream()), this::engine)
                .execute(wanted.toString(), "--hosts", hosts(dir).toString());

        assertThat(exit).isZero();
        assertThat(a.containers).containsKey("db"); // spread: the first host
    }

    @Test
    void planInspectSaysWhereTheVolumeIs(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), WANTED);
        volumeOnB("shop");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new PlanTool(streams(out, new ByteArrayOutputStream()), this::engine)
                .execute(wanted.toString(), "--hosts", hosts(dir).toString(), "--inspect");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("+ db  on b");
    }

    @Test
    void containersThatMountAnNfsShareSpreadAndEachEngineGetsTheVolume(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                {"name": "shop", "volumes": {"media": {"options": {"type": "nfs", "o": "addr=10.0.0.5,rw", "device": ":/media"}}},
                 "containers": [{"id": "web", "image": "nginx", "scale": 2, "volumes": ["media:/usr/share/nginx/html:ro"]}]}""");
        b.volumes.put("media", JsonNodeFactory.instance.objectNode().put("Name", "media")
                .set("Labels", JsonNodeFactory.instance.objectNode().put(CccfLabels.PROJECT, "shop")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new ApplyTool(streams(new ByteArrayOutputStream(), err), this::engine)
                .execute(wanted.toString(), "--hosts", hosts(dir).toString());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(a.containers).containsOnlyKeys("web");
        assertThat(b.containers).containsOnlyKeys("web-scale-1");
        assertThat(a.volumes.get("media").path("Options").path("type").asText()).isEqualTo("nfs");
    }
}
