package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Tool;
import dev.cccf.docker.Engine;
import dev.cccf.docker.swarm.MemorySwarm;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --swarm} of plan, apply and inspect in-process on a swarm in memory, and {@code plan --target swarm}. */
class SwarmToolTest extends CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MemorySwarm swarm = new MemorySwarm(2);

    private Tool.Streams streams() {
        return new Tool.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private int tool(String verb, String... args) {
        out.reset();
        err.reset();
        Tool t = switch (verb) {
            case "apply" -> new ApplyTool(streams(), e -> { throw new Engine.EngineException("no engines here"); }, e -> swarm);
            case "plan" -> new PlanTool(streams(), e -> { throw new Engine.EngineException("no engines here"); }, e -> swarm);
            default -> new InspectTool(streams(), e -> { throw new Engine.EngineException("no engines here"); }, e -> swarm);
        };
        return t.execute(args);
    }

    /** WANTED in a folder called shop: the project's default name. */
    private static Path app(Path dir, String json) throws Exception {
        Path file = Files.createDirectories(dir.resolve("shop")).resolve("shop.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void applyCreatesOneServicePerContainerAndTheSecondChangesNothing(@TempDir Path dir) throws Exception {
        Path app = app(dir, "[{\"id\": \"web\", \"image\": \"nginx:1\", \"scale\": 3}, {\"id\": \"db\", \"image\": \"postgres\"}]");

        assertThat(tool("apply", app.toString(), "--swarm", "-H", "unix:///run/m.sock", "--wait")).as(stderr()).isZero();
        JsonNode first = JSON.readTree(stdout());
        int again = tool("apply", app.toString(), "--swarm", "-H", "unix:///run/m.sock");

        assertThat(first.path("created").findValuesAsText("id")).containsExactly("web", "db");
        assertThat(swarm.spec("web").path("Labels").path("dev.cccf.project").asText()).isEqualTo("shop");
        assertThat(again).isZero();
        assertThat(JSON.readTree(stdout()).path("unchanged").asInt()).isEqualTo(2);
        assertThat(stderr()).contains("cccf apply: nothing to do: 2 service(s) as wanted");
    }

    @Test
    void theDocumentsNameIsTheProjectAndItsNetworkGoesWithItsLastService(@TempDir Path dir) throws Exception {
        Path app = app(dir, "{\"name\": \"blog\", \"networks\": {\"back\": {\"labels\": {\"tier\": \"db\"}}},"
                + " \"containers\": [{\"id\": \"ghost\", \"image\": \"ghost:5\", \"networks\": [\"back\"]}]}");

        assertThat(tool("apply", app.toString(), "--swarm", "-H", "unix:///run/m.sock")).as(stderr()).isZero();
        JsonNode created = JSON.readTree(stdout());
        String project = swarm.spec("ghost").path("Labels").path("dev.cccf.project").asText();
        app(dir, "{\"name\": \"blog\", \"containers\": []}");
        assertThat(tool("apply", app.toString(), "--swarm", "-H", "unix:///run/m.sock")).as(stderr()).isZero();

        assertThat(project).isEqualTo("blog"); // not shop, the folder's name
        assertThat(created.path("networks").toString()).isEqualTo("[\"back\"]");
        assertThat(swarm.calls()).containsExactly("network back", "create ghost", "remove ghost", "remove network back");
        assertThat(JSON.readTree(stdout()).path("removed_networks").toString()).isEqualTo("[\"back\"]");
        assertThat(stderr()).contains("cccf apply: removed network back (no service joins it)");
    }

    @Test
    void planAndDryRunShowTheChangesAndWhyWithoutMakingThem(@TempDir Path dir) throws Exception {
        Path app = app(dir, "[{\"id\": \"web\", \"image\": \"nginx:1\", \"scale\": 3}, {\"id\": \"db\", \"image\": \"postgres\"}]");
        tool("apply", app.toString(), "--swarm", "-H", "unix:///run/m.sock");
        app(dir, "[{\"id\": \"web\", \"image\": \"nginx:2\", \"scale\": 3, \"env\": [\"A=1\"]},"
                + " {\"id\": \"cache\", \"image\": \"redis\", \"global\": true, \"networks\": [\"front\"]}]");

        assertThat(tool("plan", app.toString(), "--swarm", "-H", "unix:///run/m.sock")).isZero();
        String plan = stdout();
        assertThat(tool("apply", app.toString(), "--swarm", "--dry-run", "-H", "unix:///run/m.sock")).isZero();

        assertThat(Arrays.asList(plan.split("\n"))).containsExactly(
                "+ network front: create (overlay, attachable)",
                "- db: remove",
                "~ web: update in place (rolling): image: nginx:1 -> nginx:2; env: +A=1",
                "+ cache: create, global (one task on each node)",
                "1 to create, 1 to update, 1 to remove, 0 as wanted, 0 of other projects left alone");
        assertThat(stdout()).isEqualTo(plan);
        assertThat(swarm.calls()).containsExactly("create web", "create db");
        assertThat(tool("plan", app.toString(), "--swarm", "-H", "unix:///run/m.sock", "--format", "json")).isZero();
        assertThat(JSON.readTree(stdout())).isEqualTo(JSON.readTree("""
                {"create": [{"id": "cache", "replicas": -1}],
                 "update": [{"id": "web", "reasons": ["image: nginx:1 -> nginx:2", "env: +A=1"]}],
                 "remove": ["db"], "unchanged": 0, "foreign": 0, "create_networks": ["front"], "remove_networks": []}"""));
    }

    @Test
    void inspectReadsTheServicesBackAsTheWantedContainers(@TempDir Path dir) throws Exception {
        String wanted = "[{\"id\":\"web\",\"image\":\"nginx:1\",\"scale\":3},{\"id\":\"db\",\"image\":\"postgres\",\"global\":true}]";
        tool("apply", app(dir, wanted).toString(), "--swarm", "-H", "unix:///run/m.sock");

        assertThat(tool("inspect", "--swarm", "-H", "unix:///run/m.sock", "--compact")).isZero();

        assertThat(JSON.readTree(stdout())).isEqualTo(JSON.readTree(wanted));
    }

    @Test
    void aServiceOfAnotherOwnerWithAWantedNameIsRefusedWhereTheContainerStands(@TempDir Path dir) throws Exception {
        Path other = Files.createDirectories(dir.resolve("blog")).resolve("blog.json");
        Files.writeString(other, "{\"id\": \"web\", \"image\": \"ghost\"}");
        tool("apply", other.toString(), "--swarm", "-H", "unix:///run/m.sock");
        Path app = app(dir, "[\n  {\"id\": \"web\", \"image\": \"nginx:1\"}]");

        assertThat(tool("plan", app.toString(), "--swarm", "-H", "unix:///run/m.sock")).isEqualTo(ExitCode.INVALID);
        assertThat(stderr()).startsWith(app + ":2:3: $[0]: [service-name-taken] service web exists on the swarm and belongs"
                + " to project blog");
        assertThat(tool("apply", app.toString(), "--swarm", "-H", "unix:///run/m.sock")).isEqualTo(ExitCode.FAILURE);
        assertThat(JSON.readTree(stdout()).path("failed").findValuesAsText("id")).containsExactly("web");
    }

    @Test
    void theSwarmIsReachedThroughOneManager() throws Exception {
        assertThat(tool("apply", "../examples/app.json", "--swarm", "--hosts", "../examples/hosts.json")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("a swarm is reached through one manager: give -H URL (or --context), not --hosts");
        assertThat(tool("inspect", "--swarm", "-H", "tcp://a:2376", "-H", "tcp://b:2376")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theSwarmTargetPlansOneServicePerContainerWithItsReplicas(@TempDir Path dir) throws Exception {
        assertThat(run("plan", "../examples/app.json", "--target", "swarm", "-H", "unix:///run/m.sock")).as(stderr()).isZero();

        List<String> lines = Arrays.asList(stdout().split("\n"));
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("docker -H=unix:///run/m.sock service create "));
        assertThat(lines).filteredOn(l -> l.contains("--name=web ")).singleElement().asString().contains("--replicas=3");
        assertThat(stdout()).doesNotContain("web-scale-1");

        Path current = dir.resolve("current.json");
        Files.writeString(current, Files.readString(Path.of("../examples/app.json")).replace("\"scale\": 3", "\"scale\": 2"));
        out.reset();
        assertThat(run("plan", "../examples/app.json", "--target", "swarm", "--current", current.toString())).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("docker service update --replicas=3 web\n");
    }
}
