package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependenciesTest {
    private static final List<Container> APP = Cccf.parse("""
            [{"id": "proxy", "image": "p", "links": ["web"]},
             {"id": "web", "image": "w", "links": ["db:database"], "depends_on": ["cache"]},
             {"id": "alone", "image": "a"},
             {"id": "cache", "image": "c"},
             {"id": "db", "image": "d"}]
            """).containers();

    private static List<String> ids(List<Container> cs) {
        return cs.stream().map(Container::id).toList();
    }

    @Test
    void eachContainerComesAfterWhatItLinksToAndDependsOnAndTiesKeepTheInputOrder() {
        Dependencies.Order o = Dependencies.order(APP);

        assertThat(o.cycle()).isEmpty();
        assertThat(ids(o.orThrow())).containsExactly("alone", "cache", "db", "web", "proxy");
    }

    @Test
    void dependenciesOutsideTheListAreIgnored() {
        List<Container> two = Cccf.parse("""
                [{"id": "web", "image": "w", "links": ["db"], "depends_on": {"ghost": {"condition": "x"}}},
                 {"id": "db", "image": "d"}]""").containers();

        assertThat(ids(Dependencies.order(two).orThrow())).containsExactly("db", "web");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            db          | db
            db:database | db
            $db         | db
            $db:alias   | db
            /db         | db
            /db:alias   | db
            """)
    void aLinkNamesTheContainerBeforeItsAlias(String link, String target) {
        assertThat(Dependencies.linkTarget(link)).isEqualTo(target);
    }

    @Test
    void ofNamesEachDependencyWithTheFieldThatSaysSoFirstFieldWinning() {
        Container web = Cccf.parse("""
                {"id": "web", "image": "w", "links": ["$db:alias", "cache"], "depends_on": ["/db", "queue", 7]}""")
                .containers().get(0);
        Container composeStyle = Cccf.parse("""
                {"id": "web", "image": "w", "depends_on": {"db": {"condition": "service_healthy"}, "a b": {}}}""")
                .containers().get(0);

        assertThat(Dependencies.of(web)).containsExactly(entry("db", ".links[0]"), entry("cache", ".links[1]"),
                entry("queue", ".depends_on[1]"));
        assertThat(Dependencies.of(composeStyle)).containsExactly(entry("db", ".depends_on.db"),
                entry("a b", ".depends_on[\"a b\"]"));
    }

    @Test
    void conditionsAreComposesWithServiceStartedForLinksArraysAndEntriesWithoutOneAndALinkedOnesConditionHolds() {
        Container web = Cccf.parse("""
                {"id": "web", "image": "w", "links": ["cache"], "depends_on": {"/db": {"condition": "service_healthy"},
                 "migrate": {"condition": "service_completed_successfully"}, "queue": {}, "cache": {"condition": "service_healthy"}}}""")
                .containers().get(0);

        assertThat(Dependencies.conditions(web)).containsExactly(entry("cache", Dependencies.Condition.SERVICE_HEALTHY),
                entry("db", Dependencies.Condition.SERVICE_HEALTHY),
                entry("migrate", Dependencies.Condition.SERVICE_COMPLETED_SUCCESSFULLY),
                entry("queue", Dependencies.Condition.SERVICE_STARTED));
        assertThat(Dependencies.conditions(APP.get(1))).containsOnly(entry("db", Dependencies.Condition.SERVICE_STARTED),
                entry("cache", Dependencies.Condition.SERVICE_STARTED));
        assertThat(Dependencies.Condition.SERVICE_HEALTHY.word()).isEqualTo("service_healthy");
    }

    @Test
    void malformedDependsOnIsToldByField() {
        Container items = Cccf.parse("""
                {"id": "a", "image": "i", "depends_on": ["b", 7, ""]}""").containers().get(0);
        Container scalar = Cccf.parse("""
                {"id": "a", "image": "i", "depends_on": "b"}""").containers().get(0);

        assertThat(Dependencies.malformed(items)).containsExactly(entry(".depends_on[1]", "depends_on items must be container ids"),
                entry(".depends_on[2]", "depends_on items must be container ids"));
        assertThat(Dependencies.malformed(scalar)).containsExactly(entry(".depends_on", "depends_on must be an array of container ids"));
        assertThat(Dependencies.malformed(APP.get(1))).isEmpty();
    }

    @Test
    void aCycleIsToldAtItsFirstContainerAndTheFieldNamingTheNextAndItsMembersComeLast() {
        List<Container> cs = Cccf.parse("""
                [{"id": "x", "image": "i"},
                 {"id": "a", "image": "i", "links": ["b"]},
                 {"id": "b", "image": "i", "depends_on": ["c"]},
                 {"id": "c", "image": "i", "links": ["a:alias"]},
                 {"id": "d", "image": "i", "links": ["c"]}]""").containers();

        Dependencies.Order o = Dependencies.order(cs);

        assertThat(o.cycle()).hasValueSatisfying(c -> {
            assertThat(c.container().id()).isEqualTo("a");
            assertThat(c.field()).isEqualTo(".links[0]");
            assertThat(c.message()).isEqualTo("dependency cycle: a -> b -> c -> a (links and depends_on)");
        });
        assertThat(ids(o.containers())).containsExactly("x", "a", "b", "c", "d");
        assertThatThrownBy(o::orThrow).isInstanceOfSatisfying(Dependencies.CycleException.class,
                e -> assertThat(e).hasMessage("a.links[0]: dependency cycle: a -> b -> c -> a (links and depends_on)"));
    }

    @Test
    void aContainerThatLinksToItselfIsACycle() {
        List<Container> self = Cccf.parse("""
                [{"id": "a", "image": "i", "links": ["a"]}]""").containers();

        assertThat(Dependencies.order(self).cycle()).hasValueSatisfying(c -> assertThat(c.names()).containsExactly("a", "a"));
    }

    @Test
    void aLongCycleIsNamedShortly() {
        List<Container> ring = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ring.add(Container.builder("c" + i, "i").links("c" + (i + 1) % 100).build());
        }

        assertThat(Dependencies.order(ring).cycle()).hasValueSatisfying(c -> assertThat(c.message())
                .isEqualTo("dependency cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> c8 -> c9"
                        + " -> ... (89 more) -> c99 -> c0 (links and depends_on)"));
    }

    @Test
    void aLongChainIsOrderedWithoutWalkingItAgainForEachContainer() {
        // 200,000 containers, each linking to the next: the cubic order this replaces never finished
        List<Container> chain = new ArrayList<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Container.Builder b = Container.builder("c" + i, "i");
            chain.add(i + 1 < n ? b.links("c" + (i + 1)).build() : b.build());
        }

        List<Container> ordered = Dependencies.order(chain).orThrow();

        assertThat(ordered).hasSize(n);
        assertThat(ordered.get(0).id()).isEqualTo("c" + (n - 1));
        assertThat(ordered.get(n - 1).id()).isEqualTo("c0");
    }
}
