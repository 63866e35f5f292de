package dev.cccf.host.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.host.Placement;
import dev.cccf.host.PlacementFields;
import dev.cccf.host.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Use from Java", compiled and run. */
class ReadmeExampleTest {

    @Test
    void placeWantedContainersBesideWhatRuns() {
        List<Host> hosts = Hosts.parse("""
                [{"id": "a", "docker": "unix:///var/run/docker.sock", "labels": {"zone": "x"}, "memory": "8g", "cpus": 4},
                 {"id": "b", "host": "10.0.0.2", "port": 2375}]""");
        List<Container> wanted = PlacementFields.reader().read("""
                [{"id": "web", "image": "nginx", "memory": "512m", "constraints": {"zone": "x"}},
                 {"id": "db", "image": "postgres", "conflicts": ["web"]}]""", "wanted.json").containers();
        List<Container> current = List.of(Container.of("cache", "redis").withHost("tcp://10.0.0.2:2375"));

        Placement.Result r = Placement.place(wanted, hosts, Strategy.spread(), current);

        assertThat(r.containers()).extracting(Container::host).containsExactly("a", "b");
        assertThat(r.decisions()).extracting(Placement.Decision::how).containsOnly(Placement.How.PLACED);
        assertThat(r.warnings()).isEmpty();
    }
}
