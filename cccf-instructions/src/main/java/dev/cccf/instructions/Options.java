package dev.cccf.instructions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to render instructions.
 *
 * @param target what the instructions are for
 * @param detach {@code docker run -d} (the default, as the original)
 * @param exclude fields to leave out of {@code run} (extension fields, or ports, env, volumes, expose, links)
 * @param hosts host id to docker endpoint URL, for containers whose {@code host} is an id
 * @param runArgs extra docker options added to every {@code run} (before the image)
 */
public record Options(Target target, boolean detach, Set<String> exclude, Map<String, String> hosts,
        List<String> runArgs) {

    public Options {
        Objects.requireNonNull(target, "target");
        exclude = Collections.unmodifiableSet(new LinkedHashSet<>(exclude));
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        runArgs = List.copyOf(runArgs);
    }

    /** docker target, detached, nothing excluded, no hosts, no extra arguments. */
    public static Options defaults() {
        return new Options(Target.DOCKER, true, Set.of(), Map.of(), List.of());
    }

    public Options withTarget(Target v) {
        return new Options(v, detach, exclude, hosts, runArgs);
    }

    public Options withDetach(boolean v) {
        return new Options(target, v, exclude, hosts, runArgs);
    }

    public Options withExclude(Set<String> v) {
        return new Options(target, detach, v, hosts, runArgs);
    }

    public Options withHosts(Map<String, String> v) {
        return new Options(target, detach, exclude, v, runArgs);
    }

    public Options withRunArgs(List<String> v) {
        return new Options(target, detach, exclude, hosts, v);
    }
}
