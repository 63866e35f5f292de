package dev.cccf.core.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class WiringTest {
    private static final List<Host> HOSTS = Hosts.parse("""
            [{"id": "h1", "docker": "tcp://10.0.0.1:2375"},
             {"id": "h2", "docker": "unix:///run/h2.sock", "address": "10.0.0.2"},
             {"id": "h3", "docker": "unix:///run/h3.sock"}]
            """);

    private static List<Container> parse(String json) {
        return Cccf.parse(json).containers();
    }

    private static Container named(List<Container> list, String id) {
        return list.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aLinkAcrossHostsBecomesAHostEntryAndADependencyAndTheDependencyPublishesWhatItExposes() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db:database"], "host": "h1"},
                 {"id": "db", "image": "pg", "expose": ["5432"], "host": "h2"}]
                """), List.of(), HOSTS);

        assertThat(r.problems()).isEmpty();
        Container web = named(r.containers(), "web");
        assertThat(web.links()).isEmpty();
        assertThat(web.extensions().get("extra_hosts").toString()).isEqualTo("[\"db:10.0.0.2\",\"database:10.0.0.2\"]");
        assertThat(web.extensions().get("depends_on").toString()).isEqualTo("[\"db\"]");
        assertThat(named(r.containers(), "db").ports()).containsExactly("5432:5432");
    }

    @Test
    void containersOnOneHostAreLeftAsTheyAre() {
        List<Container> same = parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"},
                 {"id": "db", "image": "pg", "expose": ["5432"], "host": "h1"}]
                """);
        Wiring.Result r = Wiring.across(same, List.of(), HOSTS);
        assertThat(r.containers()).isEqualTo(same);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void dependsOnAcrossHostsGetsTheHostEntryAndKeepsItsForm() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "depends_on": {"db": {"condition": "service_started"}}, "host": "h2"},
                 {"id": "db", "image": "pg", "ports": ["5432:5432"], "host": "h1"}]
                """), List.of(), HOSTS);
        Container web = named(r.containers(), "web");
        assertThat(web.extensions().get("extra_hosts").toString()).isEqualTo("[\"db:10.0.0.1\"]");
        assertThat(web.extensions().get("depends_on").toString()).isEqualTo("{\"db\":{\"condition\":\"service_started\"}}");
        assertThat(named(r.containers(), "db").ports()).containsExactly("5432:5432");
    }

    @Test
    void aHostWithoutAddressIsAWarningAtTheLinkWhichIsLeftOutButStillOrders() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"},
                 {"id": "db", "image": "pg", "expose": ["5432"], "host": "h3"}]
                """), List.of(), HOSTS);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.problems()).extracting(Problem::path, Problem::code)
                .containsExactly(tuple("web.links[0]", Wiring.WIRING_ADDRESS));
        Container web = named(r.containers(), "web");
        assertThat(web.links()).isEmpty();
        assertThat(web.extensions()).doesNotContainKey("extra_hosts");
        assertThat(web.extensions().get("depends_on").toString()).isEqualTo("[\"db\"]");
        assertThat(named(r.containers(), "db").ports()).isEmpty();
    }

    @Test
    void aPortPublishedUnderAnotherNumberCannotBeReachedUnderItsOwn() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"},
                 {"id": "db", "image": "pg", "ports": ["15432:5432"], "host": "h2"}]
                """), List.of(), HOSTS);
        assertThat(r.problems()).extracting(Problem::code).containsExactly(Wiring.WIRING_PORT);
        assertThat(r.problems().get(0).message()).contains("published as 5432:5432");
    }

    @Test
    void aKeptDependencyThatWouldHaveToPublishIsAWarningAndTheDependantIsStillWired() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"}]
                """), parse("[{\"id\": \"db\", \"image\": \"pg\", \"expose\": [\"5432\"], \"host\": \"h2\"}]"), HOSTS);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.problems()).extracting(Problem::code).containsExactly(Wiring.WIRING_KEPT);
        assertThat(named(r.containers(), "web").extensions().get("extra_hosts").toString()).isEqualTo("[\"db:10.0.0.2\"]");
    }

    @Test
    void aHostPortTheWiringNeedsThatAnotherContainerUsesIsAnError() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"},
                 {"id": "db", "image": "pg", "expose": ["5432"], "host": "h2"}]
                """), parse("[{\"id\": \"other\", \"image\": \"x\", \"ports\": [\"5432:80\"], \"host\": \"h2\"}]"), HOSTS);
        assertThat(r.problems()).extracting(Problem::path, Problem::code)
                .containsExactly(tuple("db.ports", Wiring.WIRING_PORT));
    }

    @Test
    void aDependencyWithoutPortsIsAWarningAndTheHostEntryIsStillGiven() {
        Wiring.Result r = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"},
                 {"id": "db", "image": "pg", "host": "h2"}]
                """), List.of(), HOSTS);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.problems()).extracting(Problem::code).containsExactly(Wiring.WIRING_NO_PORT);
        assertThat(named(r.containers(), "web").extensions()).containsKey("extra_hosts");
    }

    @Test
    void wiringTwiceChangesNothingMore() {
        List<Container> once = Wiring.across(parse("""
                [{"id": "web", "image": "w", "links": ["db"], "host": "h1"},
                 {"id": "db", "image": "pg", "expose": ["5432"], "host": "h2"}]
                """), List.of(), HOSTS).containers();
        assertThat(Wiring.across(once, List.of(), HOSTS).containers()).isEqualTo(once);
    }
}
