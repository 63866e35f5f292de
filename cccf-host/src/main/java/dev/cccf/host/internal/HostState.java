package dev.cccf.host.internal;

import dev.cccf.core.hosts.Host;
import dev.cccf.host.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One host while placing: what runs on it, and what that takes. */
final class HostState implements Strategy.Candidate {
    final Host host;
    final int index;
    int count;
    long memory;
    double cpus;
    /** port key -> the container publishing it */
    final Map<Integer, String> ports = new HashMap<>();
    /** port key -> the dependency that publishes it here for its dependants on other hosts (the wiring) */
    final Map<Integer, String> wired = new HashMap<>();
    final Set<String> names = new HashSet<>();
    /** containers here that declare conflicts */
    final List<Needs> conflicting = new ArrayList<>();
    final Map<String, Integer> services = new HashMap<>();
    /** the candidate groups this host is in */
    final List<Planner.Group> groups = new ArrayList<>(2);

    HostState(Host host, int index) {
        this.host = host;
        this.index = index;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int count() {
        return count;
    }

    /** Declared memory and cpus over capacity, summed: 0 (empty or no capacity declared) to 2 (full). */
    @Override
    public double fullness() {
        double f = 0;
        if (host.memory() != null) {
            f += memory / (double) host.memory();
        }
        if (host.cpus() != null) {
            f += cpus / host.cpus();
        }
        return f;
    }

    @Override
    public int replicasOf(String service) {
        Integer n = services.get(service);
        return n == null ? 0 : n;
    }

    void add(Needs n) {
        count++;
        memory += n.memory();
        cpus += n.cpus();
        for (int p : n.ports()) {
            ports.put(p, n.name());
        }
        names.add(n.name());
        if (!n.conflicts().isEmpty()) {
            conflicting.add(n);
        }
        services.merge(n.service(), 1, Integer::sum);
    }

    /** Who uses host port {@code key} here, published or wired; {@code null} when it is free. */
    String portOwner(int key) {
        String owner = ports.get(key);
        return owner != null ? owner : wired.get(key);
    }

    void remove(Needs n) {
        count--;
        memory -= n.memory();
        cpus -= n.cpus();
        for (int p : n.ports()) {
            ports.remove(p, n.name());
        }
        names.remove(n.name());
        conflicting.remove(n);
        services.computeIfPresent(n.service(), (k, v) -> v == 1 ? null : v - 1);
    }
}
