package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * What a container needs running before it, and the order that follows: one definition for
 * every tool that starts containers ({@code cccf instructions}, {@code cccf plan}, {@code cccf apply}).
 * A container depends on the containers its {@code links} name ({@code "db"}, {@code "db:alias"},
 * {@code "$db"}, {@code "/db"}) and those of its {@code depends_on} (an array of ids, or as in
 * compose an object keyed by ids).
 *
 * <pre>{@code
 * Dependencies.Order o = Dependencies.order(containers);
 * o.cycle().ifPresent(c -> System.err.println(c.container().id() + c.field() + ": " + c.message()));
 * for (Container c : o.containers()) ...    // each after the ones it depends on
 * }</pre>
 */
public final class Dependencies {
    /** The extension field that names further dependencies. */
    public static final String DEPENDS_ON = "depends_on";

    private Dependencies() {
    }

    /** The id a link names: {@code "$redis:db"}, {@code "/redis"} and {@code "redis:cache"} name {@code redis}. */
    public static String linkTarget(String link) {
        String name = linkSpec(link);
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(0, colon) : name;
    }

    /** A link as docker takes it: a leading {@code $} (as in cccf's example) or {@code /} dropped. */
    public static String linkSpec(String link) {
        String s = link.startsWith("$") ? link.substring(1) : link;
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /**
     * The names a container depends on, each with the field that says so ({@code .links[0]},
     * {@code .depends_on[1]}, {@code .depends_on["db"]}), in field order; the first field naming a
     * container wins. Items of {@code depends_on} that are not ids are left out here (see {@link #malformed}).
     */
    public static Map<String, String> of(Container c) {
        Map<String, String> deps = new LinkedHashMap<>();
        for (int i = 0; i < c.links().size(); i++) {
            deps.putIfAbsent(linkTarget(c.links().get(i)), ".links[" + i + "]");
        }
        JsonNode dependsOn = c.extensions().get(DEPENDS_ON);
        if (dependsOn != null && dependsOn.isArray()) {
            for (int i = 0; i < dependsOn.size(); i++) {
                JsonNode d = dependsOn.get(i);
                if (d.isTextual() && !d.textValue().isBlank()) {
                    deps.putIfAbsent(strip(d.textValue()), ".depends_on[" + i + "]");
                }
            }
        } else if (dependsOn != null && dependsOn.isObject()) {
            dependsOn.fieldNames().forEachRemaining(name -> deps.putIfAbsent(strip(name), ".depends_on" + Rules.pathStep(name)));
        }
        return deps;
    }

    /** What a container waits for in a dependency ({@code depends_on}'s conditions, as compose names them). */
    public enum Condition {
        /** It runs (a link, an item of the array form, an entry without a condition): compose's default. */
        SERVICE_STARTED,
        /** It runs and its healthcheck passes. */
        SERVICE_HEALTHY,
        /** It ran and exited with code 0 (a one-shot job: a migration, a seed). */
        SERVICE_COMPLETED_SUCCESSFULLY;

        /** Its name in a document: {@code service_healthy}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Condition of(JsonNode entry) {
            String word = entry.path("condition").asText("service_started");
            for (Condition c : values()) {
                if (c.word().equals(word)) {
                    return c;
                }
            }
            return SERVICE_STARTED; // the field's check refuses any other word
        }
    }

    /**
     * The names a container depends on, each with what it waits for there: {@link Condition#SERVICE_STARTED}
     * for its links and the array form of {@code depends_on}, the {@code condition} of compose's object form
     * (also for a container it links to); in the order of {@link #of}.
     */
    public static Map<String, Condition> conditions(Container c) {
        Map<String, Condition> out = new LinkedHashMap<>();
        JsonNode dependsOn = c.extensions().get(DEPENDS_ON);
        for (String name : of(c).keySet()) {
            JsonNode entry = dependsOn != null && dependsOn.isObject() ? dependsOn.get(name) : null;
            if (entry == null && dependsOn != null && dependsOn.isObject()) {
                entry = dependsOn.get("/" + name);
            }
            out.put(name, entry == null ? Condition.SERVICE_STARTED : Condition.of(entry));
        }
        return out;
    }

    /**
     * The parts of a container's {@code depends_on} that name no container, field path to message:
     * {@code depends_on} that is neither an array nor an object, and array items that are not ids.
     */
    public static Map<String, String> malformed(Container c) {
        JsonNode dependsOn = c.extensions().get(DEPENDS_ON);
        if (dependsOn == null || dependsOn.isNull() || dependsOn.isObject()) {
            return Map.of();
        }
        if (!dependsOn.isArray()) {
            return Map.of(".depends_on", "depends_on must be an array of container ids");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dependsOn.size(); i++) {
            JsonNode d = dependsOn.get(i);
            if (!d.isTextual() || d.textValue().isBlank()) {
                out.put(".depends_on[" + i + "]", "depends_on items must be container ids");
            }
        }
        return out;
    }

    private static String strip(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }

    /**
     * A dependency cycle, told at its first container in input order and the field there that
     * names the next one.
     *
     * @param names the cycle from that container back to it ({@code a, b, c, a}); a long one shortened
     */
    public record Cycle(Container container, String field, List<String> names) {
        public Cycle {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(field, "field");
            names = List.copyOf(names);
        }

        /** {@code dependency cycle: a -> b -> a (links and depends_on)} */
        public String message() {
            return "dependency cycle: " + String.join(" -> ", names) + " (links and depends_on)";
        }
    }

    /** Thrown by {@link Order#orThrow()}: the containers cannot be ordered. */
    public static final class CycleException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient Cycle cycle;

        public CycleException(Cycle cycle) {
            super(cycle.container().id() + cycle.field() + ": " + cycle.message());
            this.cycle = cycle;
        }

        public Cycle cycle() {
            return cycle;
        }
    }

    /**
     * The containers in dependency order, and the cycle that kept some of them from it: those
     * come last, in input order.
     */
    public record Order(List<Container> containers, Optional<Cycle> cycle) {
        public Order {
            containers = List.copyOf(containers);
            Objects.requireNonNull(cycle, "cycle");
        }

        /**
         * The containers, each after the ones it depends on.
         *
         * @throws CycleException when there is a cycle
         */
        public List<Container> orThrow() {
            if (cycle.isPresent()) {
                throw new CycleException(cycle.get());
            }
            return containers;
        }
    }

    /**
     * The containers in an order where each comes after the ones it depends on; dependencies
     * outside the list are ignored, and ties keep the input order (the earliest ready container
     * first). O(n log n + e) for n containers and e dependencies. A container that links to
     * itself is a cycle.
     */
    public static Order order(List<Container> containers) {
        int n = containers.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.putIfAbsent(containers.get(i).name(), i);
        }
        List<List<Integer>> dependents = new ArrayList<>(n);
        List<Map<Integer, String>> needs = new ArrayList<>(n);
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
            needs.add(new LinkedHashMap<>());
        }
        for (int i = 0; i < n; i++) {
            for (Map.Entry<String, String> dep : of(containers.get(i)).entrySet()) {
                Integer j = index.get(dep.getKey());
                if (j != null && needs.get(i).putIfAbsent(j, dep.getValue()) == null) {
                    dependents.get(j).add(i);
                    waiting[i]++;
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Container> out = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            out.add(containers.get(i));
            for (int d : dependents.get(i)) {
                if (--waiting[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (out.size() == n) {
            return new Order(out, Optional.empty());
        }
        for (int i = 0; i < n; i++) {
            if (waiting[i] > 0) {
                out.add(containers.get(i));
            }
        }
        return new Order(out, Optional.of(cycle(containers, needs, waiting)));
    }

    /** Every container left waiting needs another one left waiting: walk those needs until one repeats. */
    private static Cycle cycle(List<Container> containers, List<Map<Integer, String>> needs, int[] waiting) {
        int start = 0;
        while (waiting[start] == 0) {
            start++;
        }
        List<Integer> path = new ArrayList<>();
        Map<Integer, Integer> step = new HashMap<>();
        int at = start;
        while (!step.containsKey(at)) {
            step.put(at, path.size());
            path.add(at);
            at = next(needs.get(at), waiting);
        }
        List<Integer> cycle = path.subList(step.get(at), path.size());
        // told at its first container in input order, naming the cycle from there
        int first = Collections.min(cycle);
        int from = cycle.indexOf(first);
        List<String> names = new ArrayList<>();
        for (int k = 0; k <= cycle.size(); k++) {
            if (k == 10 && cycle.size() > 12) {
                names.add("... (" + (cycle.size() - 11) + " more)");
                k = cycle.size() - 1;
            }
            names.add(containers.get(cycle.get((from + k) % cycle.size())).name());
        }
        int next = cycle.get((from + 1) % cycle.size());
        return new Cycle(containers.get(first), needs.get(first).get(next), names);
    }

    private static int next(Map<Integer, String> needs, int[] waiting) {
        for (int j : needs.keySet()) {
            if (waiting[j] > 0) {
                return j;
            }
        }
        throw new IllegalStateException("a waiting container needs no waiting container");
    }
}
