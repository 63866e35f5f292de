package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Tool;
import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.docker.cli.DownTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cccf down}: one project's containers go, and only they; with {@code --volumes}, their named volumes. On {@link MemoryEngine}. */
class DownTest {
    private final MemoryEngine engine = new MemoryEngine();

    private record Run(int exit, String out, String err) {
    }

    private Run cccf(Function<Tool.Streams, Tool> tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("-H", "unix:///memory.sock", "--parallel", "1", "--compact"));
        int exit = tool.apply(streams).execute(argv.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run apply(Path wanted) {
        return cccf(s -> new ApplyTool(s, url -> engine), wanted.toString());
    }

    private Run down(String... args) {
        return cccf(s -> new DownTool(s, url -> engine), args);
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

        Run r = down(shop.toString());

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

        Run r = down("-p", "blog");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.containers).isEmpty();
    }

    @Test
    void withoutAFileOrAProjectDownRefusesToGuess() {
        Run r = down();

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

        Run r = down(shop.toString(), "--volumes");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).contains("remove volume shop-data", "remove volume shared").doesNotContain("remove volume /srv/backup");
        assertThat(r.out()).contains("\"volumes\":[{\"name\":\"shop-data\",\"host\":\"unix:///memory.sock\"}]");
        assertThat(r.err()).contains("cccf down: warning: volume shared on unix:///memory.sock left: another container uses it");
    }
}
