package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties over random hosts, current loads and containers (Cccf.random), one seed per case. */
class PlacementPropertyTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] STRATEGIES = {"spread", "binpack", "round-robin", "random"};
    private static final AtomicInteger PLACED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger SMALL_PLACED = new AtomicInteger();
    private static final AtomicInteger SMALL_IMPOSSIBLE = new AtomicInteger();
    private static final AtomicInteger SMALL_GREEDY_REFUSED = new AtomicInteger();

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @BeforeAll
    static void reset() {
        PLACED.set(0);
        REFUSED.set(0);
        SMALL_PLACED.set(0);
        SMALL_IMPOSSIBLE.set(0);
        SMALL_GREEDY_REFUSED.set(0);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void withoutRulesEachContainerGoesToALeastLoadedHostAndTheLoadEndsEven(long seed) {
        Case k = Case.random(seed, false);

        Placement.Result result = Placement.place(k.fresh(), k.hosts(), k.strategy(), k.current());

        Map<String, Integer> load = new HashMap<>();
        k.hosts().forEach(h -> load.put(h.id(), 0));
        k.current().forEach(c -> load.merge(c.host(), 1, Integer::sum));
        int room = 0;
        int max = load.values().stream().max(Integer::compare).orElse(0);
        for (int l : load.values()) {
            room += max - l;
        }
        for (Container c : result.containers()) {
            int min = load.values().stream().min(Integer::compare).orElseThrow();
            assertThat(load.get(c.host())).as("load of the host chosen for %s", c.id()).isEqualTo(min);
            load.merge(c.host(), 1, Integer::sum);
        }
        if (k.fresh().size() >= room) {
            int finalMax = load.values().stream().max(Integer::compare).orElseThrow();
            int finalMin = load.values().stream().min(Integer::compare).orElseThrow();
            assertThat(finalMax - finalMin).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void noRuleIsEverBrokenAndTheSameInputGivesTheSameOutput(long seed) {
        Case k = Case.random(seed, true);
        List<Host> hosts = k.hosts();
        List<Container> current = k.current();
        List<Container> fresh = k.fresh();
        Strategy strategy = k.strategy();

        Placement.Result result;
        try {
            result = Placement.place(fresh, hosts, strategy, current);
        } catch (PlacementException e) {
            REFUSED.incrementAndGet();
            for (Problem p : e.problems()) {
                if (byId(fresh, p.path()).extension("global").isPresent()) {
                    assertThat(e.refused(p)).as("reasons for %s", p.path()).isNotEmpty();
                } else {
                    assertThat(e.refused(p)).as("reasons for %s", p.path())
                            .containsOnlyKeys(hosts.stream().map(Host::id).toList());
                }
            }
            return;
        }
        PLACED.incrementAndGet();
        assertThat(Placement.place(fresh, hosts, strategy, current)).isEqualTo(result);
        assertThat(Placement.explain(fresh, hosts, strategy, current).containers()).isEqualTo(result.containers());
        List<Container> all = new ArrayList<>(current);
        all.addAll(result.containers());
        for (Host h : hosts) {
            List<Container> on = all.stream().filter(c -> h.id().equals(c.host())).toList();
            RuleCheck.assertHostKeepsRules(h, on);
        }
        long globals = fresh.stream().filter(c -> c.extension("global").isPresent()).count();
        assertThat(result.containers().size()).isGreaterThanOrEqualTo(fresh.size() - (int) globals);
    }

    static LongStream smallSeeds() {
        return LongStream.range(0, 400);
    }

    /**
     * Small cases (up to 3 hosts, 5 containers, tight capacities) against a brute-force search of
     * every assignment: where no assignment keeps the rules, placement refuses; where it refuses,
     * the first container it could not place fits on no host, by the independent {@link RuleCheck},
     * next to what runs and what it placed before (placement goes in input order, greedily, so it
     * may refuse a case that another order would place; never one where a host could take it).
     */
    @ParameterizedTest
    @MethodSource("smallSeeds")
    void aRefusalOfASmallCaseIsJustifiedByBruteForce(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            Host h = Host.of("h" + i).withLabels(Map.of("zone", r.nextBoolean() ? "a" : "b"));
            hosts.add(r.nextInt(4) == 0 ? h : h.withCapacity((long) (1 + r.nextInt(3)) << 30, r.nextBoolean() ? null : 1.0 + r.nextInt(2)));
        }
        List<Container> current = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            current.add(Container.of("run-" + i, "img").withHost(hosts.get(r.nextInt(hosts.size())).id()));
        }
        List<Container> fresh = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            Container.Builder b = Container.builder("s" + i, "img");
            if (r.nextInt(3) == 0) {
                b.ports("80:80");
            }
            if (r.nextBoolean()) {
                b.extension("memory", JSON.textNode((512 << r.nextInt(3)) + "m"));
            }
            if (r.nextInt(3) == 0) {
                b.extension("cpus", JSON.numberNode(0.5 * (1 + r.nextInt(2))));
            }
            if (r.nextInt(4) == 0) {
                b.extension("constraints", JSON.objectNode().put("zone", r.nextBoolean() ? "a" : "b"));
            }
            if (r.nextInt(4) == 0) {
                b.extension("conflicts", JSON.arrayNode().add(r.nextBoolean() ? "s*" : "s" + r.nextInt(5)));
            }
            fresh.add(b.build());
        }
        Strategy strategy = Strategy.named(STRATEGIES[r.nextInt(STRATEGIES.length)], seed);
        boolean possible = anyAssignmentKeepsTheRules(hosts, current, fresh, 0, new ArrayList<>());

        Placement.Result result;
        try {
            result = Placement.place(fresh, hosts, strategy, current);
        } catch (PlacementException e) {
            (possible ? SMALL_GREEDY_REFUSED : SMALL_IMPOSSIBLE).incrementAndGet();
            Problem first = e.problems().get(0);
            Container refused = byId(fresh, first.path());
            List<Container> before = Placement.place(fresh.subList(0, fresh.indexOf(refused)), hosts, strategy, current).containers();
            for (Host h : hosts) {
                List<Container> on = new ArrayList<>(onHost(current, h));
                on.addAll(onHost(before, h));
                on.add(refused.withHost(h.id()));
                assertThat(RuleCheck.broken(h, on)).as("%s refused by %s (%s)", refused.id(), h.id(), e.refused(first)).isNotEmpty();
            }
            assertThat(e.refused(first)).containsOnlyKeys(hosts.stream().map(Host::id).toList());
            return;
        }
        SMALL_PLACED.incrementAndGet();
        assertThat(possible).as("placed %s where brute force found no way", result.containers()).isTrue();
        List<Container> all = new ArrayList<>(current);
        all.addAll(result.containers());
        hosts.forEach(h -> RuleCheck.assertHostKeepsRules(h, onHost(all, h)));
    }

    private static List<Container> onHost(List<Container> containers, Host h) {
        return containers.stream().filter(c -> h.id().equals(c.host())).toList();
    }

    /** Brute force: some host for each of {@code fresh[next...]} after {@code chosen} keeps every host's rules. */
    private static boolean anyAssignmentKeepsTheRules(List<Host> hosts, List<Container> current, List<Container> fresh,
            int next, List<Container> chosen) {
        if (next == fresh.size()) {
            List<Container> all = new ArrayList<>(current);
            all.addAll(chosen);
            return hosts.stream().allMatch(h -> RuleCheck.broken(h, onHost(all, h)).isEmpty());
        }
        for (Host h : hosts) {
            chosen.add(fresh.get(next).withHost(h.id()));
            boolean found = anyAssignmentKeepsTheRules(hosts, current, fresh, next + 1, chosen);
            chosen.remove(chosen.size() - 1);
            if (found) {
                return true;
            }
        }
        return false;
    }

    @AfterAll
    static void mostRandomCasesArePlaced() {
        assertThat(PLACED.get()).as("placed %d, refused %d", PLACED.get(), REFUSED.get()).isGreaterThan(REFUSED.get());
        // the small cases cover all three outcomes, each often enough to mean something
        assertThat(List.of(SMALL_PLACED.get(), SMALL_IMPOSSIBLE.get(), SMALL_GREEDY_REFUSED.get()))
                .as("small cases placed, impossible, refused by the greedy order").allSatisfy(n -> assertThat(n).isGreaterThan(5));
    }

    /** One random input: hosts, a current load, containers to place and a strategy (spread without rules). */
    record Case(List<Host> hosts, List<Container> current, List<Container> fresh, Strategy strategy) {
        static Case random(long seed, boolean withRules) {
            SplittableRandom r = new SplittableRandom(seed);
            List<Host> hosts = randomHosts(r, withRules);
            List<Container> current = randomCurrent(r, hosts);
            if (!withRules) {
                return new Case(hosts, current, Cccf.random(r.nextInt(40), seed).stream().map(c -> c.withPorts(List.of())).toList(),
                        Strategy.spread());
            }
            List<Container> fresh = withRules(r, Cccf.random(r.nextInt(30), seed));
            return new Case(hosts, current, fresh, Strategy.named(STRATEGIES[r.nextInt(STRATEGIES.length)], seed));
        }
    }

    private static List<Host> randomHosts(SplittableRandom r, boolean withRules) {
        int n = (withRules ? 2 : 1) + r.nextInt(8);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Host h = Host.of("h" + i);
            if (withRules) {
                int zone = i < 2 ? i + 1 : r.nextInt(3);
                if (zone > 0) {
                    h = h.withLabels(Map.of("zone", zone == 1 ? "a" : "b"));
                }
                if (r.nextBoolean()) {
                    h = h.withCapacity((long) (1 + r.nextInt(8)) << 30, r.nextBoolean() ? null : (double) (1 + r.nextInt(8)));
                }
            }
            hosts.add(h);
        }
        return hosts;
    }

    private static List<Container> randomCurrent(SplittableRandom r, List<Host> hosts) {
        List<Container> current = new ArrayList<>();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            current.add(Container.of("running-" + i, "img").withHost(hosts.get(r.nextInt(hosts.size())).id()));
        }
        return current;
    }

    private static List<Container> withRules(SplittableRandom r, List<Container> containers) {
        List<Container> out = new ArrayList<>();
        for (Container c : containers) {
            Container.Builder b = c.toBuilder().ports(r.nextInt(3) == 0 ? List.of((80 + r.nextInt(10)) + ":80") : List.of());
            if (r.nextInt(3) == 0) {
                b.extension("memory", JSON.textNode((256 << r.nextInt(4)) + "m"));
            }
            if (r.nextInt(4) == 0) {
                b.extension("cpus", JSON.numberNode(0.5 * (1 + r.nextInt(4))));
            }
            if (r.nextInt(6) == 0) {
                ObjectNode zone = JSON.objectNode().put("zone", r.nextBoolean() ? "a" : "b");
                b.extension("constraints", zone);
            }
            if (r.nextInt(6) == 0) {
                ArrayNode globs = JSON.arrayNode().add(c.id().substring(0, c.id().indexOf('-')) + "-*");
                b.extension("conflicts", globs);
            }
            if (r.nextInt(25) == 0) {
                b.extension("global", JSON.booleanNode(true));
            }
            out.add(b.build());
        }
        return out;
    }

    private static Container byId(List<Container> containers, String id) {
        return containers.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
