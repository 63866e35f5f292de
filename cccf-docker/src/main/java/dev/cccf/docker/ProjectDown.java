package dev.cccf.docker;

import dev.cccf.core.Container;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code cccf down}: the plan that removes one project's containers (and nothing else), for
 * {@link Apply#run} to carry out, and the removal of the named volumes they mounted.
 */
public final class ProjectDown {
    /** A volume name as docker accepts one: anything else before the {@code :} of a volume entry is a host path. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private ProjectDown() {
    }

    /** A named volume on a host, and why it could not be removed ({@code null}: removed). */
    public record Volume(String host, String name, String error) {
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
            int colon = v.indexOf(':');
            if (colon > 0 && VOLUME_NAME.matcher(v.substring(0, colon)).matches()) {
                out.add(v.substring(0, colon));
            }
        }
        return out;
    }

    /**
     * Removes, on each host, the named volumes that the containers {@code report} removed there
     * mounted, once each; a volume another container still uses stays (its {@code error} says so).
     */
    public static List<Volume> removeVolumes(Converge.Result plan, Apply.Report report, Map<String, Engine> engines) {
        Set<String> removed = new LinkedHashSet<>();
        report.removed().forEach(r -> removed.add(r.host() + "\u0000" + r.id()));
        Set<List<String>> volumes = new LinkedHashSet<>();
        for (Container c : plan.remove()) {
            if (removed.contains(c.host() + "\u0000" + c.id())) {
                namedVolumes(c).forEach(v -> volumes.add(List.of(c.host(), v)));
            }
        }
        List<Volume> out = new ArrayList<>();
        for (List<String> hv : volumes) {
            try {
                engines.get(hv.get(0)).removeVolume(hv.get(1));
                out.add(new Volume(hv.get(0), hv.get(1), null));
            } catch (Engine.EngineException e) {
                out.add(new Volume(hv.get(0), hv.get(1), e.isConflict() ? "another container uses it" : e.getMessage()));
            }
        }
        return List.copyOf(out);
    }
}
