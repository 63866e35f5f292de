package dev.cccf.host.internal;

import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.Memory;
import dev.cccf.core.hosts.Host;
import dev.cccf.host.Placement;
import dev.cccf.host.Placement.Decision;
import dev.cccf.host.Placement.How;
import dev.cccf.host.PlacementException;
import dev.cccf.host.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The state of one placement. Hosts wait in ordered sets (one per distinct set of label
 * constraints), keyed by the strategy's order then hosts-file index, so a container without
 * rules is placed in O(log h).
 */
public final class Planner {
    /** The busiest host last: the order rebalancing moves containers in. */
    private static final Comparator<Strategy.Candidate> BY_LOAD = Strategy.spread().order();

    private final HostState[] states;
    private final Map<String, HostState> byId = new HashMap<>();
    private final Map<String, HostState> byEndpoint = new HashMap<>();
    private final Strategy strategy;
    private final boolean explain;
    private final Comparator<Strategy.Candidate> order;
    private final Strategy.Choice choice;
    private final Map<Map<String, String>, Group> groups = new HashMap<>();
    private final List<Problem> warnings = new ArrayList<>();
    /** named volume -> the hosts where it is (an engine has it, a container there mounts it) */
    private final Map<String, Set<HostState>> volumeHosts = new HashMap<>();
    /** the containers to place (not global) that expose ports, by name; where those and their dependants went so far */
    private final Map<String, Needs> toPlace = new HashMap<>();
    private final Map<String, HostState> placedAt = new HashMap<>();
    /** name -> the containers to place that depend on it */
    private final Map<String, List<Needs>> dependants = new HashMap<>();

    /** The hosts a set of label constraints allows, in file order and (spread, binpack) in the strategy's order. */
    static final class Group {
        final HostState[] members;
        final List<HostState> inFileOrder;
        final TreeSet<HostState> ordered;

        Group(HostState[] members, Comparator<Strategy.Candidate> order) {
            this.members = members;
            this.inFileOrder = Arrays.asList(members);
            this.ordered = order == null ? null : new TreeSet<>(order);
            if (ordered != null) {
                ordered.addAll(Arrays.asList(members));
            }
        }
    }

    private final Set<String> shared;

    public Planner(List<Host> hosts, Strategy strategy, boolean explain) {
        this(hosts, strategy, explain, Set.of());
    }

    /**
     * @param shared the named volumes whose data is on the network (an nfs share ...): a container
     *     that mounts one is not held to the hosts where it is
     */
    public Planner(List<Host> hosts, Strategy strategy, boolean explain, Set<String> shared) {
        this.shared = Set.copyOf(shared);
        this.strategy = strategy;
        this.explain = explain;
        this.states = new HostState[hosts.size()];
        for (int i = 0; i < states.length; i++) {
            Host h = hosts.get(i);
            states[i] = new HostState(h, i);
            if (byId.putIfAbsent(h.id(), states[i]) != null) {
                throw new IllegalArgumentException("two hosts have the id " + Rules.quote(h.id()));
            }
            if (h.docker() != null) {
                byEndpoint.putIfAbsent(h.docker(), states[i]);
            }
        }
        this.order = strategy.order();
        this.choice = strategy.start();
    }

    /** A slot of the output: one container, how it got its host, and its needs. */
    private static final class Slot {
        final int index;
        Container container;
        final Needs needs;
        How how;
        HostState host;
        double score;
        Map<String, String> refused = Map.of();

        Slot(int index, Container container, Needs needs, How how) {
            this.index = index;
            this.container = container;
            this.needs = needs;
            this.how = how;
        }
    }

    /** What {@code c} asks of its host, but the shared volumes. */
    private Needs needs(Container c) {
        return Needs.of(c).withoutVolumes(shared);
    }

    /**
     * @param volumes named volume -> the hosts (ids or endpoints) whose engines have it
     */
    public Placement.Result place(List<Container> containers, List<Container> current,
            Map<String, ? extends Collection<String>> volumes) {
        List<Unplaced> unplaced = new ArrayList<>();
        List<Slot> slots = new ArrayList<>(containers.size());
        Map<String, Container> running = new HashMap<>();
        for (Container c : current) {
            running.put(c.name(), c);
        }
        // global containers become one instance per host whose labels match
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            Needs n = needs(c);
            if (c.scale() != null && c.scale() > 1) {
                warnings.add(Problem.warning(c.id() + ".scale", Placement.SCALE_NOT_EXPANDED,
                        c.id() + " has scale " + c.scale() + ": placed as one container (run 'cccf scale up' first)"));
            }
            if (!n.global() || c.host() != null) {
                slots.add(new Slot(i, c, n, c.host() != null ? How.PINNED : How.PLACED));
                continue;
            }
            int before = slots.size();
            for (HostState h : states) {
                if (labelRefusal(n, h) == null) {
                    Container instance = c.withId(c.id() + "-" + h.host.id());
                    Slot s = new Slot(i, instance, needs(instance), How.GLOBAL);
                    s.host = h;
                    slots.add(s);
                }
            }
            if (slots.size() == before) {
                unplaced.add(new Unplaced(i, PlacementException.NO_FIT,
                        "global container " + Rules.quote(c.id()) + " fits on no host", labelRefusals(n)));
            }
        }
        Set<String> names = new HashSet<>();
        for (Slot s : slots) {
            if (s.how != How.GLOBAL) {
                names.add(s.needs.name());
            }
        }
        for (Slot s : slots) {
            if (s.how != How.GLOBAL) { // the dependency graph, for the ports the wiring publishes
                if (s.needs.wiring().length > 0) {
                    toPlace.put(s.needs.name(), s.needs);
                }
                for (String d : s.needs.dependencies()) {
                    dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(s.needs);
                }
            }
        }
        volumes.forEach((name, at) -> at.forEach(host -> {
            HostState h = resolve(host);
            if (h != null) {
                volumeHosts.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(h);
            }
        }));
        for (Slot s : slots) {
            if (s.how == How.GLOBAL && !names.add(s.needs.name())) {
                unplaced.add(new Unplaced(s.index, PlacementException.GLOBAL_ID_COLLISION,
                        "the instance of global container " + Rules.quote(containers.get(s.index).id()) + " on host "
                                + Rules.quote(s.host.host.id()) + " would be " + Rules.quote(s.container.id())
                                + ", the id of another container; rename one of them", Map.of()));
            }
        }
        // what runs keeps running where it runs
        for (Container c : current) {
            if (!names.contains(c.name())) {
                HostState h = locate(c, "current container");
                if (h != null) {
                    Needs n = needs(c);
                    add(h, n);
                    mounted(n, h);
                }
            } else if (c.host() != null && !c.volumes().isEmpty()) {
                HostState h = resolve(c.host());
                if (h != null) {
                    mounted(needs(c), h); // to be replaced, or sticky: its volumes are there all the same
                }
            }
        }
        for (Slot s : slots) {
            if (s.how == How.PINNED) {
                s.host = locate(s.container, "container");
                if (s.host != null) {
                    volumesElsewhere(s);
                    add(s.host, s.needs);
                    makes(s.needs, s.host);
                    wire(s.needs, s.host);
                }
            } else {
                Container was = running.get(s.needs.name());
                HostState there = was == null || was.host() == null ? null : resolve(was.host());
                if (there != null && (s.how == How.PLACED || there == s.host)) {
                    s.how = How.STICKY;
                    s.host = there;
                    s.container = s.container.withHost(was.host());
                    add(there, s.needs);
                    makes(s.needs, there);
                    wire(s.needs, there);
                }
            }
        }
        for (Slot s : slots) {
            if (s.how == How.GLOBAL) {
                String why = refusal(s.needs, s.host);
                if (why != null) {
                    unplaced.add(new Unplaced(s.index, PlacementException.NO_FIT,
                            "global container " + Rules.quote(containers.get(s.index).id()) + " cannot run on host "
                                    + Rules.quote(s.host.host.id()), Map.of(s.host.host.id(), why)));
                    continue;
                }
                s.score = score(s.host);
                if (explain) {
                    s.refused = labelRefusals(s.needs);
                }
                s.container = s.container.withHost(s.host.host.id());
                add(s.host, s.needs);
                makes(s.needs, s.host);
            }
        }
        for (Slot s : slots) {
            if (s.how != How.PLACED) {
                continue;
            }
            HostState h = choose(s.needs);
            if (h == null) {
                unplaced.add(new Unplaced(s.index, PlacementException.NO_FIT,
                        "container " + Rules.quote(s.container.id()) + " fits on no host", refusals(s.needs)));
                continue;
            }
            s.score = score(h);
            if (explain) {
                s.refused = refusals(s.needs);
            }
            s.host = h;
            s.container = s.container.withHost(h.host.id());
            add(h, s.needs);
            makes(s.needs, h);
            wire(s.needs, h);
        }
        if (!unplaced.isEmpty()) {
            unplaced.sort(Comparator.comparingInt(Unplaced::index));
            Map<Problem, Map<String, String>> problems = new LinkedHashMap<>();
            for (Unplaced u : unplaced) {
                problems.put(Problem.error(containers.get(u.index()).id(), u.code(), u.describe()), u.refused());
            }
            throw new PlacementException(problems);
        }
        List<Container> out = new ArrayList<>(slots.size());
        List<Decision> decisions = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            out.add(s.container);
            decisions.add(new Decision(s.container.id(), s.host == null ? s.container.host() : s.host.host.id(),
                    s.how, s.score, s.refused));
        }
        return new Placement.Result(out, decisions, warnings);
    }

    // ------------------------------------------------------------------ choosing

    private HostState choose(Needs n) {
        Group g = group(n.constraints());
        if (g.members.length == 0) {
            return null;
        }
        // the choice is given this planner's hosts, so it gives one of them back
        return (HostState) choice.choose(g.inFileOrder, g.ordered, n.service(), h -> fits(n, (HostState) h));
    }

    private double score(HostState h) {
        return strategy.score(h);
    }

    private Group group(Map<String, String> constraints) {
        Group g = groups.get(constraints);
        if (g == null) {
            List<HostState> members = new ArrayList<>();
            Needs probe = Needs.constrainedTo(constraints);
            for (HostState h : states) {
                if (labelRefusal(probe, h) == null) {
                    members.add(h);
                }
            }
            g = new Group(members.toArray(new HostState[0]), order);
            for (HostState h : g.members) {
                h.groups.add(g);
            }
            groups.put(Map.copyOf(constraints), g);
        }
        return g;
    }

    private void add(HostState h, Needs n) {
        unlist(h);
        h.add(n);
        relist(h);
    }

    private void remove(HostState h, Needs n) {
        unlist(h);
        h.remove(n);
        relist(h);
    }

    private void unlist(HostState h) {
        for (Group g : h.groups) {
            if (g.ordered != null) {
                g.ordered.remove(h);
            }
        }
    }

    private void relist(HostState h) {
        for (Group g : h.groups) {
            if (g.ordered != null) {
                g.ordered.add(h);
            }
        }
    }

    // ------------------------------------------------------------------ rules

    private boolean fits(Needs n, HostState h) {
        return refusal(n, h) == null;
    }

    /** Every host that refuses the container, and why, in hosts order. */
    private Map<String, String> refusals(Needs n) {
        return refusals(n, this::refusal);
    }

    /** For a global instance: the hosts that get no instance, and why. */
    private Map<String, String> labelRefusals(Needs n) {
        return refusals(n, Planner::labelRefusal);
    }

    private Map<String, String> refusals(Needs n, BiFunction<Needs, HostState, String> rule) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HostState h : states) {
            String why = rule.apply(n, h);
            if (why != null) {
                out.put(h.host.id(), why);
            }
        }
        return out;
    }

    private static String labelRefusal(Needs n, HostState h) {
        for (Map.Entry<String, String> e : n.constraints().entrySet()) {
            String has = h.host.labels().get(e.getKey());
            if (has == null) {
                return "no label " + Rules.quote(e.getKey()) + " (needs " + Rules.quote(e.getValue()) + ")";
            }
            if (!has.equals(e.getValue())) {
                return "label " + Rules.quote(e.getKey()) + " is " + Rules.quote(has) + ", needs " + Rules.quote(e.getValue());
            }
        }
        return null;
    }

    /** Why {@code h} cannot take the container, or {@code null} when it can. */
    String refusal(Needs n, HostState h) {
        String why = labelRefusal(n, h);
        if (why == null) {
            why = volumeRefusal(n, h);
        }
        if (why == null) {
            why = wiringRefusal(n, h);
        }
        return why != null ? why : ruleRefusal(n, h);
    }

    /** A named volume it mounts is on other hosts (its data is there). */
    private String volumeRefusal(Needs n, HostState h) {
        if (n.global()) {
            return null; // an instance on every host, each with the volume of its host
        }
        for (String v : n.volumes()) {
            Set<HostState> at = volumeHosts.get(v);
            if (at != null && !at.contains(h)) {
                return "volume " + v + " is on " + hostList(at) + " (its data)";
            }
        }
        return null;
    }

    /**
     * A host port the wiring across hosts would publish is taken: its own exposed ports on
     * {@code h} (a dependant runs on another host), or a dependency's on the dependency's host
     * (were it put on {@code h}, away from that dependency).
     */
    private String wiringRefusal(Needs n, HostState h) {
        if (n.wiring().length > 0 && h.host.reachableAt() != null) {
            for (Needs d : dependants.getOrDefault(n.name(), List.of())) {
                HostState there = placedAt.get(d.name());
                if (there != null && there != h) {
                    for (int p : n.wiring()) {
                        String owner = h.portOwner(p);
                        if (owner != null && !owner.equals(n.name())) {
                            return "host port " + Needs.showPort(p) + ", which it publishes for " + d.name() + " on "
                                    + there.host.id() + ", is taken by " + owner;
                        }
                    }
                }
            }
        }
        for (String dep : n.dependencies()) {
            Needs d = toPlace.get(dep);
            HostState there = placedAt.get(dep);
            if (d == null || there == null || there == h || there.host.reachableAt() == null) {
                continue;
            }
            for (int p : d.wiring()) {
                String owner = there.portOwner(p);
                if (owner != null && !owner.equals(dep)) {
                    return dep + " on " + there.host.id() + " would publish " + Needs.showPort(p) + " for it, but "
                            + owner + " uses that host port there";
                }
            }
        }
        return null;
    }

    /** Conflicts, host ports, memory and cpus: the rules of what runs on {@code h}. */
    private static String ruleRefusal(Needs n, HostState h) {
        for (Needs.Glob g : n.conflicts()) {
            if (g.literal() != null) {
                if (!g.literal().equals(n.name()) && h.names.contains(g.literal())) {
                    return "conflicts with " + g.literal() + " (conflicts " + Rules.quote(g.text()) + ")";
                }
            } else {
                for (String other : h.names) {
                    if (!other.equals(n.name()) && g.matches(other)) {
                        return "conflicts with " + other + " (conflicts " + Rules.quote(g.text()) + ")";
                    }
                }
            }
        }
        for (Needs other : h.conflicting) {
            if (!other.name().equals(n.name())) {
                for (Needs.Glob g : other.conflicts()) {
                    if (g.matches(n.name())) {
                        return other.name() + " conflicts with it (conflicts " + Rules.quote(g.text()) + ")";
                    }
                }
            }
        }
        for (int p : n.ports()) {
            String owner = h.ports.get(p);
            if (owner != null && !owner.equals(n.name())) {
                return "host port " + Needs.showPort(p) + " is taken by " + owner;
            }
            String wiredBy = h.wired.get(p);
            if (wiredBy != null && !wiredBy.equals(n.name())) {
                return "host port " + Needs.showPort(p) + " is taken by " + wiredBy + " (published for its dependants on other hosts)";
            }
        }
        Host host = h.host;
        if (n.memory() > 0 && host.memory() != null && h.memory + n.memory() > host.memory()) {
            return "memory: needs " + Memory.format(n.memory()) + ", "
                    + Memory.format(Math.max(0, host.memory() - h.memory)) + " of "
                    + Memory.format(host.memory()) + " free";
        }
        if (n.cpus() > 0 && host.cpus() != null && h.cpus + n.cpus() > host.cpus() + 1e-9) {
            return "cpus: needs " + num(n.cpus()) + ", " + num(Math.max(0, host.cpus() - h.cpus)) + " of "
                    + num(host.cpus()) + " free";
        }
        return null;
    }

    private static String hostList(Set<HostState> hosts) {
        return hosts.stream().sorted(Comparator.comparingInt(HostState::index)).map(x -> x.host.id())
                .collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------ named volumes, wiring

    /** The named volumes of a container that runs on {@code h} are there. */
    private void mounted(Needs n, HostState h) {
        for (String v : n.volumes()) {
            volumeHosts.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(h);
        }
    }

    /**
     * The named volumes of a container placed on {@code h} now that are nowhere yet will be there
     * (it makes them): the containers placed after it that mount one follow it. A volume that is
     * somewhere already stays where its data is, so a container pinned away from it does not draw
     * the others to its new, empty one.
     */
    private void makes(Needs n, HostState h) {
        for (String v : n.volumes()) {
            volumeHosts.computeIfAbsent(v, k -> new LinkedHashSet<>(List.of(h)));
        }
    }

    /** A pinned container whose named volume is only on other hosts gets a new, empty one: a warning. */
    private void volumesElsewhere(Slot s) {
        List<String> entries = s.container.volumes();
        for (String v : s.needs.volumes()) {
            Set<HostState> at = volumeHosts.get(v);
            if (at != null && !at.contains(s.host)) {
                int i = 0;
                while (!v.equals(Rules.volumeName(entries.get(i)))) {
                    i++;
                }
                warnings.add(Problem.warning(s.container.id() + ".volumes[" + i + "]", Placement.VOLUME_ELSEWHERE,
                        s.container.id() + " is pinned to " + s.host.host.id() + ", but the data of its volume " + v
                                + " is on " + hostList(at) + ": it gets a new, empty volume " + v + " on "
                                + s.host.host.id() + " and the data stays on " + hostList(at)));
            }
        }
    }

    /**
     * {@code n} now runs on {@code h}: the ports the wiring across hosts publishes for it are
     * taken, its own (a dependant runs elsewhere) on {@code h}, and its dependencies' on theirs.
     */
    private void wire(Needs n, HostState h) {
        if (n.wiring().length == 0 && n.dependencies().isEmpty()) {
            return; // in no dependency that the wiring publishes ports for
        }
        placedAt.put(n.name(), h);
        if (n.wiring().length > 0 && h.host.reachableAt() != null) {
            for (Needs d : dependants.getOrDefault(n.name(), List.of())) {
                HostState there = placedAt.get(d.name());
                if (there != null && there != h) {
                    reserve(h, n.wiring(), n.name());
                    break;
                }
            }
        }
        for (String dep : n.dependencies()) {
            Needs d = toPlace.get(dep);
            HostState there = placedAt.get(dep);
            if (d != null && there != null && there != h && there.host.reachableAt() != null) {
                reserve(there, d.wiring(), dep);
            }
        }
    }

    private static void reserve(HostState h, int[] ports, String owner) {
        for (int p : ports) {
            h.wired.putIfAbsent(p, owner);
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3g", d);
    }

    // ------------------------------------------------------------------ hosts of running containers

    private HostState resolve(String host) {
        HostState h = byId.get(host);
        return h != null ? h : byEndpoint.get(host);
    }

    private HostState locate(Container c, String what) {
        if (c.host() == null) {
            warnings.add(Problem.warning(c.id(), Placement.NO_HOST, what + " " + c.id() + " has no host: it counts on no host"));
            return null;
        }
        HostState h = resolve(c.host());
        if (h == null) {
            warnings.add(Problem.warning(c.id() + ".host", Placement.HOST_NOT_LISTED, what + " " + c.id() + " runs on "
                    + Rules.quote(c.host()) + ", which is not in the hosts file (neither an id nor a docker endpoint):"
                    + " it counts on no host"));
        }
        return h;
    }

    // ------------------------------------------------------------------ rebalance

    public Placement.Rebalance rebalance(List<Container> current, int maxMoves) {
        List<List<Integer>> on = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            on.add(new ArrayList<>());
        }
        List<Needs> needs = new ArrayList<>(current.size());
        int[] where = new int[current.size()];
        for (int i = 0; i < current.size(); i++) {
            Container c = current.get(i);
            Needs n = needs(c);
            needs.add(n);
            HostState h = locate(c, "container");
            where[i] = h == null ? -1 : h.index;
            if (h != null) {
                add(h, n);
                on.get(h.index).add(i);
            }
        }
        List<Placement.Move> moves = new ArrayList<>();
        Map<Integer, Container> moved = new LinkedHashMap<>();
        Set<Integer> keptForVolumes = new TreeSet<>();
        HostState[] byLoad = states.clone();
        while (moves.size() < maxMoves && !isBalanced()) {
            Arrays.sort(byLoad, BY_LOAD);
            boolean found = false;
            for (int b = byLoad.length - 1; b >= 0 && !found; b--) {
                HostState from = byLoad[b];
                for (int t = 0; t < byLoad.length && !found && byLoad[t].count <= from.count - 2; t++) {
                    HostState to = byLoad[t];
                    for (int k = on.get(from.index).size() - 1; k >= 0; k--) {
                        int i = on.get(from.index).get(k);
                        Needs n = needs.get(i);
                        if (n.global()) {
                            continue;
                        }
                        if (!n.volumes().isEmpty()) { // its data stays where it is: so does it
                            keptForVolumes.add(i);
                            continue;
                        }
                        remove(from, n);
                        if (fits(n, to)) {
                            add(to, n);
                            on.get(from.index).remove(k);
                            on.get(to.index).add(i);
                            where[i] = to.index;
                            moves.add(new Placement.Move(current.get(i).id(), from.host.id(), to.host.id()));
                            moved.remove(i);
                            moved.put(i, current.get(i).withHost(to.host.id()));
                            found = true;
                            break;
                        }
                        add(from, n);
                    }
                }
            }
            if (!found) {
                break;
            }
        }
        if (!isBalanced()) {
            for (int i : keptForVolumes) {
                Container c = current.get(i);
                warnings.add(Problem.warning(c.id() + ".volumes", Placement.VOLUME_STAYS, c.id() + " stays on " + c.host()
                        + ": the data of its volume " + String.join(", ", needs.get(i).volumes()) + " is there"
                        + " (move it by hand, with its data)"));
            }
        }
        return new Placement.Rebalance(moves, List.copyOf(moved.values()), isBalanced(), warnings);
    }

    private boolean isBalanced() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (HostState h : states) {
            min = Math.min(min, h.count);
            max = Math.max(max, h.count);
        }
        return states.length == 0 || max - min <= 1;
    }

    /** A container that could not be placed: its index in the list, why, and each host's reason. */
    private record Unplaced(int index, String code, String message, Map<String, String> refused) {
        String describe() {
            StringBuilder b = new StringBuilder(message);
            refused.forEach((host, why) -> b.append("\n  ").append(host).append(": ").append(why));
            return b.toString();
        }
    }
}
