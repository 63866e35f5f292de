package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyTest {
    private static final List<Host> ABC = List.of(Host.of("a"), Host.of("b"), Host.of("c"));

    @ParameterizedTest
    @CsvSource(textBlock = """
            spread,      spread
            SPREAD,      spread
            binpack,     binpack
            round-robin, round-robin
            roundrobin,  round-robin
            random,      random
            """)
    void aStrategyIsFoundByTheNameItCarries(String typed, String name) {
        assertThat(Strategy.named(typed, 7).name()).isEqualTo(name);
    }

    @Test
    void everyStrategyIsFoundByItsOwnNameAndRandomKeepsTheSeed() {
        for (Strategy s : Strategy.all(42)) {
            assertThat(Strategy.named(s.name(), 42)).isEqualTo(s);
        }
        assertThat(Strategy.named("random", 42)).isEqualTo(Strategy.random(42));
    }

    @Test
    void anUnknownNameListsTheNames() {
        assertThatThrownBy(() -> Strategy.named("best", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown strategy \"best\"; use spread, binpack, round-robin or random");
    }

    @Test
    void theHelpListsEachStrategyOnceWithItsOwnTextAndMarksTheDefault() {
        assertThat(Strategy.describe("  ")).isEqualTo(
                "  spread (default)  the least busy host (fewest containers, then replicas)\n"
                + "  binpack           the fullest host that fits (declared memory and cpus)\n"
                + "  round-robin       the next host in hosts-file order after the last one\n"
                + "  random            a pseudo-random host; the same --seed, the same hosts");
        assertThat(Strategy.choices()).isEqualTo("spread (default), binpack, round-robin or random");
    }

    @Test
    void roundRobinStartsAgainFromTheFirstHostInEachPlacement() {
        List<Container> three = List.of(Container.of("x", "i"), Container.of("y", "i"), Container.of("z", "i"));

        List<String> first = hosts(Placement.place(three, ABC, Strategy.roundRobin(), List.of()));
        List<String> second = hosts(Placement.place(three.subList(0, 1), ABC, Strategy.roundRobin(), List.of()));

        assertThat(first).containsExactly("a", "b", "c");
        assertThat(second).containsExactly("a");
    }

    @Test
    void randomGivesTheSamePlacementForTheSameSeedAndReportsTheHostsPosition() {
        List<Container> many = List.of(Container.of("p", "i"), Container.of("q", "i"), Container.of("r", "i"),
                Container.of("s", "i"), Container.of("t", "i"));

        Placement.Result once = Placement.place(many, ABC, Strategy.random(3), List.of());
        Placement.Result again = Placement.place(many, ABC, Strategy.random(3), List.of());

        assertThat(again).isEqualTo(once);
        for (Placement.Decision d : once.decisions()) {
            assertThat(d.score()).isEqualTo(List.of("a", "b", "c").indexOf(d.host()));
        }
    }

    @Test
    void spreadTakesTheLeastBusyHostScoringItsCountAndBinpackTheBusiest() {
        List<Host> sized = List.of(Host.of("a").withCapacity(4L << 30, null), Host.of("b").withCapacity(4L << 30, null));
        List<Container> two = List.of(Container.of("x", "i"), Container.of("y", "i"));

        assertThat(Placement.place(two, ABC, Strategy.spread(), List.of()).decisions())
                .extracting(Placement.Decision::score).containsExactly(0.0, 0.0);
        assertThat(Placement.place(two, sized, Strategy.binpack(), List.of()).decisions())
                .extracting(Placement.Decision::host).containsExactly("a", "a");
    }

    private static List<String> hosts(Placement.Result r) {
        return r.containers().stream().map(Container::host).toList();
    }
}
