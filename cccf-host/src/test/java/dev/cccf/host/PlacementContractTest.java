package dev.cccf.host;

import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.testkit.TransformContract;
import java.util.List;

/** The contract every cccf transform keeps, for placement (spread on three hosts, nothing running). */
class PlacementContractTest extends TransformContract {
    private static final List<Host> HOSTS = Hosts.parse("""
            [{"id": "a", "docker": "tcp://10.0.0.1:2375"}, {"id": "b", "docker": "tcp://10.0.0.2:2375"},
             {"id": "c", "docker": "tcp://10.0.0.3:2375"}]
            """);

    @Override
    protected List<Container> transform(List<Container> input) {
        return Placement.place(input, HOSTS, Strategy.spread(), List.of()).containers();
    }
}
