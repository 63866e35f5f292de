package dev.cccf.docker.swarm;

import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.diff.Change;
import dev.cccf.diff.Diff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What takes a swarm's services to WANTED, one service per container (never per replica). Pure.
 *
 * <ul>
 *   <li>a wanted container without a service of its name: {@link #create};</li>
 *   <li>one whose service cccf made for this project with another spec hash, or whose image or
 *       replicas were changed on the swarm since: {@link #update}, in place (a rolling update),
 *       with the reasons;</li>
 *   <li>a service cccf made for this project that WANTED no longer has: {@link #remove};</li>
 *   <li>a service of another project, or not made by cccf, is left alone ({@link #foreign}); when
 *       WANTED names it, that container is {@link #blocked} (an error naming the owner).</li>
 * </ul>
 *
 * @param create the services to create, in WANTED's order
 * @param update the services to update in place, each with why
 * @param remove this project's services WANTED no longer has
 * @param keep the services as wanted already
 * @param foreign the services cccf leaves alone
 * @param blocked the wanted containers whose name another owner's service has (errors)
 * @param warnings what the specs leave out, located at their containers
 */
public record SwarmPlan(List<ServiceSpec> create, List<Update> update, List<SwarmState.Service> remove,
        List<SwarmState.Service> keep, List<SwarmState.Service> foreign, List<Problem> blocked, List<Problem> warnings) {

    /** The code of a wanted container whose name a service of another owner has. */
    public static final String NAME_TAKEN = "service-name-taken";

    public SwarmPlan {
        create = List.copyOf(create);
        update = List.copyOf(update);
        remove = List.copyOf(remove);
        keep = List.copyOf(keep);
        foreign = List.copyOf(foreign);
        blocked = List.copyOf(blocked);
        warnings = List.copyOf(warnings);
    }

    /**
     * A service updated in place.
     *
     * @param wanted its new spec
     * @param current the service as it is
     * @param reasons why, one line each ({@code image: a -> b}, {@code scale: 2 -> 3} ...)
     */
    public record Update(ServiceSpec wanted, SwarmState.Service current, List<String> reasons) {
        public Update {
            reasons = List.copyOf(reasons);
        }
    }

    /** True when nothing is to be created, updated or removed. */
    public boolean isEmpty() {
        return create.isEmpty() && update.isEmpty() && remove.isEmpty();
    }

    /**
     * The plan from {@code current} (every service of the swarm) to {@code wanted} (containers as
     * written: {@code scale} is the service's replicas) for {@code project}.
     */
    public static SwarmPlan of(List<Container> wanted, List<SwarmState.Service> current, String project) {
        Map<String, SwarmState.Service> byName = new HashMap<>();
        current.forEach(s -> byName.put(s.name(), s));
        List<ServiceSpec> create = new ArrayList<>();
        List<Update> update = new ArrayList<>();
        List<SwarmState.Service> keep = new ArrayList<>();
        List<Problem> blocked = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        Set<String> wantedNames = new HashSet<>();
        for (Container c : wanted) {
            ServiceSpec spec = ServiceSpec.of(c, project);
            warnings.addAll(spec.warnings());
            wantedNames.add(spec.name());
            SwarmState.Service s = byName.get(spec.name());
            if (s == null) {
                create.add(spec);
            } else if (!project.equals(s.project())) {
                blocked.add(Problem.error(c.id(), NAME_TAKEN, "service " + spec.name() + " exists on the swarm and "
                        + (s.isCccf() ? "belongs to project " + s.project() : "was not created by cccf")
                        + ": left alone (remove it, or give the container another id)"));
            } else {
                List<String> reasons = reasons(c, spec, s);
                if (reasons.isEmpty()) {
                    keep.add(s);
                } else {
                    update.add(new Update(spec, s, reasons));
                }
            }
        }
        List<SwarmState.Service> remove = new ArrayList<>();
        List<SwarmState.Service> foreign = new ArrayList<>();
        for (SwarmState.Service s : current) {
            if (!project.equals(s.project())) {
                foreign.add(s);
            } else if (!wantedNames.contains(s.name())) {
                remove.add(s);
            }
        }
        return new SwarmPlan(create, update, remove, keep, foreign, blocked, warnings);
    }

    /** Why service {@code s} is not {@code spec} of {@code c}: empty when it is. */
    static List<String> reasons(Container c, ServiceSpec spec, SwarmState.Service s) {
        List<String> reasons = new ArrayList<>();
        Container now = s.container();
        long replicas = ServiceSpec.replicas(spec.spec());
        if (replicas != s.replicas()) {
            reasons.add("scale: " + show(s.replicas()) + " -> " + show(replicas));
        }
        List<Change> changed = Diff.between(List.of(now), List.of(c)).changed();
        // one reason per field: "image: a -> b", "env: +A=2 -A=1" (secret-looking values masked)
        changed.forEach(ch -> ch.maskSecrets().fields().forEach((field, f) -> reasons.add(new Change(ch.id(), Map.of(field, f)).summary())));
        if (reasons.isEmpty() && !Objects.equals(spec.hash(), s.hash())) {
            reasons.add("its spec differs from the one cccf writes for it (a service changed by hand, or by another version of cccf)");
        }
        return reasons;
    }

    private static String show(long replicas) {
        return replicas < 0 ? "global" : Long.toString(replicas);
    }
}
