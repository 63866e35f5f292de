package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.docker.cli.DownTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cccf down}: one project's containers go, and only they; with {@code --volumes}, their named volumes. On {@link MemoryEngine}. */
class DownTest {
    private final MemoryEngine engine = new MemoryEngine();

    private ToolRun apply(Path wanted) {
        return ToolRun.of(s -> new ApplyTool(s, url -> engine), wanted.toString(), "--parallel", "1");
    }

    private ToolRun down(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--parallel", "1"));
        return ToolRun.of(s -> new DownTool(s, url -> engine), argv.toArray(String[]::new));
    }
    private static Path wanted(Path folder, String json) throws IOException {
        return Files.writeString(Files.createDirectories(folder).resolve("wanted.json"), json);
    }

    @Test
    void downRemovesOneProjectsContainersDependentsFirstAndNothingElse(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir.resolve("shop"), """
                [{"id": "shop-db", "image": "d:1"}, {"id": "shop-web", "image": "w:1", "links": ["shop-db"]}]""");
        Path blog = wanted(dir.resolve("blog"), """
                [{"id": "blog-web", "image": "b:1"}]""");
        apply(shop);
        apply(blog);
        engine.made("by-hand", Map.of());
        engine.calls.clear();

        ToolRun r = down(shop.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).containsExactly("stop shop-web", "remove shop-web", "stop shop-db", "remove shop-db");
        assertThat(engine.containers).containsOnlyKeys("blog-web", "by-hand");
        assertThat(r.out()).isEqualTo("""
                {"removed":[{"id":"shop-db","host":"unix:///memory.sock"},{"id":"shop-web","host":"unix:///memory.sock"}],\
                "networks":[],"volumes":[],"failed":[]}
                """);
    }

    @Test
    void theProjectMayBeNamedWithoutAFile(@TempDir Path dir) throws Exception {
        apply(wanted(dir.resolve("blog"), """
                [{"id": "blog-web", "image": "b:1"}]"""));

        ToolRun r = down("-p", "blog");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.containers).isEmpty();
    }

    @Test
    void withoutAFileOrAProjectDownRefusesToGuess() {
        ToolRun r = down();

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("give WANTED, --project NAME or $CCCF_PROJECT");
    }

    @Test
    void volumesRemovesTheNamedVolumesItsContainersMountedButNotOneAnotherProjectStillUses(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir.resolve("shop"), """
                [{"id": "shop-db", "image": "d:1", "volumes": ["shop-data:/var/lib/db", "/srv/backup:/backup", "/cache"]},
                 {"id": "shop-web", "image": "w:1", "volumes": ["shared:/srv"]}]""");
        apply(shop);
        apply(wanted(dir.resolve("blog"), """
                [{"id": "blog-web", "image": "b:1", "volumes": ["shared:/srv"]}]"""));
        engine.calls.clear();

        ToolRun r = down(shop.toString(), "--volumes");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).contains("remove volume shop-data", "remove volume shared").doesNotContain("remove volume /srv/backup");
        assertThat(r.out()).contains("\"volumes\":[{\"name\":\"shop-data\",\"host\":\"unix:///memory.sock\"}]");
        assertThat(r.err()).contains("cccf down: warning: volume shared on unix:///memory.sock left: another container uses it");
    }

    private static final String SHOP = """
            {"volumes": {"pgdata": {}},
             "containers": [{"id": "shop-db", "image": "d:1", "volumes": ["pgdata:/var/lib/db"], "networks": ["back"]},
                            {"id": "shop-web", "image": "w:1", "networks": {"front": {}, "back": {"aliases": ["web"]}}}]}""";

    @Test
    void downRemovesTheProjectsNetworksAfterItsContainersAndKeepsItsNamedVolumes(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir.resolve("shop"), SHOP);
        apply(shop);
        apply(wanted(dir.resolve("blog"), """
                [{"id": "blog-web", "image": "b:1", "networks": ["blognet"]}]"""));
        engine.createNetwork(JsonNodeFactory.instance.objectNode().put("Name", "by-hand"));
        engine.calls.clear();

        ToolRun r = down(shop.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).containsExactly("stop shop-web", "remove shop-web", "stop shop-db", "remove shop-db",
                "remove network back", "remove network front");
        assertThat(engine.networks).containsOnlyKeys("blognet", "by-hand");
        assertThat(engine.volumes).containsOnlyKeys("pgdata");
        assertThat(r.out()).contains("\"networks\":[{\"name\":\"back\",\"host\":\"unix:///memory.sock\"},"
                + "{\"name\":\"front\",\"host\":\"unix:///memory.sock\"}],\"volumes\":[]");
        assertThat(r.err()).contains("cccf down: volume pgdata on unix:///memory.sock kept (its data; --volumes removes it)");
    }

    @Test
    void withVolumesTheProjectsLabelledVolumesGoEvenOnceItsContainersAreGone(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir.resolve("shop"), SHOP);
        apply(shop);
        down(shop.toString());
        engine.calls.clear();

        ToolRun r = down(shop.toString(), "--volumes");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).containsExactly("remove volume pgdata");
        assertThat(engine.volumes).isEmpty();
        assertThat(r.out()).contains("\"volumes\":[{\"name\":\"pgdata\",\"host\":\"unix:///memory.sock\"}]");
    }

    @Test
    void aDryRunSaysWhatWouldGoAndChangesNothing(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir.resolve("shop"), SHOP);
        apply(shop);
        engine.calls.clear();

        ToolRun kept = down(shop.toString(), "--dry-run");
        ToolRun all = down(shop.toString(), "--dry-run", "--volumes");

        assertThat(engine.calls).isEmpty();
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(kept.err()).contains("cccf down: would remove shop-web on unix:///memory.sock",
                "cccf down: would remove network back from unix:///memory.sock",
                "cccf down: would remove network front from unix:///memory.sock",
                "cccf down: volume pgdata on unix:///memory.sock kept (its data; --volumes removes it)");
        assertThat(all.err()).contains("cccf down: would remove volume pgdata from unix:///memory.sock");
        assertThat(all.out()).contains("\"volumes\":[{\"name\":\"pgdata\",\"host\":\"unix:///memory.sock\"}]");
    }
}
