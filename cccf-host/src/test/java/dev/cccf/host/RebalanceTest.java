package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RebalanceTest {
    private static final List<Host> ABC = List.of(Host.of("a"), Host.of("b"), Host.of("c"));

    private static List<Container> running(String... hosts) {
        List<Container> out = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            out.add(Container.of("c" + i, "img").withHost(hosts[i]));
        }
        return out;
    }

    private static Map<String, Integer> loadAfter(List<Container> current, Placement.Rebalance r) {
        Map<String, String> hostOf = new HashMap<>();
        current.forEach(c -> hostOf.put(c.id(), c.host()));
        r.moved().forEach(c -> hostOf.put(c.id(), c.host()));
        Map<String, Integer> load = new HashMap<>(Map.of("a", 0, "b", 0, "c", 0));
        hostOf.values().forEach(h -> load.merge(h, 1, Integer::sum));
        return load;
    }

    @Test
    void movesTheFewestContainersThatEvenTheLoad() {
        List<Container> current = running("a", "a", "a", "a", "a", "b");

        Placement.Rebalance r = Placement.rebalance(current, ABC, Integer.MAX_VALUE);

        assertThat(r.moves()).hasSize(3).allSatisfy(m -> assertThat(m.from()).isEqualTo("a"));
        assertThat(r.balanced()).isTrue();
        assertThat(loadAfter(current, r)).isEqualTo(Map.of("a", 2, "b", 2, "c", 2));
        assertThat(r.moved()).extracting(Container::id).doesNotHaveDuplicates();
    }

    @Test
    void anEvenLoadMovesNothing() {
        Placement.Rebalance r = Placement.rebalance(running("a", "b", "c", "a"), ABC, Integer.MAX_VALUE);

        assertThat(r.moves()).isEmpty();
        assertThat(r.balanced()).isTrue();
    }

    @Test
    void stopsAtMaxMoves() {
        Placement.Rebalance r = Placement.rebalance(running("a", "a", "a", "a", "a", "b"), ABC, 1);

        assertThat(r.moves()).hasSize(1);
        assertThat(r.balanced()).isFalse();
    }

    @Test
    void neverBreaksARuleToBalance() {
        List<Container> current = new ArrayList<>(running("a", "a", "a"));
        current.replaceAll(c -> c.withPorts(List.of("80:80")));
        current.add(Container.of("web", "img").withPorts(List.of("80:80")).withHost("b"));
        current.add(Container.of("web2", "img").withPorts(List.of("80:80")).withHost("c"));

        Placement.Rebalance r = Placement.rebalance(current, ABC, Integer.MAX_VALUE);

        assertThat(r.moves()).isEmpty();
        assertThat(r.balanced()).isFalse();
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static Container on(String host, String id, String field, JsonNode value) {
        Container c = Container.of(id, "img").withHost(host);
        return field == null ? c : c.withExtension(field, value);
    }

    /** The hosts after the moves, each with its containers; every host must keep every rule (RuleCheck). */
    private static Map<String, List<String>> after(List<Container> current, List<Host> hosts, Placement.Rebalance r) {
        Map<String, Container> byId = new LinkedHashMap<>();
        current.forEach(c -> byId.put(c.id(), c));
        r.moved().forEach(c -> byId.put(c.id(), c));
        Map<String, List<String>> ids = new TreeMap<>();
        for (Host h : hosts) {
            List<Container> there = byId.values().stream().filter(c -> h.id().equals(c.host())).toList();
            RuleCheck.assertHostKeepsRules(h, there);
            ids.put(h.id(), there.stream().map(Container::id).sorted().toList());
        }
        assertThat(r.moves()).extracting(Placement.Move::id).doesNotHaveDuplicates();
        return ids;
    }

    @Test
    void aContainerMovesOnlyToAHostWithTheLabelsItsConstraintsAsk() {
        List<Host> hosts = List.of(Host.of("a").withLabels(Map.of("zone", "x")), Host.of("b").withLabels(Map.of("zone", "x")),
                Host.of("c").withLabels(Map.of("zone", "y")));
        JsonNode zoneX = JSON.objectNode().put("zone", "x");
        List<Container> current = List.of(on("a", "p", "constraints", zoneX), on("a", "q", "constraints", zoneX),
                on("a", "r", "constraints", zoneX), on("a", "s", "constraints", zoneX));

        Placement.Rebalance r = Placement.rebalance(current, hosts, Integer.MAX_VALUE);

        assertThat(r.moves()).extracting(Placement.Move::to).containsExactly("b", "b");
        assertThat(after(current, hosts, r)).isEqualTo(Map.of("a", List.of("p", "q"), "b", List.of("r", "s"), "c", List.of()));
        assertThat(r.balanced()).as("c stays empty: nothing may go there").isFalse();
    }

    @Test
    void aContainerMovesOnlyWhereItsMemoryFits() {
        List<Host> hosts = List.of(Host.of("a").withCapacity(8L << 30, null), Host.of("b").withCapacity(1L << 30, null),
                Host.of("c").withCapacity(1L << 30, null));
        List<Container> current = new ArrayList<>();
        for (String id : List.of("m1", "m2", "m3", "m4", "m5")) {
            current.add(on("a", id, "memory", JSON.textNode("768m")));
        }

        Placement.Rebalance r = Placement.rebalance(current, hosts, Integer.MAX_VALUE);

        assertThat(r.moves()).hasSize(2).extracting(Placement.Move::to).containsExactlyInAnyOrder("b", "c");
        assertThat(after(current, hosts, r).values()).extracting(List::size).containsExactly(3, 1, 1);
        assertThat(r.balanced()).as("a second 768m fits neither b nor c").isFalse();
    }

    @Test
    void aContainerMovesOnlyWhereItsCpusFit() {
        List<Host> hosts = List.of(Host.of("a"), Host.of("b").withCapacity(null, 1.0));
        List<Container> current = List.of(on("a", "c1", "cpus", JSON.numberNode(0.75)), on("a", "c2", "cpus", JSON.numberNode(0.75)),
                on("a", "c3", "cpus", JSON.numberNode(0.75)), on("a", "c4", "cpus", JSON.numberNode(0.75)));

        Placement.Rebalance r = Placement.rebalance(current, hosts, Integer.MAX_VALUE);

        assertThat(r.moves()).hasSize(1).allSatisfy(m -> assertThat(m.to()).isEqualTo("b"));
        assertThat(after(current, hosts, r).values()).extracting(List::size).containsExactly(3, 1);
        assertThat(r.balanced()).isFalse();
    }

    @Test
    void aContainerNeverMovesNextToAConflictEitherWay() {
        List<Host> hosts = List.of(Host.of("a"), Host.of("b"));
        JsonNode noDb = JSON.arrayNode().add("db");
        // the movers conflict with what runs on b, or what runs on b conflicts with the movers
        List<Container> moversConflict = List.of(on("a", "web-1", "conflicts", noDb), on("a", "web-2", "conflicts", noDb),
                on("a", "web-3", "conflicts", noDb), on("b", "db", null, null));
        List<Container> guardConflicts = List.of(on("a", "web-1", null, null), on("a", "web-2", null, null),
                on("a", "web-3", null, null), on("b", "guard", "conflicts", JSON.arrayNode().add("web-*")));

        for (List<Container> current : List.of(moversConflict, guardConflicts)) {
            Placement.Rebalance r = Placement.rebalance(current, hosts, Integer.MAX_VALUE);

            assertThat(r.moves()).as(current.toString()).isEmpty();
            assertThat(r.balanced()).isFalse();
        }
    }

    @Test
    void aGlobalInstanceNeverMoves() {
        List<Host> hosts = List.of(Host.of("a"), Host.of("b"));
        JsonNode global = JSON.booleanNode(true);
        List<Container> onlyGlobal = List.of(on("a", "g-a", "global", global), on("a", "h-a", "global", global),
                on("a", "i-a", "global", global));
        List<Container> mixed = List.of(on("a", "g-a", "global", global), on("a", "x", null, null), on("a", "h-a", "global", global),
                on("a", "i-a", "global", global));

        Placement.Rebalance none = Placement.rebalance(onlyGlobal, hosts, Integer.MAX_VALUE);
        Placement.Rebalance one = Placement.rebalance(mixed, hosts, Integer.MAX_VALUE);

        assertThat(none.moves()).isEmpty();
        assertThat(none.balanced()).isFalse();
        assertThat(one.moves()).containsExactly(new Placement.Move("x", "a", "b"));
        assertThat(one.balanced()).as("a keeps its three global instances, b gets x").isFalse();
    }
}
