package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.docker.cli.InspectTool;
import dev.cccf.docker.cli.PlanTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container on several networks: created on the first, joined to the others with their aliases
 * before it starts (engines before API 1.44 refuse a create on several); plan prints the joins
 * where apply makes them. On {@link MemoryEngine}.
 */
class NetworksApplyTest {
    private static final String TWO_NETWORKS = """
            [{"id": "api", "image": "busybox", "networks": {"front": {"aliases": ["www"]}, "back": {"aliases": ["api-v1"]}}}]""";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MemoryEngine engine = new MemoryEngine();

    private ToolRun apply(Path wanted) {
        return ToolRun.of(s -> new ApplyTool(s, url -> engine), wanted.toString(), "--parallel", "1");
    }

    private static Path wanted(Path folder, String json) throws IOException {
        return Files.writeString(Files.createDirectories(folder).resolve("wanted.json"), json);
    }

    @Test
    void aContainerIsCreatedOnTheFirstNetworkAndJoinsTheOthersWithTheirAliasesBeforeItStarts(@TempDir Path dir) throws Exception {
        ToolRun r = apply(wanted(dir.resolve("shop"), TWO_NETWORKS));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).containsExactly("create network front", "create network back", "create api",
                "connect api back", "start api");
        assertThat(engine.containers.get("api").path("NetworkSettings").path("Networks").toString())
                .isEqualTo("{\"front\":{\"Aliases\":[\"www\"]},\"back\":{\"Aliases\":[\"api-v1\"]}}");
        assertThat(engine.networks.get("back").path("Labels").path(CccfLabels.PROJECT).asText()).isEqualTo("shop");
    }

    @Test
    void aSecondApplyHasNothingToDoAndChangedNetworksReplaceTheContainer(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("shop"), TWO_NETWORKS);
        apply(wanted);
        engine.calls.clear();

        ToolRun again = apply(wanted);

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(engine.calls).isEmpty();

        Files.writeString(wanted, """
                [{"id": "api", "image": "busybox", "networks": {"front": {"aliases": ["www"]}, "ops": {}}}]""");
        ToolRun changed = apply(wanted);

        assertThat(changed.exit()).as(changed.err()).isZero();
        // start-first: the new one, ready, joins each of its networks again with the name as an alias, then the old one leaves its own
        assertThat(engine.calls).containsExactly("create network ops", "create api-cccf-next", "connect api-cccf-next ops",
                "start api-cccf-next", "disconnect api-cccf-next front", "connect api-cccf-next front", "disconnect api-cccf-next ops",
                "connect api-cccf-next ops", "disconnect api back", "disconnect api front", "rename api api-cccf-old",
                "rename api-cccf-next api", "stop api-cccf-old", "remove api-cccf-old", "remove network back");
        assertThat(engine.networks).containsOnlyKeys("front", "ops");
    }

    @Test
    void anApplyWithNothingToDoAndNoNetworkOfItsProjectListsTheNetworksOnceBesideItsLook(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("shop"), "[{\"id\": \"api\", \"image\": \"busybox\"}]");
        apply(wanted);
        engine.networkLists = 0;

        ToolRun again = apply(wanted);

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(engine.networkLists).isEqualTo(1);
    }

    @Test
    void aNetworkOfTheProjectThatNoContainerUsesAnyMoreGoesWithAnApplyThatHasNothingElseToDo(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("shop"), TWO_NETWORKS);
        apply(wanted);
        // left by an apply cut short: the project's, and no container uses it
        engine.createNetwork(JSON.readTree("{\"Name\": \"old\", \"Labels\": {\"" + CccfLabels.PROJECT + "\": \"shop\"}}"));
        engine.calls.clear();

        ToolRun r = apply(wanted);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(engine.calls).containsExactly("remove network old");
        assertThat(r.err()).contains("network old removed from ").contains("(no container uses it)");
        assertThat(engine.networks).containsOnlyKeys("front", "back");
    }

    @Test
    void aContainerThatCannotJoinANetworkIsRemovedAgainAndItsStepFails(@TempDir Path dir) throws Exception {
        engine.fails("connect api back", "connect api to network back: the engine answered 404 network back not found");

        ToolRun r = apply(wanted(dir.resolve("shop"), TWO_NETWORKS));

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("api failed: connect api to network back: the engine answered 404 network back not found");
        assertThat(engine.calls).contains("remove api").doesNotContain("start api");
        assertThat(engine.containers).doesNotContainKey("api");
    }

    @Test
    void planPrintsTheJoinsBetweenTheCreateAndTheStartAsApplyMakesThem(@TempDir Path dir) throws Exception {
        ToolRun r = ToolRun.of(s -> new PlanTool(s, url -> engine), wanted(dir.resolve("shop"), TWO_NETWORKS).toString(), "--format", "shell");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> !l.contains(" network create ")).toList()).containsExactly(
                "docker -H=unix:///memory.sock create --name=api --network=front --network-alias=www busybox",
                "docker -H=unix:///memory.sock network connect --alias=api-v1 back api",
                "docker -H=unix:///memory.sock start api");
        assertThat(r.out()).contains("docker -H=unix:///memory.sock network create --label=dev.cccf.project=shop back");
    }

    @Test
    void planWithInspectCreatesOnlyTheNetworksTheEngineLacks(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("shop"), TWO_NETWORKS);
        apply(wanted);
        Files.writeString(wanted, """
                [{"id": "api", "image": "busybox:2", "networks": {"front": {"aliases": ["www"]}, "back": {}, "ops": {}}}]""");

        ToolRun r = ToolRun.of(s -> new PlanTool(s, url -> engine), wanted.toString(), "--inspect", "--format", "shell");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains(" network create ")).toList())
                .containsExactly("docker -H=unix:///memory.sock network create --label=dev.cccf.project=shop ops");
        assertThat(r.out()).contains("network connect back api", "network connect ops api");
    }

    @Test
    void inspectingTheProjectGivesBackItsContainersNetworksAndVolumesAsWantedDeclaresThem(@TempDir Path dir) throws Exception {
        String shop = """
                {"networks": {"back": {"internal": true, "labels": {"tier": "data"}}},
                 "volumes": {"pgdata": {"options": {"type": "tmpfs", "device": "tmpfs"}}},
                 "containers": [{"id": "db", "image": "busybox", "volumes": ["pgdata:/data"],
                                 "networks": {"back": {"aliases": ["database"]}, "front": {}}}]}""";
        apply(wanted(dir.resolve("shop"), shop));
        apply(wanted(dir.resolve("blog"), """
                {"volumes": {"posts": {}}, "containers": [{"id": "blog", "image": "busybox", "volumes": ["posts:/p"],
                 "networks": ["blognet"]}]}"""));
        engine.createNetwork(JSON.createObjectNode().put("Name", "by-hand"));

        ToolRun r = ToolRun.of(s -> new InspectTool(s, url -> engine), "--project", "shop");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode inspected = JSON.readTree(r.out());
        assertThat(inspected.get("networks").toString()).isEqualTo(
                "{\"back\":{\"labels\":{\"tier\":\"data\"},\"internal\":true},\"front\":{}}");
        assertThat(inspected.get("volumes").toString()).isEqualTo("{\"pgdata\":{\"options\":{\"device\":\"tmpfs\",\"type\":\"tmpfs\"}}}");
        JsonNode db = JSON.readTree(shop).get("containers").get(0);
        assertThat(inspected.get("containers")).singleElement().satisfies(c -> {
            assertThat(c.get("id")).isEqualTo(db.get("id"));
            assertThat(c.get("networks")).isEqualTo(db.get("networks"));
            assertThat(c.get("volumes")).isEqualTo(db.get("volumes"));
        });
    }
    private static final String FIXED_ADDRESS = """
            {"networks": {"dns-net": {"ipam": {"config": [{"subnet": "172.20.0.0/24", "gateway": "172.20.0.1",
                                                           "aux_addresses": {"router": "172.20.0.2"}}]}}},
             "containers": [{"id": "dns", "image": "busybox", "networks": {"dns-net": {"ipv4_address": "172.20.0.5"}}}]}""";

    @Test
    void aNetworkIsMadeWithTheSubnetItDeclaresAndInspectGivesBackTheDeclarationNotDockersDefaults(@TempDir Path dir)
            throws Exception {
        ToolRun r = apply(wanted(dir.resolve("dns"), FIXED_ADDRESS));

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode body = engine.networks.get("dns-net");
        assertThat(body.path("IPAM").toString()).isEqualTo("{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"172.20.0.0/24\","
                + "\"Gateway\":\"172.20.0.1\",\"AuxiliaryAddresses\":{\"router\":\"172.20.0.2\"}}],\"Options\":{}}");
        assertThat(engine.containers.get("dns").path("NetworkSettings").path("Networks").path("dns-net").path("IPAMConfig")
                .path("IPv4Address").asText()).isEqualTo("172.20.0.5");
        // docker fills in an IPAM of its own for every network: inspect reads the declaration from cccf's label
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("IPAM").path("Config").get(0)).put("IPRange", "172.20.0.0/24");

        ToolRun inspect = ToolRun.of(s -> new InspectTool(s, url -> engine), "--project", "dns");

        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(JSON.readTree(inspect.out()).get("networks")).isEqualTo(JSON.readTree(FIXED_ADDRESS).get("networks"));
    }

    @Test
    void planCreatesTheNetworkWithItsSubnetAsDockersCommandLineTakesIt(@TempDir Path dir) throws Exception {
        ToolRun r = ToolRun.of(s -> new PlanTool(s, url -> engine), wanted(dir.resolve("dns"), FIXED_ADDRESS).toString(),
                "--format", "shell");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("docker -H=unix:///memory.sock network create --label=dev.cccf.project=dns --subnet=172.20.0.0/24"
                + " --gateway=172.20.0.1 --aux-address=router=172.20.0.2 '--label=dev.cccf.ipam={\"config\":[{\"aux_addresses\":"
                + "{\"router\":\"172.20.0.2\"},\"gateway\":\"172.20.0.1\",\"subnet\":\"172.20.0.0/24\"}]}' dns-net");
    }

    @Test
    void aNetworkOfTheProjectMadeFromAnotherDeclarationIsUsedAsItIsWithAWarning(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("dns"), FIXED_ADDRESS);
        ToolRun first = apply(wanted);
        ToolRun same = apply(wanted);
        Files.writeString(wanted, FIXED_ADDRESS.replace("\"aux_addresses\": {\"router\": \"172.20.0.2\"}", "\"ip_range\": \"172.20.0.0/25\""));
        engine.calls.clear();

        ToolRun changed = apply(wanted);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(same.err()).doesNotContain("not as declared");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(changed.err()).contains("cccf apply: network dns-net on unix:///memory.sock is not as declared (made from another"
                + " declaration): used as it is; 'cccf down' and apply again make it anew");
        assertThat(engine.calls).doesNotContain("create network dns-net", "remove network dns-net");
    }
}
