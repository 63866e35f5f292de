package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.cli.Tool;
import dev.cccf.diff.Diff;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Engine;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.scale.Scale;
import dev.cccf.testkit.Prerequisites;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects on the engines of {@code scripts/engines.sh start}: two folders' {@code wanted.json}
 * are two projects that leave each other alone, {@code cccf down} removes one project only, and
 * {@code cccf inspect --project P | cccf scale down} gives back the scaled document applied.
 * The projects and container names are the test's own ({@code cccf-pj-XXXXXXXX-...}).
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectEngineTest {
    private final String tag = "cccf-pj-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, DockerJavaEngine> engines = new LinkedHashMap<>();
    private Path hostsFile;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    void engines() {
        hostsFile = TestEngines.hostsFile();
        for (TestEngines.Engine e : TestEngines.require(2)) {
            DockerJavaEngine engine = new DockerJavaEngine(e.url());
            engines.put(e.id(), engine);
            Prerequisites.require(engine.inspectImage(TestEngines.IMAGE).isPresent(),
                    "the image " + TestEngines.IMAGE + " on " + e.id() + " (run scripts/engines.sh start)");
        }
    }

    @AfterEach
    void removeOurs() {
        for (DockerJavaEngine e : engines.values()) {
            for (JsonNode c : e.list(true)) {
                String name = c.path("Names").path(0).asText().substring(1);
                if (name.startsWith(tag)) {
                    e.remove(name);
                }
            }
        }
    }

    @AfterAll
    void close() {
        engines.values().forEach(Engine::close);
    }

    private static Run cccf(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0"));
        int code = DockerMain.run(args, streams);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code name -> [state, project, source]} of the test's containers on every engine. */
    private Map<String, List<String>> ours() {
        Map<String, List<String>> out = new TreeMap<>();
        for (DockerJavaEngine e : engines.values()) {
            for (JsonNode c : e.list(true)) {
                String name = c.path("Names").path(0).asText().substring(1);
                if (name.startsWith(tag)) {
                    JsonNode labels = c.path("Labels");
                    out.put(name, List.of(c.path("State").asText(), labels.path(CccfLabels.PROJECT).asText(),
                            labels.path(CccfLabels.SOURCE).asText()));
                }
            }
        }
        return out;
    }

    private Path wanted(Path dir, String folder, String json) throws Exception {
        Path f = Files.createDirectories(dir.resolve(tag + "-" + folder)).resolve("wanted.json");
        return Files.writeString(f, json.replace("TAG", tag).replace("IMAGE", TestEngines.IMAGE));
    }

    @Test
    void twoFoldersWantedJsonDoNotTouchEachOtherAndDownRemovesOneProjectOnly(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir, "shop", """
                [{"id": "TAG-shop-web", "image": "IMAGE", "cmd": ["sleep", "3600"], "scale": 2}]""");
        Path blog = wanted(dir, "blog", """
                [{"id": "TAG-blog-web", "image": "IMAGE", "cmd": ["sleep", "3600"]}]""");
        assertThat(cccf("apply", shop.toString(), "--hosts", hostsFile.toString()).code()).isZero();
        Run blogApplied = cccf("apply", blog.toString(), "--hosts", hostsFile.toString(), "--compact");
        assertThat(blogApplied.code()).as(blogApplied.err()).isZero();
        Map<String, List<String>> both = ours();
        Files.writeString(shop, Files.readString(shop).replace("\"scale\": 2", "\"scale\": 1"));

        Run shopAgain = cccf("apply", shop.toString(), "--hosts", hostsFile.toString(), "--compact");
        Run down = cccf("down", shop.toString(), "--hosts", hostsFile.toString(), "--compact", "--stop-timeout", "1");

        String shopProject = tag + "-shop";
        String blogProject = tag + "-blog";
        assertThat(both).containsOnlyKeys(tag + "-shop-web", tag + "-shop-web-scale-1", tag + "-blog-web");
        assertThat(both.get(tag + "-blog-web")).containsExactly("running", blogProject, blog.toRealPath().toString());
        assertThat(both.get(tag + "-shop-web")).containsExactly("running", shopProject, shop.toRealPath().toString());
        assertThat(blogApplied.out()).contains("\"removed\":[]").contains("\"foreign\":[]");
        assertThat(shopAgain.code()).as(shopAgain.err()).isZero();
        assertThat(shopAgain.out()).contains("\"removed\":[{\"id\":\"" + tag + "-shop-web-scale-1\"");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("\"removed\":[{\"id\":\"" + tag + "-shop-web\"");
        assertThat(ours()).containsOnlyKeys(tag + "-blog-web");
        assertThat(ours().get(tag + "-blog-web")).isEqualTo(both.get(tag + "-blog-web"));
    }

    @Test
    void inspectOfAProjectScaledDownIsTheDocumentApplied(@TempDir Path dir) throws Exception {
        Path app = wanted(dir, "app", """
                [{"id": "TAG-web", "image": "IMAGE", "cmd": ["sleep", "3600"], "scale": 3},
                 {"id": "TAG-db", "image": "IMAGE", "cmd": ["sleep", "3600"]}]""");
        assertThat(cccf("apply", app.toString(), "--hosts", hostsFile.toString()).code()).isZero();

        Run inspect = cccf("inspect", "--hosts", hostsFile.toString(), "--project", tag + "-app", "--compact");

        assertThat(inspect.code()).as(inspect.err()).isZero();
        List<Container> read = Cccf.parse(inspect.out()).containers();
        assertThat(read).extracting(Container::id).containsExactlyInAnyOrder(tag + "-db", tag + "-web", tag + "-web-scale-1",
                tag + "-web-scale-2");
        List<Container> folded = Scale.down(new ArrayList<>(read));
        assertThat(folded).extracting(Container::id).containsExactlyInAnyOrder(tag + "-db", tag + "-web");
        assertThat(Diff.between(folded, Cccf.read(app).containers()).isEmpty()).isTrue();
    }
}
