package dev.cccf.host;

import dev.cccf.core.Problem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Placement} when containers fit on no host: one error {@link Problem} for each
 * (in the order of the list given), with every host's reason.
 */
public final class PlacementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule code the CLI reports a container that fits nowhere with. */
    public static final String NO_FIT = "no-fit";
    /** The rule code of a global instance whose id ({@code ID-HOSTID}) another container already has. */
    public static final String GLOBAL_ID_COLLISION = "global-id-collision";

    private final transient List<Problem> problems;
    private final transient Map<Problem, Map<String, String>> refused;

    /**
     * @param refused each problem -> host id -> that host's reason, in hosts order; the problem's
     *                message already ends with them, one line each
     */
    public PlacementException(Map<Problem, Map<String, String>> refused) {
        super(refused.keySet().stream().map(Problem::format).collect(Collectors.joining("\n")));
        if (refused.isEmpty()) {
            throw new IllegalArgumentException("at least one problem");
        }
        this.problems = List.copyOf(refused.keySet());
        Map<Problem, Map<String, String>> copy = new LinkedHashMap<>();
        refused.forEach((p, why) -> copy.put(p, Collections.unmodifiableMap(new LinkedHashMap<>(why))));
        this.refused = Collections.unmodifiableMap(copy);
    }

    /**
     * One error for each container that could not be placed: its path is the container's id as
     * given to {@link Placement#place} (a global container's own id for each of its instances),
     * its code {@link #NO_FIT} or {@link #GLOBAL_ID_COLLISION}, and its message what went wrong,
     * then one line per refusing host ({@code "\n  HOST: reason"}).
     */
    public List<Problem> problems() {
        return problems;
    }

    /** Host id -> why that host refused the container of {@code problem} (one of {@link #problems()}), in hosts order. */
    public Map<String, String> refused(Problem problem) {
        return refused.getOrDefault(problem, Map.of());
    }
}
