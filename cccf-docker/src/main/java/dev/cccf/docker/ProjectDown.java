package dev.cccf.docker;

import dev.cccf.core.Container;
import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cccf down}: the plan that removes one project's containers (and nothing else), for
 * {@link Apply#run} to carry out; then the project's networks (those labelled as its own that
 * no other container uses), and with {@code --volumes} its named volumes (those its containers
 * mounted, and those labelled as its own).
 */
public final class ProjectDown {
    private ProjectDown() {
    }

    /** A network or named volume on a host, and why it could not be removed ({@code null}: removed, or to remove). */
    public record Resource(String host, String name, String error) {
    }

    /** Every container of {@code current} that cccf created for {@code project}, to remove; the others are not in the plan at all. */
    public static Converge.Result plan(List<Converge.Observed> current, String project) {
        List<Container> remove = current.stream().filter(o -> o.managed() && project.equals(o.project()))
                .map(o -> o.container().toBuilder().removeExtension(DockerFields.STATE).build()).toList();
        return new Converge.Result(List.of(), List.of(), remove, List.of(), List.of(), Map.of(), List.of());
    }

    /** The named volumes of {@code c}'s {@code volumes} ({@code data:/var/lib/x}), not host paths or anonymous volumes. */
    public static List<String> namedVolumes(Container c) {
        List<String> out = new ArrayList<>();
        for (String v : c.volumes()) {
            String name = Rules.volumeName(v);
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** The containers of {@code plan} that {@code report} removed (all of them, for a plan not yet run: {@code null}). */
    public static List<Container> removed(Converge.Result plan, Apply.Report report) {
        if (report == null) {
            return plan.remove();
        }
        Set<String> removed = new HashSet<>();
        report.removed().forEach(r -> removed.add(r.host() + "\u0000" + r.id()));
        return plan.remove().stream().filter(c -> removed.contains(c.host() + "\u0000" + c.id())).toList();
    }

    /**
     * The project's networks on each engine that no container uses once {@code leaving} are gone:
     * what down removes after them.
     */
    public static List<Resource> networks(List<Container> leaving, Map<String, Engine> engines, String project) {
        List<Resource> out = new ArrayList<>();
        engines.forEach((host, e) -> {
            Set<String> names = new HashSet<>();
            leaving.stream().filter(c -> host.equals(c.host())).forEach(c -> names.add(c.name()));
            ProjectResources.unusedNetworks(e, project, names).forEach(n -> out.add(new Resource(host, n, null)));
        });
        return List.copyOf(out);
    }

    /**
     * The named volumes of the project on each engine, once each: those the {@code removed}
     * containers mounted there, then those labelled {@value CccfLabels#PROJECT} as its own.
     */
    public static List<Resource> volumes(List<Container> removed, Map<String, Engine> engines, String project) {
        Set<List<String>> volumes = new LinkedHashSet<>();
        for (Container c : removed) {
            namedVolumes(c).forEach(v -> volumes.add(List.of(c.host(), v)));
        }
        engines.forEach((host, e) -> e.volumes().stream()
                .filter(v -> project.equals(v.path("Labels").path(CccfLabels.PROJECT).asText(null)))
                .forEach(v -> volumes.add(List.of(host, v.path("Name").asText()))));
        return volumes.stream().map(hv -> new Resource(hv.get(0), hv.get(1), null)).toList();
    }

    /** Removes each network; one a container joined meanwhile stays ({@code error} says so), as does one the engine refuses. */
    public static List<Resource> removeNetworks(List<Resource> networks, Map<String, Engine> engines) {
        return networks.stream().map(n -> {
            try {
                return ProjectResources.removeNetwork(engines.get(n.host()), n.name()) ? n
                        : new Resource(n.host(), n.name(), "a container joined it meanwhile");
            } catch (Engine.EngineException e) {
                return new Resource(n.host(), n.name(), e.getMessage());
            }
        }).toList();
    }

    /** Removes each named volume; one another container still uses stays ({@code error} says so), as does one the engine refuses. */
    public static List<Resource> removeVolumes(List<Resource> volumes, Map<String, Engine> engines) {
        return volumes.stream().map(v -> {
            try {
                engines.get(v.host()).removeVolume(v.name());
                return v;
            } catch (Engine.EngineException e) {
                return new Resource(v.host(), v.name(), e.isConflict() ? "another container uses it" : e.getMessage());
            }
        }).toList();
    }
}
