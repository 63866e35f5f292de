package dev.cccf.host;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-run measurement, not a test: places N random containers on H hosts and prints the time.
 * <pre>
 * cd cccf-host && java -cp target/classes:target/test-classes:target/lib/* dev.cccf.host.PlacementBench [N] [H]
 * </pre>
 */
public final class PlacementBench {
    private PlacementBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            hosts.add(Host.of("host-" + i));
        }
        List<Container> withPorts = Cccf.random(n, 1);
        List<Container> plain = withPorts.stream().map(c -> c.withPorts(List.of())).toList();
        for (String strategy : List.of("spread", "round-robin", "random", "binpack")) {
            measure(strategy + ", no rules", plain, hosts, Strategy.named(strategy, 7));
        }
        measure("spread, one host port each (4000 distinct)", withPorts, hosts, Strategy.spread());
    }

    private static void measure(String what, List<Container> containers, List<Host> hosts, Strategy strategy) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            Placement.Result r = Placement.place(containers, hosts, strategy, List.of());
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
            if (r.containers().size() != containers.size()) {
                throw new AssertionError("lost containers");
            }
        }
        System.out.printf("%-45s %,d containers on %,d hosts: best of 5 %,d ms%n", what, containers.size(), hosts.size(),
                best / 1_000_000);
    }
}
