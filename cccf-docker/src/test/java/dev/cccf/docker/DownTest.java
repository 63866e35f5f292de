package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

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
                "volumes":[],"failed":[]}
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
}
