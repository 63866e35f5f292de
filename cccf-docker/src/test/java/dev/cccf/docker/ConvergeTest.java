package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.core.hosts.Wiring;
import dev.cccf.host.PlacementException;
import dev.cccf.host.Strategy;
import dev.cccf.scale.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConvergeTest {
    private static final List<Host> HOSTS = Hosts.parse("""
            [{"id": "h1", "docker": "unix:///h1.sock", "labels": {"disk": "ssd"}},
             {"id": "h2", "docker": "unix:///h2.sock", "labels": {"disk": "hdd"}}]
            """);
    private static final List<Container> WANTED = Cccf.parse("""
            [{"id": "web", "image": "shop:1", "links": ["db"], "scale": 2},
             {"id": "db", "image": "postgres:16", "env": ["A=1"], "constraints": {"disk": "ssd"}},
             {"id": "cache", "image": "redis:7", "conflicts": ["db"]}]
            """).containers();

    static List<Converge.Observed> running(List<Container> placed) {
        return placed.stream().map(c -> new Converge.Observed(c, true, "app")).toList();
    }

    static Map<String, String> hosts(List<Container> containers) {
        return containers.stream().collect(Collectors.toMap(Container::id, Container::host));
    }

    static List<String> ids(List<Container> containers) {
        return containers.stream().map(Container::id).toList();
    }

    @Test
    void fromNothingEveryReplicaIsCreatedOnAHostThatMeetsItsRules() {
        Converge.Result r = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread());

        assertThat(ids(r.create())).containsExactlyInAnyOrder("web", "web-scale-1", "db", "cache");
        assertThat(hosts(r.create())).containsEntry("db", "h1").containsEntry("cache", "h2");
        assertThat(r.remove()).isEmpty();
        assertThat(r.keep()).isEmpty();
    }

    @Test
    void aRenamedContainerGoesWhereItsPredecessorLeftItsNamedVolume() {
        List<Container> old = List.of(Container.of("postgres", "postgres:15").withVolumes(List.of("pgdata:/data")).withHost("h2"));

        Converge.Result r = Converge.plan(Cccf.parse("""
                [{"id": "db", "image": "postgres:16", "volumes": ["pgdata:/data"]}]""").containers(), running(old), HOSTS,
                Strategy.spread(), "app");

        assertThat(ids(r.remove())).containsExactly("postgres");
        assertThat(hosts(r.create())).containsEntry("db", "h2");
    }

    @Test
    void whatRunsAsWantedIsKeptAndNothingIsDone() {
        List<Container> placed = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread()).create();

        Converge.Result again = Converge.plan(WANTED, running(placed), HOSTS, Strategy.spread());

        assertThat(again.isEmpty()).isTrue();
        assertThat(again.keep()).hasSize(4);
        assertThat(again.warnings()).isEmpty();
    }

    @Test
    void aChangedContainerIsReplacedWhereItRunsAndTheOthersStay() {
        List<Container> placed = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread()).create();
        List<Container> changed = new ArrayList<>(WANTED);
        changed.set(2, WANTED.get(2).withImage("redis:8"));

        Converge.Result r = Converge.plan(changed, running(placed), HOSTS, Strategy.spread());

        assertThat(ids(r.remove())).containsExactly("cache");
        assertThat(ids(r.create())).containsExactly("cache");
        assertThat(r.create().get(0).host()).isEqualTo(hosts(placed).get("cache"));
        assertThat(r.create().get(0).image()).isEqualTo("redis:8");
        assertThat(r.keep()).hasSize(3);
    }

    @Test
    void containersLinkedToAReplacedContainerOnItsHostAreMadeAgainToo() {
        List<Container> together = Cccf.parse("""
                [{"id": "db", "image": "postgres:16", "host": "h1"},
                 {"id": "web", "image": "shop:1", "links": ["db"], "host": "h1"},
                 {"id": "proxy", "image": "nginx:1", "links": ["web"], "host": "h1"},
                 {"id": "far", "image": "shop:1", "links": ["db"], "host": "h2"},
                 {"id": "alone", "image": "x:1", "host": "h1"}]
                """).containers();
        List<Container> changed = new ArrayList<>(together);
        changed.set(0, together.get(0).withImage("postgres:17"));

        // what runs is what a first apply made: far's link across hosts became a dependency
        Converge.Result r = Converge.plan(changed, running(Converge.plan(together, List.of(), HOSTS, Strategy.spread()).create()),
                HOSTS, Strategy.spread());

        // web links to db on h1, proxy to web: docker binds links to the old containers; far's link was never made
        assertThat(ids(r.remove())).containsExactlyInAnyOrder("db", "web", "proxy");
        assertThat(ids(r.create())).containsExactlyInAnyOrder("db", "web", "proxy");
        assertThat(ids(r.keep())).containsExactlyInAnyOrder("far", "alone");
        assertThat(r.warnings()).extracting(Problem::format)
                .anyMatch(w -> w.startsWith("web.links[0]: warning: [made-again] web on h1 is made again: it links to db"));
    }

    @Test
    void aWantedContainerThatExistsStoppedIsStartedNotRecreated() {
        List<Container> placed = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread()).create();
        List<Converge.Observed> current = placed.stream()
                .map(c -> c.id().equals("db") ? c.toBuilder().extension(DockerFields.STATE,
                        com.fasterxml.jackson.databind.node.TextNode.valueOf("exited")).build() : c)
                .map(c -> new Converge.Observed(c, true, "app")).toList();

        Converge.Result r = Converge.plan(WANTED, current, HOSTS, Strategy.spread());

        assertThat(ids(r.start())).containsExactly("db");
        assertThat(r.create()).isEmpty();
        assertThat(r.remove()).isEmpty();
    }

    @Test
    void containersCccfDidNotCreateAreNeverRemovedButCountAsLoad() {
        Container foreign = Container.builder("legacy", "old:1").host("h2").build();
        Container unwanted = Container.builder("gone", "old:1").host("h1").build();
        List<Converge.Observed> current = List.of(new Converge.Observed(foreign, false, null), new Converge.Observed(unwanted, true, "app"));

        Converge.Result r = Converge.plan(List.of(Container.builder("one", "x:1").build()), current, HOSTS, Strategy.spread());

        assertThat(ids(r.remove())).containsExactly("gone");
        assertThat(ids(r.foreign())).containsExactly("legacy");
        // h2 runs the foreign container: the new one goes to h1, whose unwanted container leaves
        assertThat(r.create().get(0).host()).isEqualTo("h1");
    }

    @Test
    void onlyTheContainersOfTheProjectBeingAppliedAreRemoved() {
        Container theirs = Container.builder("theirs", "x:1").host("h1").build();
        Container ours = Container.builder("ours", "x:1").host("h2").build();
        List<Converge.Observed> current = List.of(new Converge.Observed(theirs, true, "shop"), new Converge.Observed(ours, true, "app"));

        Converge.Result r = Converge.plan(List.of(), current, HOSTS, Strategy.spread(), "app");
        Converge.Result any = Converge.plan(List.of(), current, HOSTS, Strategy.spread());

        assertThat(ids(r.remove())).containsExactly("ours");
        assertThat(ids(r.foreign())).containsExactly("theirs");
        assertThat(ids(any.remove())).containsExactlyInAnyOrder("ours", "theirs");
    }

    @Test
    void aSecondContainerOfOneIdIsRemovedAndTheRunningOneKept() {
        Container one = Container.builder("one", "x:1").build();
        Container onH1 = one.withHost("h1").toBuilder().extension(DockerFields.STATE,
                com.fasterxml.jackson.databind.node.TextNode.valueOf("exited")).build();
        Container onH2 = one.withHost("h2");

        Converge.Result r = Converge.plan(List.of(one), running(List.of(onH1, onH2)), HOSTS, Strategy.spread());

        assertThat(r.remove()).extracting(Container::host).containsExactly("h1");
        assertThat(r.keep()).containsExactly(onH2);
        assertThat(r.create()).isEmpty();
    }

    @Test
    void aLinkToAContainerOnAHostWithoutAddressIsLeftOutWithAWarningAndStillOrdersTheStart() {
        Converge.Result r = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread());
        Map<String, Container> byId = r.create().stream().collect(Collectors.toMap(Container::id, Function.identity()));
        List<String> apart = byId.values().stream()
                .filter(c -> c.id().startsWith("web") && !c.host().equals(byId.get("db").host()))
                .map(Container::id).toList();

        assertThat(apart).isNotEmpty();
        for (String id : apart) {
            assertThat(byId.get(id).links()).isEmpty();
            assertThat(byId.get(id).extension("depends_on").map(JsonNode::toString)).contains("[\"db\"]");
            assertThat(byId.get(id).extensions()).doesNotContainKey("extra_hosts");
        }
        assertThat(r.warnings()).hasSize(apart.size()).allSatisfy(w -> {
            assertThat(w.code()).isEqualTo(Wiring.WIRING_ADDRESS);
            assertThat(w.path()).endsWith(".links[0]");
            assertThat(w.message()).contains("depends on db");
        });
    }

    @Test
    void aDependencyOnAnotherHostIsReachedAtItsHostsAddressOnItsExposedPort() {
        List<Host> reachable = Hosts.parse("""
                [{"id": "h1", "docker": "unix:///h1.sock", "address": "10.0.0.1", "labels": {"disk": "ssd"}},
                 {"id": "h2", "docker": "tcp://10.0.0.2:2375", "labels": {"disk": "hdd"}}]
                """);
        List<Container> wanted = Cccf.parse("""
                [{"id": "web", "image": "shop:1", "links": ["db:database"], "host": "h2"},
                 {"id": "db", "image": "postgres:16", "expose": ["5432"], "host": "h1"}]
                """).containers();

        Converge.Result r = Converge.plan(wanted, List.of(), reachable, Strategy.spread());

        Map<String, Container> byId = r.create().stream().collect(Collectors.toMap(Container::id, Function.identity()));
        assertThat(byId.get("db").ports()).containsExactly("5432:5432");
        assertThat(byId.get("web").links()).isEmpty();
        assertThat(byId.get("web").extension("extra_hosts").map(JsonNode::toString))
                .contains("[\"db:10.0.0.1\",\"database:10.0.0.1\"]");
        assertThat(r.warnings()).isEmpty();
        assertThat(Converge.plan(wanted, running(r.create()), reachable, Strategy.spread()).isEmpty()).isTrue();
    }

    @Test
    void aStoppedContainerToStartSaysNothingOfItsWiringAgain() {
        List<Container> placed = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread()).create();
        String dbHost = placed.stream().filter(c -> c.id().equals("db")).findFirst().orElseThrow().host();
        Container apart = placed.stream().filter(c -> c.id().startsWith("web") && !c.host().equals(dbHost)).findFirst().orElseThrow();
        List<Converge.Observed> current = placed.stream()
                .map(c -> c == apart ? c.toBuilder().extension(DockerFields.STATE,
                        TextNode.valueOf("created")).build() : c)
                .map(c -> new Converge.Observed(c, true, "app")).toList();

        Converge.Result r = Converge.plan(WANTED, current, HOSTS, Strategy.spread());

        assertThat(ids(r.start())).containsExactly(apart.id());
        assertThat(r.warnings()).isEmpty(); // it was created so already: nothing new to say
    }

    @Test
    void anUnwantedManagedContainerIsRemovedAndScaleDownRemovesReplicas() {
        List<Container> placed = Converge.plan(WANTED, List.of(), HOSTS, Strategy.spread()).create();
        List<Container> smaller = List.of(WANTED.get(0).withScale(1), WANTED.get(1));

        Converge.Result r = Converge.plan(smaller, running(placed), HOSTS, Strategy.spread());

        assertThat(ids(r.remove())).containsExactlyInAnyOrder("web-scale-1", "cache");
        assertThat(r.create()).isEmpty();
        assertThat(ids(r.keep())).containsExactlyInAnyOrder("web", "db");
    }

    @Test
    void withoutHostsNothingIsPlaced() {
        Converge.Result r = Converge.plan(WANTED, List.of(), List.of(), Strategy.spread());

        assertThat(r.create()).isEqualTo(Scale.up(WANTED));
        assertThat(r.droppedLinks()).isEmpty();
    }

    @Test
    void aContainerThatFitsNowhereIsAPlacementError() {
        List<Container> wanted = List.of(Container.builder("big", "x:1").build().toBuilder()
                .extension("constraints", Cccf.parse("{\"id\": \"t\", \"image\": \"i\", \"c\": {\"disk\": \"nvme\"}}")
                        .containers().get(0).extension("c").orElseThrow()).build());

        assertThatThrownBy(() -> Converge.plan(wanted, List.of(), HOSTS, Strategy.spread()))
                .isInstanceOf(PlacementException.class);
    }

    @Test
    void theExampleApplicationPlansFromNothingOnTheExampleHosts() throws Exception {
        List<Container> app = Cccf.read(Path.of("../examples/app.json")).containers();
        List<Host> hosts;
        try (var in = java.nio.file.Files.newInputStream(Path.of("../examples/hosts.json"))) {
            hosts = Hosts.read(in, "hosts.json");
        }

        Converge.Result r = Converge.plan(app, List.of(), hosts, Strategy.spread());

        assertThat(r.create()).hasSize(Scale.up(app).size()).allMatch(c -> c.host() != null);
        assertThat(hosts(r.create()).get("db")).isEqualTo("node-a"); // the only ssd host
        assertThat(hosts(r.create()).get("cache")).isNotEqualTo("node-a"); // conflicts with db
    }
}
