package dev.cccf.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Thrown by {@link Placement} when containers fit on no host: each one, with every host's reason. */
public final class PlacementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule code the CLI reports a container that fits nowhere with. */
    public static final String NO_FIT = "no-fit";
    /** The rule code of a global instance whose id ({@code ID-HOSTID}) another container already has. */
    public static final String GLOBAL_ID_COLLISION = "global-id-collision";

    private final transient List<Unplaced> unplaced;

    public PlacementException(List<Unplaced> unplaced) {
        super(summary(unplaced));
        this.unplaced = List.copyOf(unplaced);
    }

    public List<Unplaced> unplaced() {
        return unplaced;
    }

    /**
     * One container that could not be placed.
     *
     * @param index   its index in the list given to {@link Placement#place}
     * @param id      its id (for a global instance, the instance's id)
     * @param code    {@link #NO_FIT} or {@link #GLOBAL_ID_COLLISION}
     * @param message what went wrong
     * @param refused host id -> reason, in hosts order
     */
    public record Unplaced(int index, String id, String code, String message, Map<String, String> refused) {
        public Unplaced {
            refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
        }

        /** The message, then one line per refused host. */
        public String describe() {
            StringBuilder b = new StringBuilder(message);
            refused.forEach((host, why) -> b.append("\n  ").append(host).append(": ").append(why));
            return b.toString();
        }
    }

    private static String summary(List<Unplaced> unplaced) {
        return unplaced.stream().map(Unplaced::describe).collect(Collectors.joining("\n"));
    }
}
