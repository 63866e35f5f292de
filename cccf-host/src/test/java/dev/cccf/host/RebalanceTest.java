package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
}
