package dev.cccf.benchmarks;

import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.hosts.Host;
import dev.cccf.host.Placement;
import dev.cccf.host.Strategy;
import dev.cccf.instructions.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the benchmarks work on, made once per trial from {@code Cccf.random(n, 42)}.
 *
 * <ul>
 *   <li>{@code current}: what runs, {@code n} random containers spread over the hosts;</li>
 *   <li>{@code wanted}: the same without hosts, every 50th removed, every 10th with a new image,
 *       every 100th with {@code scale: 3}, and {@code n / 40} new containers
 *       ({@code Cccf.random(n / 40, 43)} with ids prefixed {@code new-});</li>
 *   <li>{@code hosts}: {@code HOSTS} hosts {@code h0 ...} with docker endpoints.</li>
 * </ul>
 * Both lists are also kept as compact JSON bytes, as {@code cccf validate} would write them.
 */
final class Workload {
    static final int HOSTS = 1000;

    final List<Container> current;
    final List<Container> wanted;
    final byte[] currentJson;
    final byte[] wantedJson;
    final List<Host> hosts;
    final Options options;

    Workload(int n) {
        List<Host> hs = new ArrayList<>(HOSTS);
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (int i = 0; i < HOSTS; i++) {
            String docker = "tcp://10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + ":2375";
            hs.add(Host.of("h" + i).withDocker(docker));
            endpoints.put("h" + i, docker);
        }
        hosts = List.copyOf(hs);
        options = Options.defaults().withHosts(endpoints);

        List<Container> base = Cccf.random(n, 42);
        current = Placement.place(base, hosts, Strategy.spread(), List.of()).containers();
        List<Container> w = new ArrayList<>(n + n / 40);
        for (int i = 0; i < n; i++) {
            if (i % 50 == 7) {
                continue;
            }
            Container c = base.get(i);
            if (i % 10 == 3) {
                c = c.withImage(c.image() + "-next");
            }
            if (i % 100 == 5) {
                c = c.withScale(3);
            }
            w.add(c);
        }
        for (Container c : Cccf.random(n / 40, 43)) {
            w.add(c.withId("new-" + c.id()));
        }
        wanted = List.copyOf(w);
        currentJson = json(current);
        wantedJson = json(wanted);
    }

    static byte[] json(List<Container> containers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CccfWriter.write(containers, false, out, OutputFormat.COMPACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
