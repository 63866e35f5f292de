package dev.cccf.docker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan and apply against a swarm in memory: one service per container, in place, idempotent, other owners left alone. */
class SwarmApplyTest {
    private final MemorySwarm swarm = new MemorySwarm(2);
    private final List<String> progress = new ArrayList<>();

    private static List<Container> wanted(String json) {
        return Cccf.parse(json).containers();
    }

    private SwarmApply.Report apply(List<Container> wanted, String project) {
        return apply(Document.of(wanted), project);
    }

    private SwarmApply.Report apply(Document wanted, String project) {
        return SwarmApply.run(plan(wanted, project), swarm, project, progress::add);
    }

    private SwarmPlan plan(Document wanted, String project) {
        return SwarmPlan.of(wanted, SwarmState.read(swarm.services()), swarm.networks(), project);
    }

    private static final String APP = """
            [{"id": "web", "image": "nginx:1", "scale": 3, "network": "front"},
             {"id": "agent", "image": "agent:1", "global": true},
             {"id": "db", "image": "postgres:16", "constraints": {"disk": "ssd"}}]
            """;

    @Test
    void aContainerWithAScaleIsOneServiceWithItsReplicas() {
        SwarmApply.Report r = apply(wanted(APP), "shop");

        assertThat(r.created()).containsExactly("web", "agent", "db");
        assertThat(r.networks()).containsExactly("front");
        assertThat(swarm.calls()).containsExactly("network front", "create web", "create agent", "create db");
        assertThat(swarm.spec("web").path("Mode").path("Replicated").path("Replicas").asInt()).isEqualTo(3);
        assertThat(swarm.spec("agent").path("Mode").has("Global")).isTrue();
    }

    @Test
    void aSecondApplyChangesNothingEvenWhenSwarmRaisedTheVersions() {
        apply(wanted(APP), "shop");
        swarm.bump("web");

        SwarmPlan again = plan(Document.of(wanted(APP)), "shop");

        assertThat(again.isEmpty()).isTrue();
        assertThat(again.keep()).hasSize(3);
        assertThat(apply(wanted(APP), "shop").unchanged()).isEqualTo(3);
        assertThat(swarm.calls()).hasSize(4);
    }

    @Test
    void aChangedImageOrScaleIsAnUpdateInPlaceWithItsReasons() {
        apply(wanted(APP), "shop");
        String changed = APP.replace("nginx:1", "nginx:2").replace("\"scale\": 3", "\"scale\": 2");

        SwarmPlan plan = SwarmPlan.of(wanted(changed), SwarmState.read(swarm.services()), "shop");
        swarm.bump("web"); // the version read is stale: apply reads it again
        SwarmApply.Report r = SwarmApply.run(plan, swarm, "shop", progress::add);

        assertThat(plan.update()).singleElement().satisfies(u -> {
            assertThat(u.wanted().name()).isEqualTo("web");
            assertThat(u.reasons()).containsExactly("scale: 3 -> 2", "image: nginx:1 -> nginx:2");
        });
        assertThat(r.updated()).containsOnlyKeys("web");
        assertThat(r.failed()).isEmpty();
        assertThat(swarm.calls()).endsWith("update web").doesNotContain("remove web");
        assertThat(swarm.spec("web").path("TaskTemplate").path("ContainerSpec").path("Image").asText()).isEqualTo("nginx:2");
    }

    @Test
    void aServiceGoneFromWantedIsRemovedAndOtherProjectsAreLeftAlone() {
        apply(wanted(APP), "shop");
        apply(wanted("{\"id\": \"blog\", \"image\": \"ghost\"}"), "blog");

        SwarmApply.Report r = apply(wanted(APP).subList(0, 2), "shop");

        assertThat(r.removed()).containsExactly("db");
        assertThat(r.foreign()).containsExactly("blog");
        assertThat(swarm.spec("blog")).isNotNull();
    }

    private static final String NETWORKED = """
            {"name": "shop",
             "networks": {"back": {"driver": "overlay", "options": {"encrypted": ""}, "labels": {"tier": "db"}, "internal": true}},
             "containers": [
               {"id": "api", "image": "api:1", "networks": {"back": {"aliases": ["backend"]}}},
               {"id": "db", "image": "postgres:16", "networks": ["back"]},
               {"id": "web", "image": "nginx:1", "networks": ["front"]}]}
            """;

    @Test
    void theNetworksServicesJoinAreMadeAsDeclaredAttachableAndLabelledForTheProject() {
        SwarmPlan plan = plan(Cccf.parse(NETWORKED), "shop");
        SwarmApply.Report r = SwarmApply.run(plan, swarm, "shop", progress::add);

        assertThat(plan.createNetworks()).extracting(n -> n.toString()).containsExactly(
                "{\"Name\":\"back\",\"CheckDuplicate\":true,\"Driver\":\"overlay\",\"Internal\":true,\"Options\":{\"encrypted\":\"\"},"
                        + "\"Labels\":{\"tier\":\"db\",\"dev.cccf.project\":\"shop\"},\"Attachable\":true}",
                "{\"Name\":\"front\",\"CheckDuplicate\":true,\"Labels\":{\"dev.cccf.project\":\"shop\"},\"Driver\":\"overlay\","
                        + "\"Attachable\":true}");
        assertThat(r.networks()).containsExactly("back", "front");
        assertThat(swarm.calls()).startsWith("network back", "network front");
        assertThat(swarm.spec("api").path("TaskTemplate").path("Networks").toString())
                .isEqualTo("[{\"Target\":\"back\",\"Aliases\":[\"backend\"]}]");
        assertThat(plan(Cccf.parse(NETWORKED), "shop").isEmpty()).isTrue();
    }

    @Test
    void aNetworkOfTheProjectNoServiceJoinsIsRemovedAndOthersAreLeftAlone() {
        apply(Cccf.parse(NETWORKED), "shop");
        swarm.addNetwork("shared", "overlay", "blog");
        swarm.addNetwork("bridged", "bridge", "shop");
        swarm.addNetwork("by-hand", "overlay", null);
        String withoutWeb = NETWORKED.replace(",\n   {\"id\": \"web\", \"image\": \"nginx:1\", \"networks\": [\"front\"]}", "");

        SwarmPlan plan = plan(Cccf.parse(withoutWeb), "shop");
        SwarmApply.Report r = SwarmApply.run(plan, swarm, "shop", progress::add);

        assertThat(plan.remove()).extracting(SwarmState.Service::name).containsExactly("web");
        assertThat(plan.removeNetworks()).containsExactly("front");
        assertThat(r.removedNetworks()).containsExactly("front");
        assertThat(swarm.calls()).endsWith("remove web", "remove network front");
        assertThat(swarm.networks()).extracting(n -> n.path("Name").asText()).containsExactly("back", "shared", "bridged", "by-hand");
        assertThat(plan(Cccf.parse(withoutWeb), "shop").isEmpty()).isTrue();
    }

    @Test
    void aNetworkOfTheProjectThatAnotherOwnersServiceJoinsStays() throws Exception {
        apply(Cccf.parse(NETWORKED), "shop");
        String id = swarm.networks().stream().filter(n -> n.path("Name").asText().equals("front")).findFirst().orElseThrow()
                .path("Id").asText();
        swarm.create(new ObjectMapper().readTree("{\"Name\": \"probe\", \"TaskTemplate\": {\"ContainerSpec\": {\"Image\": \"busybox\"},"
                + " \"Networks\": [{\"Target\": \"" + id + "\"}]}}"));

        assertThat(plan(Cccf.parse("{\"containers\": []}"), "shop").removeNetworks()).containsExactly("back");
    }

    @Test
    void aNetworkStillInUseWhenTheWaitEndsIsLeftForTheNextApply() {
        apply(Cccf.parse(NETWORKED), "shop");

        assertThat(SwarmApply.removeNetwork(swarm, "front", Duration.ZERO)).isFalse();
        assertThat(swarm.networks()).extracting(n -> n.path("Name").asText()).contains("front");
    }

    @Test
    void aNameTakenByAnotherOwnersServiceIsAFailureNamingIt() {
        apply(wanted("{\"id\": \"web\", \"image\": \"ghost\"}"), "blog");

        SwarmPlan plan = SwarmPlan.of(wanted(APP), SwarmState.read(swarm.services()), "shop");
        SwarmApply.Report r = SwarmApply.run(plan, swarm, "shop", progress::add);

        assertThat(plan.blocked()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(SwarmPlan.NAME_TAKEN);
            assertThat(p.message()).contains("belongs to project blog");
        });
        assertThat(r.failed()).extracting(SwarmApply.Failure::id).containsExactly("web");
        assertThat(r.created()).containsExactly("agent", "db");
        assertThat(swarm.spec("web").path("TaskTemplate").path("ContainerSpec").path("Image").asText()).isEqualTo("ghost");
    }

    @Test
    void inspectGivesBackTheWantedContainersWithTheirReplicas() {
        apply(wanted(APP), "shop");

        List<Container> read = SwarmState.read(swarm.services()).stream().map(SwarmState.Service::container).toList();

        assertThat(read).containsExactlyElementsOf(wanted(APP));
    }

    @Test
    void aServiceNotMadeByCccfIsReadFromItsSpec() throws Exception {
        swarm.create(new ObjectMapper().readTree("""
                {"Name": "legacy", "TaskTemplate": {"ContainerSpec": {"Image": "redis:7@sha256:abc", "Args": ["redis-server"],
                   "Env": ["A=1"]}, "Placement": {"Constraints": ["node.labels.zone == a", "node.role==manager"]}},
                 "Mode": {"Replicated": {"Replicas": 2}},
                 "EndpointSpec": {"Ports": [{"Protocol": "tcp", "TargetPort": 6379, "PublishedPort": 16379}]}}
                """));

        SwarmState.Service s = SwarmState.read(swarm.services()).get(0);

        assertThat(s.isCccf()).isFalse();
        assertThat(Cccf.canonical(s.container())).isEqualTo(Cccf.canonical(wanted("""
                {"id": "legacy", "image": "redis:7", "cmd": "redis-server", "env": ["A=1"], "ports": ["16379:6379"], "scale": 2,
                 "constraints": {"zone": "a"}}""").get(0)));
    }

    @Test
    void waitReturnsOnceEveryServiceRunsItsReplicas() throws Exception {
        apply(wanted(APP), "shop");

        assertThat(SwarmApply.await(swarm, List.of("web", "agent", "db"), Duration.ofSeconds(5), progress::add)).isEmpty();
        assertThat(SwarmApply.await(swarm, List.of("gone"), Duration.ofMillis(1), progress::add))
                .extracting(SwarmApply.Failure::error).containsExactly("the service is gone");
    }

    @Test
    void waitHoldsWhileTasksOfTheSpecBeforeAnUpdateRunThoughSwarmHasNotSaidItIsUpdating() throws Exception {
        apply(wanted(APP), "shop");
        swarm.lagging("web"); // swarm took the update but its updater has not started: no UpdateStatus yet, old tasks run
        apply(wanted(APP.replace("nginx:1", "nginx:2")), "shop");

        assertThat(SwarmApply.await(swarm, List.of("web", "db"), Duration.ofMillis(600), progress::add))
                .extracting(SwarmApply.Failure::error).containsExactly("0/3 running (3 of the spec before), rolling update in progress");

        swarm.caughtUp("web");
        assertThat(SwarmApply.await(swarm, List.of("web", "db"), Duration.ofSeconds(5), progress::add)).isEmpty();
    }
}
