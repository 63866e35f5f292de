package dev.cccf.host;

import static dev.cccf.host.PlacementTest.containers;
import static dev.cccf.host.PlacementTest.hostOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Wiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wiring across hosts publishes a dependency's exposed ports on its host when a dependant runs
 * on another host: placement counts those host ports as in use, so the wiring never finds them taken.
 */
class WiringPortsPlacementTest {
    private static final List<Host> AB = List.of(host("a", "10.0.0.1"), host("b", "10.0.0.2"));

    private static Host host(String id, String address) {
        return new Host(id, null, Map.of(), null, null, null, address, null);
    }

    @Test
    void aContainerPublishingAPortTheWiringPublishesThereGoesElsewhere() {
        // web on a depends on db on b: db publishes 5432 on b; "other" publishes 5432 itself
        Placement.Result r = Placement.explain(containers("""
                [{"id": "web", "image": "i", "links": ["db"], "host": "a"},
                 {"id": "db", "image": "i", "expose": ["5432"], "host": "b"},
                 {"id": "more", "image": "i", "host": "b"},
                 {"id": "other", "image": "i", "ports": ["5432:5432"]}]"""), AB, Strategy.binpack(), List.of());

        assertThat(hostOf(r)).containsEntry("other", "a");
        assertThat(r.decisions().get(3).refused())
                .containsExactly(Map.entry("b", "host port 5432/tcp is taken by db (published for its dependants on other hosts)"));
        assertThat(Wiring.across(r.containers(), List.of(), AB).hasErrors()).isFalse();
    }

    @Test
    void aDependencyGoesWhereItCanPublishItsPortsForADependantOnAnotherHost() {
        List<Container> current = containers("""
                [{"id": "lb", "image": "i", "ports": ["6379:6379"], "host": "a"}]""");

        // spread would put cache on b (least loaded) first; but worker, on b, needs cache published wherever it is
        Placement.Result r = Placement.explain(containers("""
                [{"id": "worker", "image": "i", "links": ["cache"], "host": "b"},
                 {"id": "x", "image": "i", "host": "b"},
                 {"id": "cache", "image": "i", "expose": ["6379"]}]"""), AB, Strategy.spread(), current);

        assertThat(hostOf(r)).containsEntry("cache", "b");
        assertThat(r.decisions().get(2).refused())
                .containsExactly(Map.entry("a", "host port 6379/tcp, which it publishes for worker on b, is taken by lb"));
    }

    @Test
    void aDependantStaysOffHostsFromWhichItsDependencyCouldNotBeReached() {
        List<Container> current = containers("""
                [{"id": "squatter", "image": "i", "ports": ["5432:5432"], "host": "b"}]""");

        // db on b cannot publish 5432 (taken): web must run beside db
        Placement.Result r = Placement.explain(containers("""
                [{"id": "db", "image": "i", "expose": ["5432"], "host": "b"},
                 {"id": "web", "image": "i", "depends_on": ["db"]}]"""), AB, Strategy.spread(), current);

        assertThat(hostOf(r)).containsEntry("web", "b");
        assertThat(r.decisions().get(1).refused())
                .containsExactly(Map.entry("a", "db on b would publish 5432/tcp for it, but squatter uses that host port there"));
    }

    @Test
    void aPortTheDependencyPublishesUnderItsOwnNumberIsNoWiringPortAndProtocolsDiffer() {
        // dns publishes 53/udp itself: the wiring adds nothing, and 53/tcp on b stays free
        Placement.Result r = Placement.place(containers("""
                [{"id": "web", "image": "i", "links": ["dns"], "host": "a"},
                 {"id": "dns", "image": "i", "ports": ["53:53/udp"], "expose": ["53/udp"], "host": "b"},
                 {"id": "more", "image": "i", "host": "b"},
                 {"id": "tcp-dns", "image": "i", "ports": ["53:53"]}]"""), AB, Strategy.binpack(), List.of());

        assertThat(hostOf(r)).containsEntry("tcp-dns", "b");
    }

    @Test
    void withoutAnAddressNothingIsPublishedSoNoPortIsTaken() {
        List<Host> unreachable = List.of(Host.of("a"), Host.of("b"));

        Placement.Result r = Placement.place(containers("""
                [{"id": "web", "image": "i", "links": ["db"], "host": "a"},
                 {"id": "db", "image": "i", "expose": ["5432"], "host": "b"},
                 {"id": "other", "image": "i", "ports": ["5432:5432"], "host": "a"},
                 {"id": "more", "image": "i", "ports": ["5432:5432"]}]"""), unreachable, Strategy.spread(), List.of());

        assertThat(hostOf(r)).containsEntry("more", "b");
    }
}
