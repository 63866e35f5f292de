package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cases of cccf-balance's test/spec.js, ported. Its "custom balancer", "ignore" and "omit"
 * options have no counterpart here (strategies replace the first; jq does the others).
 */
class BalanceCompatibilityTest {
    private static final List<Host> HOSTS = Hosts.parse("""
            [{"id": "a", "host": "127.0.0.1", "port": 4243},
             {"id": "b", "host": "127.0.0.2", "port": 4243}]""");

    /** wanted_containers after cccf scale up: api scale 4, es, pg. */
    private static final List<Container> WANTED = Cccf.parse("""
            [{"id": "api", "image": "my-api:1.3.0"},
             {"id": "api-scale-1", "image": "my-api:1.3.0"},
             {"id": "api-scale-2", "image": "my-api:1.3.0"},
             {"id": "api-scale-3", "image": "my-api:1.3.0"},
             {"id": "es", "image": "elasticsearch:1.4.2"},
             {"id": "pg", "image": "postgresql:3.0.0"}]""").containers();

    private static final List<Container> CURRENT = Cccf.parse("""
            [{"id": "api", "image": "my-api:1.3.0", "host": "a"},
             {"id": "api-scale-1", "image": "my-api:1.3.0", "host": "a"},
             {"id": "api-scale-2", "image": "my-api:1.3.0", "host": "b"},
             {"id": "es", "image": "elasticsearch:1.4.0", "host": "b"}]""").containers();

    @Test
    void sixContainersFromAScaleOfFourAndTwoSinglesComeOutEvenOnTwoHosts() {
        Placement.Result r = Placement.place(WANTED, HOSTS, Strategy.spread(), List.of());

        assertThat(r.containers()).hasSize(6).allSatisfy(c -> assertThat(c.host()).isNotNull());
        assertThat(load(r.containers())).isEqualTo(Map.of("a", 3L, "b", 3L));
    }

    @Test
    void withACurrentStateKeptContainersStayAndTheNewOnesEvenTheLoad() {
        // as cccf diff gives it: es changed (removed and added), api-scale-3 and pg are new
        List<Container> add = List.of(WANTED.get(3), WANTED.get(4), WANTED.get(5));
        List<Container> keep = CURRENT.subList(0, 3);

        Placement.Result r = Placement.place(add, HOSTS, Strategy.spread(), keep);

        assertThat(r.containers()).extracting(Container::id).containsExactly("api-scale-3", "es", "pg");
        List<Container> after = new java.util.ArrayList<>(keep);
        after.addAll(r.containers());
        assertThat(load(after)).isEqualTo(Map.of("a", 3L, "b", 3L));
        assertThat(keep).extracting(Container::host).containsExactly("a", "a", "b");
    }

    @Test
    void wantedContainersThatRunKeepTheirHostAndTheRestEvenTheLoad() {
        Placement.Result r = Placement.place(WANTED, HOSTS, Strategy.spread(), CURRENT);

        Map<String, String> hostOf = r.containers().stream().collect(Collectors.toMap(Container::id, Container::host));
        assertThat(hostOf).containsEntry("api", "a").containsEntry("api-scale-1", "a")
                .containsEntry("api-scale-2", "b").containsEntry("es", "b");
        assertThat(load(r.containers())).isEqualTo(Map.of("a", 3L, "b", 3L));
    }

    @Test
    void theLeastBusyHostByContainerCountIsChosen() {
        List<Container> current = Cccf.parse("""
                [{"id": "x", "image": "i", "host": "a"}, {"id": "y", "image": "i", "host": "a"},
                 {"id": "z", "image": "i", "host": "b"}]""").containers();

        Placement.Result r = Placement.place(List.of(Container.of("n", "i")), HOSTS, Strategy.spread(), current);

        assertThat(r.containers().get(0).host()).isEqualTo("b");
    }

    static Map<String, Long> load(List<Container> containers) {
        return containers.stream().collect(Collectors.groupingBy(Container::host, TreeMap::new, Collectors.counting()));
    }
}
