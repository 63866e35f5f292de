package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlacementTest {

    static List<Container> containers(String json) {
        return PlacementFields.reader().read(json, "<test>").containers();
    }

    static Map<String, String> hostOf(Placement.Result r) {
        return r.containers().stream().collect(Collectors.toMap(Container::id, Container::host));
    }

    private static final List<Host> ABC = List.of(Host.of("a"), Host.of("b"), Host.of("c"));
    private static final List<Host> ENDPOINTS = Hosts.parse("""
            [{"id": "a", "docker": "tcp://10.0.0.1:2375"}, {"id": "b", "docker": "tcp://10.0.0.2:2375"}]""");

    @Test
    void spreadBreaksTiesInHostsFileOrder() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i"}, {"id": "y", "image": "i"}, {"id": "z", "image": "i"}, {"id": "w", "image": "i"}]"""),
                ABC, Strategy.spread(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b", "c", "a");
    }

    @Test
    void spreadPutsAReplicaOnTheEquallyLoadedHostWithFewestReplicasOfItsService() {
        List<Container> current = containers("""
                [{"id": "web", "image": "i", "host": "a"}, {"id": "db", "image": "i", "host": "b"}]""");

        Placement.Result r = Placement.place(containers("""
                [{"id": "web-scale-1", "image": "i"}]"""), List.of(Host.of("a"), Host.of("b")), Strategy.spread(), current);

        assertThat(r.containers().get(0).host()).isEqualTo("b");
    }

    @Test
    void aContainerWithAHostKeepsItAndCountsAsLoad() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i", "host": "a"}, {"id": "y", "image": "i"}]"""), ABC, Strategy.spread(), List.of());

        assertThat(hostOf(r)).containsEntry("x", "a").containsEntry("y", "b");
        assertThat(r.decisions()).extracting(Placement.Decision::how).containsExactly(Placement.How.PINNED, Placement.How.PLACED);
    }

    @Test
    void containersRunningOnADockerEndpointCountOnThatHostAndStayThereAsWritten() {
        List<Container> current = containers("""
                [{"id": "old1", "image": "i", "host": "tcp://10.0.0.1:2375"}, {"id": "old2", "image": "i", "host": "a"},
                 {"id": "x", "image": "old", "host": "tcp://10.0.0.2:2375"}]""");

        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "new"}, {"id": "new", "image": "i"}]"""), ENDPOINTS, Strategy.spread(), current);

        assertThat(r.containers()).extracting(Container::host).containsExactly("tcp://10.0.0.2:2375", "b");
        assertThat(r.decisions()).extracting(Placement.Decision::how).containsExactly(Placement.How.STICKY, Placement.How.PLACED);
    }

    @Test
    void aCurrentContainerOnAnUnknownHostCountsNowhereWithAWarning() {
        List<Container> current = containers("""
                [{"id": "ghost", "image": "i", "host": "zz"}, {"id": "old", "image": "i", "host": "a"}]""");

        Placement.Result r = Placement.place(containers("[{\"id\": \"n\", \"image\": \"i\"}]"),
                List.of(Host.of("a"), Host.of("b")), Strategy.spread(), current);

        assertThat(r.containers().get(0).host()).isEqualTo("b");
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.isError()).isFalse();
            assertThat(w.path()).isEqualTo("ghost.host");
            assertThat(w.code()).isEqualTo(Placement.HOST_NOT_LISTED);
            assertThat(w.message()).contains("\"zz\"").contains("counts on no host");
        });
    }

    @Test
    void constraintsMustMatchTheHostLabels() {
        List<Host> hosts = List.of(Host.of("a").withLabels(Map.of("zone", "east")), Host.of("b").withLabels(Map.of("zone", "west")),
                Host.of("c"));

        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i", "constraints": {"zone": "west"}},
                 {"id": "y", "image": "i", "constraints": {"zone": "west"}}]"""), hosts, Strategy.spread(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsExactly("b", "b");
    }

    @Test
    void conflictsKeepMatchingContainersApartBothWays() {
        List<Host> two = List.of(Host.of("a"), Host.of("b"));
        Placement.Result declaredByNewcomer = Placement.place(containers("""
                [{"id": "n", "image": "i", "conflicts": ["db-*"]}]"""), two, Strategy.spread(),
                containers("[{\"id\": \"db-1\", \"image\": \"i\", \"host\": \"b\"}, {\"id\": \"w\", \"image\": \"i\", \"host\": \"a\"}]"));
        Placement.Result declaredByRunning = Placement.place(containers("""
                [{"id": "db-2", "image": "i"}]"""), two, Strategy.spread(),
                containers("[{\"id\": \"n\", \"image\": \"i\", \"host\": \"a\", \"conflicts\": [\"db-?\"]}, {\"id\": \"w\", \"image\": \"i\", \"host\": \"b\"}]"));

        assertThat(declaredByNewcomer.containers().get(0).host()).isEqualTo("a");
        assertThat(declaredByRunning.containers().get(0).host()).isEqualTo("b");
    }

    @Test
    void replicasThatConflictWithTheirServiceEachGetTheirOwnHost() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "web", "image": "i", "conflicts": ["web*"]},
                 {"id": "web-scale-1", "image": "i", "conflicts": ["web*"]},
                 {"id": "other", "image": "i"},
                 {"id": "web-scale-2", "image": "i", "conflicts": ["web*"]}]"""), ABC, Strategy.binpack(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b", "a", "c");
    }

    @Test
    void aGlobalContainerGetsOneInstancePerHostWhoseLabelsMatch() {
        List<Host> hosts = List.of(Host.of("a").withLabels(Map.of("role", "edge")), Host.of("b"),
                Host.of("c").withLabels(Map.of("role", "edge")));

        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i"},
                 {"id": "proxy", "image": "nginx", "global": true, "constraints": {"role": "edge"}, "ports": ["80:80"]},
                 {"id": "y", "image": "i"}]"""), hosts, Strategy.spread(), List.of());

        assertThat(r.containers()).extracting(Container::id).containsExactly("x", "proxy-a", "proxy-c", "y");
        assertThat(hostOf(r)).containsEntry("proxy-a", "a").containsEntry("proxy-c", "c")
                .containsEntry("x", "b").containsEntry("y", "a");
    }

    @Test
    void aGlobalInstanceWhoseIdIsTakenIsAnError() {
        assertThatThrownBy(() -> Placement.place(containers("""
                [{"id": "log", "image": "i", "global": true}, {"id": "log-b", "image": "i"}]"""), ABC, Strategy.spread(), List.of()))
                .isInstanceOfSatisfying(PlacementException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.code()).isEqualTo(PlacementException.GLOBAL_ID_COLLISION);
                            assertThat(p.path()).isEqualTo("log");
                        }));
    }

    @Test
    void declaredMemoryAndCpusNeverExceedCapacityCountingCurrent() {
        List<Host> hosts = List.of(Host.of("a").withCapacity(2L << 30, 4.0), Host.of("b").withCapacity(1L << 30, 1.0));
        List<Container> current = containers("""
                [{"id": "big", "image": "i", "host": "a", "memory": "1536m"}, {"id": "s", "image": "i", "host": "b"}]""");

        Placement.Result r = Placement.place(containers("""
                [{"id": "m", "image": "i", "memory": "768m"}, {"id": "c", "image": "i", "cpus": 2}]"""), hosts, Strategy.spread(), current);

        assertThat(hostOf(r)).containsEntry("m", "b").containsEntry("c", "a");
    }

    @Test
    void twoContainersPublishingOneHostPortNeverShareAHost() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i", "ports": ["80:80"]}, {"id": "y", "image": "i", "ports": ["80:8080"]},
                 {"id": "u", "image": "i", "ports": ["80:80/udp"]}]"""), List.of(Host.of("a"), Host.of("b")), Strategy.binpack(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b", "a");
    }

    @Test
    void aContainerThatFitsNowhereListsWhyEachHostRefusedIt() {
        List<Host> hosts = List.of(Host.of("a").withLabels(Map.of("zone", "x")).withCapacity(1L << 30, null),
                Host.of("b").withLabels(Map.of("zone", "y")), Host.of("c"));

        assertThatThrownBy(() -> Placement.place(containers("""
                [{"id": "ok", "image": "i"}, {"id": "big", "image": "i", "memory": "2g", "constraints": {"zone": "x"}}]"""),
                hosts, Strategy.spread(), List.of()))
                .isInstanceOfSatisfying(PlacementException.class, e -> {
                    Problem p = e.problems().get(0);
                    assertThat(p.path()).isEqualTo("big");
                    assertThat(e.refused(p)).containsOnlyKeys("a", "b", "c");
                    assertThat(e.refused(p).get("a")).isEqualTo("memory: needs 2g, 1g of 1g free");
                    assertThat(e.refused(p).get("b")).isEqualTo("label \"zone\" is \"y\", needs \"x\"");
                    assertThat(e.refused(p).get("c")).isEqualTo("no label \"zone\" (needs \"x\")");
                    assertThat(p.message()).isEqualTo("container \"big\" fits on no host\n  a: memory: needs 2g, 1g of 1g free\n"
                            + "  b: label \"zone\" is \"y\", needs \"x\"\n  c: no label \"zone\" (needs \"x\")");
                });
    }

    @Test
    void binpackFillsTheFullestHostThatFits() {
        List<Host> hosts = List.of(Host.of("a").withCapacity(4L << 30, null), Host.of("b").withCapacity(4L << 30, null));
        List<Container> current = containers("[{\"id\": \"r\", \"image\": \"i\", \"host\": \"b\", \"memory\": \"1g\"}]");

        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i", "memory": "2g"}, {"id": "y", "image": "i", "memory": "2g"},
                 {"id": "z", "image": "i", "memory": "1g"}]"""), hosts, Strategy.binpack(), current);

        assertThat(r.containers()).extracting(Container::host).containsExactly("b", "a", "b");
    }

    @Test
    void roundRobinCyclesThroughTheHostsThatFit() {
        List<Host> hosts = List.of(Host.of("a"), Host.of("b").withLabels(Map.of("gpu", "yes")), Host.of("c"));

        Placement.Result r = Placement.place(containers("""
                [{"id": "p", "image": "i"}, {"id": "q", "image": "i", "constraints": {"gpu": "yes"}},
                 {"id": "r", "image": "i"}, {"id": "s", "image": "i"}, {"id": "t", "image": "i"}]"""), hosts,
                Strategy.roundRobin(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b", "c", "a", "b");
    }

    @Test
    void randomIsTheSameForASeedAndSpreadsAcrossHosts() {
        List<Container> many = dev.cccf.core.Cccf.random(60, 3).stream().map(c -> c.withPorts(List.of())).toList();

        Placement.Result one = Placement.place(many, ABC, Strategy.random(42), List.of());
        Placement.Result two = Placement.place(many, ABC, Strategy.random(42), List.of());
        Placement.Result other = Placement.place(many, ABC, Strategy.random(43), List.of());

        assertThat(one.containers()).isEqualTo(two.containers());
        assertThat(one.containers()).isNotEqualTo(other.containers());
        assertThat(one.containers()).extracting(Container::host).contains("a", "b", "c");
    }

    @Test
    void explainListsEveryRefusedHostWithItsReason() {
        List<Host> hosts = List.of(Host.of("a"), Host.of("b"), Host.of("c"));
        Placement.Result r = Placement.explain(containers("""
                [{"id": "x", "image": "i", "ports": ["80:80"], "host": "a"}, {"id": "y", "image": "i", "ports": ["80:80"], "conflicts": ["z"]}]"""),
                hosts, Strategy.spread(), containers("[{\"id\": \"z\", \"image\": \"i\", \"host\": \"b\"}]"));

        Placement.Decision y = r.decisions().get(1);
        assertThat(y.host()).isEqualTo("c");
        assertThat(y.score()).isZero();
        assertThat(y.refused()).containsExactly(Map.entry("a", "host port 80/tcp is taken by x"),
                Map.entry("b", "conflicts with z (conflicts \"z\")"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spread", "binpack", "round-robin", "random"})
    void placingKeepsUnknownFieldsAndNeverChangesItsInputs(String strategy) {
        List<Container> input = containers("""
                [{"id": "x", "image": "i", "labels": {"k": "v"}, "x-mine": [1, 2], "memory": "1g"}, {"id": "y", "image": "i"}]""");
        List<String> before = input.stream().map(CccfWriter::canonical).toList();

        Placement.Result r = Placement.place(input, ABC, Strategy.named(strategy, 1), List.of());

        assertThat(input.stream().map(CccfWriter::canonical).toList()).isEqualTo(before);
        assertThat(r.containers().get(0).extensions()).containsOnlyKeys("labels", "x-mine", "memory");
        assertThat(r.containers().get(0).withHost(null)).isEqualTo(input.get(0));
        assertThat(r.containers().get(0).extension("x-mine")).contains(JsonNodeFactory.instance.arrayNode().add(1).add(2));
    }

    @Test
    void nothingToPlaceGivesNothing() {
        assertThat(Placement.place(List.of(), ABC, Strategy.spread(), List.of()).containers()).isEmpty();
        assertThat(Placement.place(List.of(), List.of(), Strategy.spread(), List.of()).containers()).isEmpty();
    }

    @Test
    void anInvalidPlacementFieldBuiltInCodeIsRefused() {
        Container bad = Container.of("x", "i").withExtension("memory", JsonNodeFactory.instance.textNode("lots"));

        assertThatThrownBy(() -> Placement.place(List.of(bad), ABC, Strategy.spread(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
    }

    @Test
    void aContainerWithScaleIsPlacedAsOneWithAWarning() {
        Placement.Result r = Placement.place(containers("[{\"id\": \"x\", \"image\": \"i\", \"scale\": 3}]"), ABC,
                Strategy.spread(), List.of());

        assertThat(r.containers()).hasSize(1);
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.format()).startsWith("x.scale: warning: [scale-not-expanded] ");
            assertThat(w.message()).contains("cccf scale up");
        });
    }

    @Test
    void goldenPlacement() throws Exception {
        List<Host> hosts = Hosts.read(getClass().getResourceAsStream("/golden/hosts.yaml"), "hosts.yaml");
        List<Container> in = PlacementFields.reader().read(getClass().getResourceAsStream("/golden/wanted.json"), "wanted.json").containers();
        List<Container> current = PlacementFields.reader().read(getClass().getResourceAsStream("/golden/current.json"), "current.json").containers();
        List<Container> expected = PlacementFields.reader().read(getClass().getResourceAsStream("/golden/placed.json"), "placed.json").containers();

        List<Container> out = new ArrayList<>(Placement.place(in, hosts, Strategy.spread(), current).containers());

        assertThat(out.stream().map(CccfWriter::canonical)).containsExactlyElementsOf(expected.stream().map(CccfWriter::canonical).toList());
    }

    @Test
    void theLoadADiffLeavesIsWhatRunsWithoutWhatGoesAndWithWhatIsKeptWhereItRuns() {
        List<Container> current = Cccf.parse("""
                [{"id": "old", "image": "i", "host": "a"}, {"id": "web", "image": "i:1", "host": "b"},
                 {"id": "db", "image": "i", "host": "c"}]""").containers();
        List<Container> add = Cccf.parse("""
                [{"id": "web", "image": "i:2"}, {"id": "new", "image": "i"}]""").containers();
        List<Container> remove = Cccf.parse("""
                [{"id": "old", "image": "i", "host": "a"}, {"id": "web", "image": "i:1", "host": "b"}]""").containers();
        List<Container> keep = Cccf.parse("""
                [{"id": "db", "image": "i"}, {"id": "cache", "image": "i", "host": "a"}]""").containers();

        List<Container> load = Placement.loadAfter(current, add, remove, keep);

        assertThat(load).extracting(c -> c.id() + "@" + c.host()).containsExactly("web@b", "db@c", "cache@a");
        assertThat(Placement.place(add, ABC, Strategy.spread(), load).containers())
                .extracting(c -> c.id() + "@" + c.host()).containsExactly("web@b", "new@a");
    }
}
