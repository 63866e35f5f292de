package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.Dependencies;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Wiring;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.host.Placement;
import dev.cccf.host.PlacementException;
import dev.cccf.host.Strategy;
import dev.cccf.scale.Scale;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What it takes to bring engines from what runs to what is wanted: scale up, place, diff. A pure
 * function ({@link #plan}); {@link Apply} carries the result out on the engines and
 * {@code cccf plan} prints it as instructions.
 *
 * <p>Only containers cccf created ({@link Observed#managed()}) are ever removed or replaced;
 * the others ("foreign") are left alone, reported, and count as load on their host. A wanted
 * container that exists stopped is started, not recreated. A link between two containers that
 * end up on different hosts cannot work (docker links are local to an engine): it is left out
 * of the container created, with a warning, and kept in its recorded config.
 */
public final class Converge {
    /** Warning: a container paused, restarting or being removed is left as it is. */
    public static final String LEFT_AS_IT_IS = "left-as-it-is";
    /** Warning: a link to a container on another host is left out (docker links work on one engine). */
    public static final String LINK_ACROSS_HOSTS = "link-across-hosts";
    /** Warning: a container is made again (it links to one that is replaced, or it could not start). */
    public static final String MADE_AGAIN = "made-again";

    private Converge() {
    }

    /** States in which a wanted, unchanged container is started rather than left as it is. */
    static final Set<String> STARTABLE = Set.of("created", "exited");

    /**
     * One container found on an engine.
     *
     * @param container as {@link DockerState#toCccf} gives it: {@code host} set, {@code state}
     *     when not running
     * @param managed it carries cccf's labels: cccf created it
     * @param project the project cccf created it for ({@link CccfLabels#PROJECT}); {@code null}:
     *     any project (a state file)
     * @param source the WANTED file it was applied from ({@link CccfLabels#SOURCE}), or {@code null}
     */
    public record Observed(Container container, boolean managed, String project, String source) {
        /** Without a recorded source. */
        public Observed(Container container, boolean managed, String project) {
            this(container, managed, project, null);
        }

        /** Every container of a state file counts as managed by the project: the user gave it as what runs. */
        public static List<Observed> allManaged(List<Container> containers) {
            return containers.stream().map(c -> new Observed(c, true, null)).toList();
        }

        /** cccf created it for {@code project} (or the state file says it runs): it may be removed. */
        public boolean removableBy(String project) {
            return managed && (this.project == null || project == null || this.project.equals(project));
        }

        /** {@code null} when running. */
        public String state() {
            JsonNode s = container.extension(DockerFields.STATE).orElse(null);
            return s == null || s.asText().equals("running") ? null : s.asText();
        }
    }

    /**
     * The plan.
     *
     * @param create placed wanted containers to create and start (their config as wanted)
     * @param start existing stopped containers to start (as observed, with host)
     * @param remove managed containers to stop and remove (as observed, with host): changed ones
     *     (whose new config is in {@code create}), unwanted ones and duplicates
     * @param keep containers left as they are (as observed, without {@code state})
     * @param foreign containers cccf did not create (or created for another project), left alone
     * @param droppedLinks per container id (of {@code create}, and of {@code start} should it be made
     *     again), the links left out because their target runs on another host
     * @param warnings what the user should know (dropped links, placement warnings): WARNING
     *     problems whose path is anchored at a container's id ({@code web.links[0]})
     */
    public record Result(List<Container> create, List<Container> start, List<Container> remove, List<Container> keep,
            List<Container> foreign, Map<String, List<String>> droppedLinks, List<Problem> warnings) {
        public Result {
            create = List.copyOf(create);
            start = List.copyOf(start);
            remove = List.copyOf(remove);
            keep = List.copyOf(keep);
            foreign = List.copyOf(foreign);
            droppedLinks = Collections.unmodifiableMap(new LinkedHashMap<>(droppedLinks));
            warnings = List.copyOf(warnings);
        }

        /** Nothing to create, start or remove. */
        public boolean isEmpty() {
            return create.isEmpty() && start.isEmpty() && remove.isEmpty();
        }

        /** {@code c} as it is to be created: without the links {@link #droppedLinks} names. */
        public Container runnable(Container c) {
            List<String> dropped = droppedLinks.getOrDefault(c.id(), List.of());
            return dropped.isEmpty() ? c : c.withLinks(c.links().stream().filter(l -> !dropped.contains(l)).toList());
        }
    }

    /**
     * @param wanted the wanted containers (scale not yet expanded; {@code host} optional)
     * @param current what runs, each with its host (a host id, or an endpoint of {@code hosts})
     * @param hosts where new containers may go (none: containers are not placed)
     * @param strategy how to choose a host for a new container
     * @throws dev.cccf.host.PlacementException when a new container fits on no host
     */
    public static Result plan(List<Container> wanted, List<Observed> current, List<Host> hosts, Strategy strategy) {
        return plan(wanted, current, hosts, strategy, null);
    }

    /**
     * As {@link #plan(List, List, List, Strategy)}, where only the containers cccf created for
     * {@code project} may be removed or replaced ({@code null}: any that cccf created).
     */
    public static Result plan(List<Container> wanted, List<Observed> current, List<Host> hosts, Strategy strategy,
            String project) {
        return plan(wanted, current, hosts, strategy, project, Map.of());
    }

    /**
     * As {@link #plan(List, List, List, Strategy, String)}, knowing where the project's named
     * volumes are: a new container that mounts one goes to a host whose engine has it.
     *
     * @param volumes named volume -> the hosts whose engines have it ({@link Placement#place(List, List, Strategy, List, Map)})
     */
    public static Result plan(List<Container> wanted, List<Observed> current, List<Host> hosts, Strategy strategy,
            String project, Map<String, ? extends Collection<String>> volumes) {
        return plan(wanted, current, hosts, strategy, project, volumes, Set.of());
    }

    /**
     * As {@link #plan(List, List, List, Strategy, String, Map)}, with the named volumes whose data is
     * on the network ({@code shared}, {@link dev.cccf.core.Declarations#sharedVolumes}): a new
     * container that mounts only those may go to any host.
     */
    public static Result plan(List<Container> wanted, List<Observed> current, List<Host> hosts, Strategy strategy,
            String project, Map<String, ? extends Collection<String>> volumes, Set<String> shared) {
        // one managed container per id takes part in the diff; the others of that id are removed
        List<Container> managed = new ArrayList<>();
        List<Container> duplicates = new ArrayList<>();
        List<Container> foreign = new ArrayList<>();
        Map<String, String> stateOf = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Observed o : primaryFirst(current)) {
            Container c = o.container();
            if (!o.removableBy(project)) {
                foreign.add(c);
            } else if (!seen.add(c.name())) {
                duplicates.add(c);
            } else {
                Container plain = c.toBuilder().removeExtension(DockerFields.STATE).build();
                managed.add(plain);
                if (o.state() != null) {
                    stateOf.put(plain.name(), o.state());
                }
            }
        }
        List<Container> scaled = Scale.up(wanted);
        Set<String> wantedIds = new HashSet<>();
        scaled.forEach(c -> wantedIds.add(c.name()));
        // load: what runs and stays (or is replaced in place: Placement does not count those twice)
        List<Container> load = new ArrayList<>(foreign);
        List<Container> leaving = new ArrayList<>(duplicates);
        for (Container c : managed) {
            if (wantedIds.contains(c.name()) || isGlobalInstance(c, scaled)) {
                load.add(c);
            } else {
                leaving.add(c);
            }
        }
        List<Container> placed = scaled;
        List<Problem> warnings = new ArrayList<>();
        List<Problem> wiringWarnings = new ArrayList<>();
        if (!hosts.isEmpty()) { // without hosts, containers run where their own host says (or nowhere in particular)
            Placement.Result placement = Placement.place(scaled, hosts, strategy, load, withVolumesOf(volumes, leaving), shared);
            placed = placement.containers();
            warnings.addAll(placement.warnings());
            placed = wired(placed, foreign, hosts, wiringWarnings);
        }

        DiffResult diff = Diff.between(managed, placed);
        List<Container> start = new ArrayList<>();
        List<Container> keep = new ArrayList<>();
        List<Container> remove = new ArrayList<>(diff.remove());
        List<Container> create = new ArrayList<>(diff.add());
        for (Container k : diff.keep()) {
            String state = stateOf.get(k.name());
            if (state == null) {
                keep.add(k);
            } else if (STARTABLE.contains(state)) {
                start.add(k.toBuilder().extension(DockerFields.STATE, TextNode.valueOf(state)).build());
            } else if (state.equals("dead")) {
                remove.add(k);
                create.add(placed.stream().filter(p -> p.name().equals(k.name())).findFirst().orElseThrow());
            } else {
                keep.add(k); // paused, restarting, removing: docker is at it, or the user is
                warnings.add(Problem.warning(k.id(), LEFT_AS_IT_IS, k.id() + " on " + k.host() + " is " + state + ": left as it is"));
            }
        }
        remove.addAll(duplicates);
        relinkDependents(placed, create, start, remove, keep, warnings);
        // what the wiring says of a container is said when it is created, as for a link left out
        Set<String> created = new HashSet<>();
        create.forEach(c -> created.add(c.id()));
        wiringWarnings.stream().filter(w -> created.contains(w.path().split("[.\\[]", 2)[0])).forEach(warnings::add);

        // links across hosts
        Map<String, String> hostOf = new HashMap<>();
        keep.forEach(c -> hostOf.put(c.name(), c.host()));
        start.forEach(c -> hostOf.put(c.name(), c.host()));
        create.forEach(c -> hostOf.put(c.name(), c.host()));
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        List<Container> made = new ArrayList<>(create);
        made.addAll(start); // Apply makes a container again when it was created but cannot start
        for (Container c : made) {
            for (String link : c.links()) {
                String target = linkTarget(link);
                String there = hostOf.get(target);
                if (there != null && !there.equals(c.host())) {
                    dropped.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(link);
                    if (create.contains(c)) {
                        warnings.add(Problem.warning(c.id() + ".links[" + c.links().indexOf(link) + "]", LINK_ACROSS_HOSTS,
                                c.id() + " on " + c.host() + " links to " + target + " on " + there
                                        + ": docker links work on one engine only, the link is left out"));
                    }
                }
            }
        }
        return new Result(create, start, remove, keep, foreign, dropped, warnings);
    }

    /**
     * {@code volumes} and the named volumes of the containers that are {@code leaving} (removed:
     * renamed, no longer wanted), where they run: their data stays there when they go.
     */
    private static Map<String, Set<String>> withVolumesOf(Map<String, ? extends Collection<String>> volumes,
            List<Container> leaving) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        volumes.forEach((name, at) -> out.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(at));
        for (Container c : leaving) {
            if (c.host() != null) {
                ProjectDown.namedVolumes(c).forEach(v -> out.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(c.host()));
            }
        }
        return out;
    }

    /**
     * The placed containers wired across hosts ({@link Wiring}): what the wiring cannot do is a
     * {@link PlacementException} (a host port it needs is in use, say), its warnings join the plan's.
     */
    private static List<Container> wired(List<Container> placed, List<Container> foreign, List<Host> hosts,
            List<Problem> warnings) {
        Wiring.Result wiring = Wiring.across(placed, foreign, hosts);
        Map<Problem, Map<String, String>> errors = new LinkedHashMap<>();
        for (Problem p : wiring.problems()) {
            if (p.isError()) {
                errors.put(p, Map.of());
            } else {
                warnings.add(p);
            }
        }
        if (!errors.isEmpty()) {
            throw new PlacementException(errors);
        }
        return wiring.containers();
    }

    /**
     * Docker binds a link to the container it was made with: when that container is replaced, the
     * containers on its engine that link to it must be made again too (as compose recreates
     * dependents), else they fail to start. Moves them from keep/start to remove + create,
     * transitively.
     */
    private static void relinkDependents(List<Container> placed, List<Container> create, List<Container> start,
            List<Container> remove, List<Container> keep, List<Problem> warnings) {
        Set<String> replaced = new HashSet<>();
        Set<String> removed = new HashSet<>();
        remove.forEach(c -> removed.add(c.host() + "\u0000" + c.name()));
        create.forEach(c -> {
            if (removed.contains(c.host() + "\u0000" + c.name())) {
                replaced.add(c.host() + "\u0000" + c.name());
            }
        });
        boolean more = !replaced.isEmpty();
        while (more) {
            more = false;
            for (List<Container> from : List.of(keep, start)) {
                for (Container k : List.copyOf(from)) {
                    String target = k.links().stream().map(Converge::linkTarget)
                            .filter(t -> replaced.contains(k.host() + "\u0000" + t)).findFirst().orElse(null);
                    if (target == null) {
                        continue;
                    }
                    from.remove(k);
                    remove.add(k);
                    Container again = placed.stream().filter(p -> p.name().equals(k.name())).findFirst().orElseThrow();
                    create.add(again);
                    replaced.add(k.host() + "\u0000" + k.name());
                    warnings.add(Problem.warning(k.id() + ".links[" + linkIndex(k, target) + "]", MADE_AGAIN,
                            k.id() + " on " + k.host() + " is made again: it links to " + target
                                    + ", which is replaced (a docker link is bound to the container it was made with)"));
                    more = true;
                }
            }
        }
    }

    private static int linkIndex(Container c, String target) {
        for (int i = 0; i < c.links().size(); i++) {
            if (linkTarget(c.links().get(i)).equals(target)) {
                return i;
            }
        }
        return -1;
    }

    /** The container a link names: {@code "db:database"}, {@code "$db"}, {@code "/db"} -> {@code db}. */
    public static String linkTarget(String link) {
        return Dependencies.linkTarget(link);
    }

    /** The running containers of each id first, so that a stopped duplicate is the one removed. */
    private static List<Observed> primaryFirst(List<Observed> current) {
        List<Observed> out = new ArrayList<>();
        current.stream().filter(o -> o.state() == null).forEach(out::add);
        current.stream().filter(o -> o.state() != null).forEach(out::add);
        return out;
    }

    private static boolean isGlobalInstance(Container c, List<Container> wanted) {
        for (Container w : wanted) {
            JsonNode g = w.extension("global").orElse(null);
            if (g != null && g.asBoolean(false) && c.name().startsWith(w.name() + "-")) {
                return true;
            }
        }
        return false;
    }
}
