package dev.cccf.host;

import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import dev.cccf.host.internal.Planner;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Gives every container that has no host a host: {@code place(containers, hosts, strategy, current)}.
 * Pure and deterministic: no I/O, inputs never changed, the same input gives the same output.
 *
 * <p>Rules, all hard: a container's {@code constraints} must match the host's labels; no two
 * containers whose {@code conflicts} globs match the other's id share a host (both ways); a
 * {@code global} container gets one instance, {@code ID-HOSTID}, on every host whose labels match;
 * declared {@code memory} and {@code cpus} never exceed a host's capacity; two containers
 * publishing the same host port and protocol never share a host; a container that mounts a named
 * volume runs on a host that has it (its data is there), so containers sharing one share a host;
 * a host port that the wiring across hosts publishes for a dependency
 * (cccf-core's {@code Wiring}) is a host port in use.
 *
 * <p>Containers of {@code current} count as load where they run (a host id or its docker
 * endpoint). A container that already has a host keeps it; one without a host whose id runs in
 * {@code current} goes back to that host (sticky): nothing that runs moves.
 */
public final class Placement {

    private Placement() {
    }

    /**
     * @param containers the containers to place, in order; those with a host keep it
     * @param hosts      the hosts, in hosts-file order (which breaks ties)
     * @param strategy   how to choose among the hosts that can take a container
     * @param current    what runs now, with hosts: load, and the hosts of sticky containers
     * @return the containers in input order (global ones expanded in place, in hosts order), all with a host
     * @throws PlacementException when a container fits on no host (nothing is placed then)
     * @throws IllegalArgumentException when a placement field is invalid (read with {@link PlacementFields#reader()} to get located errors)
     */
    public static Result place(List<Container> containers, List<Host> hosts, Strategy strategy, List<Container> current) {
        return place(containers, hosts, strategy, current, Map.of());
    }

    /**
     * As {@link #place(List, List, Strategy, List)}, knowing where named volumes are beside what
     * {@code current} mounts.
     *
     * @param volumes named volume -> the hosts (ids or docker endpoints) whose engines have it; a
     *     container that mounts it goes to one of them
     */
    public static Result place(List<Container> containers, List<Host> hosts, Strategy strategy, List<Container> current,
            Map<String, ? extends Collection<String>> volumes) {
        return place(containers, hosts, strategy, current, volumes, Set.of());
    }

    /**
     * As {@link #place(List, List, Strategy, List, Map)}, with the named volumes whose data is on
     * the network ({@code shared}, {@link dev.cccf.core.Declarations#sharedVolumes}): a container
     * that mounts one may run on any host.
     */
    public static Result place(List<Container> containers, List<Host> hosts, Strategy strategy, List<Container> current,
            Map<String, ? extends Collection<String>> volumes, Set<String> shared) {
        return new Planner(hosts, strategy, false, shared).place(containers, current, volumes);
    }

    /** As {@link #place}, with every refused host and its reason in each {@link Decision} (costs a look at every host per container). */
    public static Result explain(List<Container> containers, List<Host> hosts, Strategy strategy, List<Container> current) {
        return explain(containers, hosts, strategy, current, Map.of());
    }

    /** As {@link #place(List, List, Strategy, List, Map)}, with every refused host and its reason in each {@link Decision}. */
    public static Result explain(List<Container> containers, List<Host> hosts, Strategy strategy, List<Container> current,
            Map<String, ? extends Collection<String>> volumes) {
        return explain(containers, hosts, strategy, current, volumes, Set.of());
    }

    /** As {@link #explain(List, List, Strategy, List, Map)}, with the shared volumes of {@link #place(List, List, Strategy, List, Map, Set)}. */
    public static Result explain(List<Container> containers, List<Host> hosts, Strategy strategy, List<Container> current,
            Map<String, ? extends Collection<String>> volumes, Set<String> shared) {
        return new Planner(hosts, strategy, true, shared).place(containers, current, volumes);
    }

    /**
     * The fewest moves (greedy: busiest host to idlest host, minimal without constraints) that bring
     * the busiest and the idlest host within one container of each other, never breaking a rule,
     * at most {@code maxMoves}. Global instances never move, nor do containers that mount a named
     * volume (its data stays on its host): when the hosts end uneven, a {@value #VOLUME_STAYS}
     * warning names each such container passed over.
     */
    public static Rebalance rebalance(List<Container> current, List<Host> hosts, int maxMoves) {
        return rebalance(current, hosts, maxMoves, Set.of());
    }

    /** As {@link #rebalance(List, List, int)}: a container that mounts only shared volumes ({@code shared}) may move. */
    public static Rebalance rebalance(List<Container> current, List<Host> hosts, int maxMoves, Set<String> shared) {
        return new Planner(hosts, Strategy.spread(), false, shared).rebalance(current, maxMoves);
    }

    /**
     * The load that runs while a diff ({@code cccf diff}'s add, remove, keep) is carried out: what
     * runs now ({@code current}) without what {@code remove} takes away (a container both removed
     * and added is replaced, and its old one counts until then, so the new one goes back to its
     * host), with each {@code keep} container where it runs (its own host, or that of the
     * container with its id in {@code current}). Pass it as {@code current} to {@link #place}
     * the containers of {@code add}.
     */
    public static List<Container> loadAfter(List<Container> current, List<Container> add, List<Container> remove,
            List<Container> keep) {
        Set<String> added = new HashSet<>();
        add.forEach(c -> added.add(c.name()));
        Set<String> gone = new HashSet<>();
        for (Container c : remove) {
            if (!added.contains(c.name())) {
                gone.add(c.name());
            }
        }
        Map<String, Container> load = new LinkedHashMap<>();
        for (Container c : current) {
            if (!gone.contains(c.name())) {
                load.put(c.name(), c);
            }
        }
        for (Container k : keep) {
            Container was = load.get(k.name());
            load.put(k.name(), k.host() == null && was != null ? k.withHost(was.host()) : k);
        }
        return List.copyOf(load.values());
    }

    /** Warning: a container with {@code scale} above 1 is placed as one container ({@code cccf scale up} first). */
    public static final String SCALE_NOT_EXPANDED = "scale-not-expanded";
    /** Warning: a running (or pinned) container has no host, so it counts as load on none. */
    public static final String NO_HOST = "no-host";
    /** Warning: a running (or pinned) container's host is not in the hosts file, so it counts as load on none. */
    public static final String HOST_NOT_LISTED = "host-not-listed";
    /** Warning: a container pinned to a host mounts a named volume whose data is on other hosts. */
    public static final String VOLUME_ELSEWHERE = "volume-elsewhere";
    /** Warning: rebalancing left a container where it is because it mounts a named volume. */
    public static final String VOLUME_STAYS = "volume-stays";

    /**
     * What {@link #place} returns; each warning a {@link Problem} of severity WARNING whose path is
     * anchored at a container's id ({@code web.scale}, {@code old.host}).
     */
    public record Result(List<Container> containers, List<Decision> decisions, List<Problem> warnings) {
        public Result {
            containers = List.copyOf(containers);
            decisions = List.copyOf(decisions);
            warnings = List.copyOf(warnings);
        }
    }

    /** How a container came by its host. */
    public enum How {
        /** chosen by the strategy */
        PLACED,
        /** one instance of a global container */
        GLOBAL,
        /** it had a host already */
        PINNED,
        /** it runs in current: it stays where it runs */
        STICKY
    }

    /**
     * The choice made for one output container.
     *
     * @param score   spread: containers on the host before (lower wins); binpack: its fullness, declared
     *                memory and cpus over capacity, 0-2 (higher wins); round-robin and random: the
     *                host's 0-based position in the hosts file
     * @param refused host id -> why it could not take the container (only from {@link #explain}; hosts order)
     */
    public record Decision(String id, String host, How how, double score, Map<String, String> refused) {
        public Decision {
            Objects.requireNonNull(id, "id");
            refused = refused == null || refused.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(refused));
        }
    }

    /** One container moved by {@link #rebalance}. */
    public record Move(String id, String from, String to) {
    }

    /**
     * What {@link #rebalance} returns: the moves in order, the moved containers with their new
     * host, whether the hosts end within one container of each other, and warnings.
     */
    public record Rebalance(List<Move> moves, List<Container> moved, boolean balanced, List<Problem> warnings) {
        public Rebalance {
            moves = List.copyOf(moves);
            moved = List.copyOf(moved);
            warnings = List.copyOf(warnings);
        }
    }
}
