package dev.cccf.host;

import static dev.cccf.host.PlacementTest.containers;
import static dev.cccf.host.PlacementTest.hostOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A container that mounts a named volume runs where the volume (its data) is. */
class VolumePlacementTest {
    private static final List<Host> AB = List.of(Host.of("a"), Host.of("b"));

    @Test
    void aNewContainerGoesWhereARunningContainerMountsItsVolume() {
        List<Container> current = containers("""
                [{"id": "db", "image": "i", "volumes": ["data:/var/lib/db"], "host": "b"},
                 {"id": "x", "image": "i", "host": "a"}, {"id": "y", "image": "i", "host": "a"}]""");

        Placement.Result r = Placement.place(containers("""
                [{"id": "backup", "image": "i", "volumes": ["data:/backup:ro"]},
                 {"id": "other", "image": "i"}]"""), AB, Strategy.binpack(), current);

        assertThat(hostOf(r)).containsEntry("backup", "b");
    }

    @Test
    void aNewContainerGoesToTheHostWhoseEngineHasItsVolume() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "db", "image": "i", "volumes": ["pgdata:/var/lib/postgresql/data", "/srv/backups:/backups"]}]"""),
                AB, Strategy.spread(), List.of(), Map.of("pgdata", Set.of("b")));

        assertThat(hostOf(r)).containsEntry("db", "b");
    }

    @Test
    void aVolumeOnAnEngineNamedByItsEndpointCountsForThatHost() {
        List<Host> hosts = List.of(new Host("a", "tcp://10.0.0.1:2375", Map.of(), null, null, null, null, null),
                new Host("b", "tcp://10.0.0.2:2375", Map.of(), null, null, null, null, null));

        Placement.Result r = Placement.place(containers("""
                [{"id": "db", "image": "i", "volumes": ["pgdata:/data"]}]"""),
                hosts, Strategy.spread(), List.of(), Map.of("pgdata", List.of("tcp://10.0.0.2:2375")));

        assertThat(hostOf(r)).containsEntry("db", "b");
    }

    @Test
    void newContainersThatShareAVolumeShareTheHostTheFirstOfThemGot() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "app", "image": "i", "volumes": ["shared:/srv"]},
                 {"id": "sidecar", "image": "i", "volumes": ["shared:/srv:ro"]},
                 {"id": "third", "image": "i", "volumes": ["shared:/mnt"]}]"""), AB, Strategy.spread(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsOnly("a");
    }

    @Test
    void hostPathsAndAnonymousVolumesBindNothing() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "x", "image": "i", "volumes": ["/srv/x:/x"]}, {"id": "y", "image": "i", "volumes": ["/srv/x:/x", "/tmp"]},
                 {"id": "z", "image": "i", "volumes": ["./rel:/r"]}]"""), AB, Strategy.spread(), List.of());

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b", "a");
    }

    @Test
    void explainNamesTheVolumeAndTheHostItIsOn() {
        Placement.Result r = Placement.explain(containers("""
                [{"id": "db", "image": "i", "volumes": ["data:/d"]}]"""), AB, Strategy.spread(), List.of(),
                Map.of("data", Set.of("b")));

        assertThat(r.decisions().get(0).refused()).containsExactly(Map.entry("a", "volume data is on b (its data)"));
    }

    @Test
    void aContainerWhoseVolumeHostIsFullFitsNowhereAndSaysWhy() {
        List<Host> small = List.of(new Host("a", null, Map.of(), null, 1.0, null, null, null),
                new Host("b", null, Map.of(), null, 1.0, null, null, null));
        List<Container> current = containers("""
                [{"id": "db", "image": "i", "volumes": ["data:/d"], "cpus": 1, "host": "b"}]""");

        assertThatThrownBy(() -> Placement.place(containers("""
                [{"id": "backup", "image": "i", "volumes": ["data:/d"], "cpus": 0.5}]"""), small, Strategy.spread(), current))
                .isInstanceOfSatisfying(PlacementException.class, e -> assertThat(e.refused(e.problems().get(0)))
                        .containsExactly(Map.entry("a", "volume data is on b (its data)"), Map.entry("b", "cpus: needs 0.500, 0 of 1 free")));
    }

    @Test
    void aContainerPinnedAwayFromItsVolumeKeepsItsHostWithAWarningNamingTheVolumeAndBothHosts() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "db", "image": "i", "volumes": ["/etc/x:/x", "pgdata:/data"], "host": "a"}]"""),
                AB, Strategy.spread(), List.of(), Map.of("pgdata", Set.of("b")));

        assertThat(hostOf(r)).containsEntry("db", "a");
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(Placement.VOLUME_ELSEWHERE);
            assertThat(w.path()).isEqualTo("db.volumes[1]");
            assertThat(w.message()).contains("pinned to a", "volume pgdata is on b", "new, empty volume pgdata on a");
        });
    }

    @Test
    void aContainerPinnedAwayFromTheDataDoesNotDrawTheOthersToItsNewEmptyVolume() {
        List<Container> current = containers("""
                [{"id": "db", "image": "i", "volumes": ["pgdata:/data"], "host": "b"}]""");

        Placement.Result r = Placement.place(containers("""
                [{"id": "pinned", "image": "i", "volumes": ["pgdata:/data"], "host": "a"},
                 {"id": "backup", "image": "i", "volumes": ["pgdata:/data:ro"]}]"""), AB, Strategy.spread(), current);

        assertThat(hostOf(r)).containsEntry("backup", "b");
    }

    @Test
    void aRunningContainerStaysWhereItRunsEvenIfItsVolumeIsAlsoElsewhere() {
        List<Container> current = containers("""
                [{"id": "db", "image": "i", "volumes": ["data:/d"], "host": "a"}]""");

        Placement.Result r = Placement.place(containers("""
                [{"id": "db", "image": "i2", "volumes": ["data:/d"]}]"""), AB, Strategy.spread(), current,
                Map.of("data", Set.of("a", "b")));

        assertThat(hostOf(r)).containsEntry("db", "a");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void globalInstancesEachMountTheVolumeOfTheirOwnHost() {
        Placement.Result r = Placement.place(containers("""
                [{"id": "agent", "image": "i", "global": true, "volumes": ["agent-state:/s"]}]"""), AB, Strategy.spread(),
                List.of(), Map.of("agent-state", Set.of("a")));

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b");
    }

    @Test
    void rebalanceLeavesAContainerWithANamedVolumeWhereItIsAndSaysSoWhenTheHostsStayUneven() {
        List<Container> current = containers("""
                [{"id": "db", "image": "i", "volumes": ["data:/d"], "host": "a"},
                 {"id": "db2", "image": "i", "volumes": ["data2:/d"], "host": "a"},
                 {"id": "x", "image": "i", "host": "a"}]""");

        Placement.Rebalance r = Placement.rebalance(current, AB, 10);

        assertThat(r.moves()).extracting(Placement.Move::id).containsExactly("x");
        assertThat(r.balanced()).isTrue();
        assertThat(r.warnings()).isEmpty();

        Placement.Rebalance stuck = Placement.rebalance(current.subList(0, 2), List.of(Host.of("a"), Host.of("b"),
                Host.of("c")), 10);

        assertThat(stuck.moves()).isEmpty();
        assertThat(stuck.balanced()).isFalse();
        assertThat(stuck.warnings()).extracting(Problem::code).containsOnly(Placement.VOLUME_STAYS);
        assertThat(stuck.warnings()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("db stays on a: the data of its volume data is there (move it by hand, with its data)"));
    }

    @Test
    void aSharedVolumeOnTheNetworkHoldsNoContainerToAHost() {
        String three = """
                [{"id": "app", "image": "i", "volumes": ["media:/srv"]},
                 {"id": "sidecar", "image": "i", "volumes": ["media:/srv:ro"]},
                 {"id": "third", "image": "i", "volumes": ["media:/mnt", "local:/cache"]}]""";

        Placement.Result held = Placement.place(containers(three), AB, Strategy.spread(), List.of(), Map.of("media", Set.of("b")));
        Placement.Result free = Placement.place(containers(three), AB, Strategy.spread(), List.of(), Map.of("media", Set.of("b")),
                Set.of("media"));

        assertThat(held.containers()).extracting(Container::host).containsOnly("b");
        assertThat(free.containers()).extracting(Container::host).containsExactly("a", "b", "a");
        assertThat(free.warnings()).isEmpty();
    }

    @Test
    void rebalanceMovesAContainerWhoseVolumesAreAllShared() {
        List<Container> current = containers("""
                [{"id": "web", "image": "i", "volumes": ["media:/srv"], "host": "a"},
                 {"id": "web2", "image": "i", "volumes": ["media:/srv"], "host": "a"}]""");

        assertThat(Placement.rebalance(current, AB, 10).moves()).isEmpty();
        assertThat(Placement.rebalance(current, AB, 10, Set.of("media")).moves()).hasSize(1);
    }
}
