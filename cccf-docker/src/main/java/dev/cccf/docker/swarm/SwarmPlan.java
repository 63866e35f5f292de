package dev.cccf.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Document;
import dev.cccf.core.Problem;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.ProjectResources;
import dev.cccf.diff.Change;
import dev.cccf.diff.Diff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 *       WANTED names it, that container is {@link #blocked} (an error naming the owner);</li>
 *   <li>an overlay network a wanted service joins that the swarm lacks: {@link #createNetworks}, as
 *       the document declares it (driver {@code overlay} unless it names one), attachable and
 *       labelled for the project; a swarm network of this project that no wanted service (and no
 *       service of another owner) joins: {@link #removeNetworks}.</li>
 * </ul>
 *
 * @param create the services to create, in WANTED's order
 * @param update the services to update in place, each with why
 * @param remove this project's services WANTED no longer has
 * @param keep the services as wanted already
 * @param foreign the services cccf leaves alone
 * @param blocked the wanted containers whose name another owner's service has (errors)
 * @param warnings what the specs leave out, located at their containers
 * @param createNetworks the overlay networks to create first, each as its {@code POST /networks/create} body
 * @param removeNetworks the names of this project's networks to remove last
 */
public record SwarmPlan(List<ServiceSpec> create, List<Update> update, List<SwarmState.Service> remove,
        List<SwarmState.Service> keep, List<SwarmState.Service> foreign, List<Problem> blocked, List<Problem> warnings,
        List<ObjectNode> createNetworks, List<String> removeNetworks) {

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
        createNetworks = createNetworks.stream().map(ObjectNode::deepCopy).toList();
        removeNetworks = List.copyOf(removeNetworks);
    }

    @Override
    public List<ObjectNode> createNetworks() {
        return createNetworks.stream().map(ObjectNode::deepCopy).toList();
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
        return create.isEmpty() && update.isEmpty() && remove.isEmpty() && createNetworks.isEmpty() && removeNetworks.isEmpty();
    }

    /**
     * The plan from {@code current} (every service of the swarm) and {@code networks} (every network
     * of the manager, {@code GET /networks}) to {@code wanted} (containers as written: {@code scale}
     * is the service's replicas; the networks it declares) for {@code project}.
     */
    public static SwarmPlan of(Document wanted, List<SwarmState.Service> current, List<JsonNode> networks, String project) {
        SwarmPlan services = of(wanted.containers(), current, project);
        Set<String> needed = new LinkedHashSet<>();
        services.create.forEach(s -> needed.addAll(s.networks()));
        services.update.forEach(u -> needed.addAll(u.wanted().networks()));
        Set<String> used = new HashSet<>();
        wanted.containers().forEach(c -> used.addAll(ServiceSpec.of(c, project).networks()));
        services.foreign.forEach(s -> used.addAll(s.networks()));
        Set<String> existing = new HashSet<>();
        List<String> remove = new ArrayList<>();
        for (JsonNode n : networks) {
            String name = n.path("Name").asText();
            existing.add(name);
            boolean ours = project.equals(n.path("Labels").path(CccfLabels.PROJECT).asText(null));
            if (ours && n.path("Scope").asText().equals("swarm") && !used.contains(name) && !used.contains(n.path("Id").asText())) {
                remove.add(name);
            }
        }
        Map<String, ObjectNode> create = new LinkedHashMap<>();
        for (String name : needed) {
            if (!existing.contains(name)) {
                create.put(name, overlay(name, wanted.declarations().network(name), project));
            }
        }
        return new SwarmPlan(services.create, services.update, services.remove, services.keep, services.foreign, services.blocked,
                services.warnings, List.copyOf(create.values()), remove);
    }

    /** The body that creates network {@code name} for the services: as declared, an attachable overlay unless it names a driver. */
    static ObjectNode overlay(String name, Declarations.Network declared, String project) {
        ObjectNode body = ProjectResources.networkBody(name, declared, project);
        if (!body.has("Driver")) {
            body.put("Driver", "overlay");
        }
        return body.put("Attachable", true);
    }

    /** The plan for the services alone: no network to create or remove. */
    static SwarmPlan of(List<Container> wanted, List<SwarmState.Service> current, String project) {
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
        return new SwarmPlan(create, update, remove, keep, foreign, blocked, warnings, List.of(), List.of());
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
