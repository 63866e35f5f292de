package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.instructions.Issue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** What a container needs running before it (its links and {@code depends_on}), and the order that follows. */
public final class Dependencies {
    private Dependencies() {
    }

    /**
     * The names a container depends on, each with the field that says so ({@code .links[0]},
     * {@code .depends_on[1]}), in field order. {@code depends_on} is an array of ids or, as in
     * compose, an object keyed by ids.
     */
    public static Map<String, String> of(Container c, Issues issues) {
        Map<String, String> deps = new LinkedHashMap<>();
        for (int i = 0; i < c.links().size(); i++) {
            deps.putIfAbsent(Common.linkTarget(c.links().get(i)), ".links[" + i + "]");
        }
        JsonNode dependsOn = c.extensions().get("depends_on");
        if (dependsOn == null || dependsOn.isNull()) {
            return deps;
        }
        if (dependsOn.isArray()) {
            for (int i = 0; i < dependsOn.size(); i++) {
                JsonNode d = dependsOn.get(i);
                if (d.isTextual() && !d.textValue().isBlank()) {
                    deps.putIfAbsent(strip(d.textValue()), ".depends_on[" + i + "]");
                } else {
                    issues.error(c, ".depends_on[" + i + "]", Issue.DEPENDS_ON_TYPE, "depends_on items must be container ids");
                }
            }
        } else if (dependsOn.isObject()) {
            dependsOn.fieldNames().forEachRemaining(name -> deps.putIfAbsent(strip(name), ".depends_on" + Common.fieldPath(name)));
        } else {
            issues.error(c, ".depends_on", Issue.DEPENDS_ON_TYPE, "depends_on must be an array of container ids");
        }
        return deps;
    }

    private static String strip(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }

    /**
     * The containers in an order where each comes after the ones it depends on (dependencies
     * outside the list are ignored here); ties keep the input order. A cycle is an error naming it.
     */
    public static List<Container> order(List<Container> containers, Issues issues) {
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
            for (var dep : of(containers.get(i), issues).entrySet()) {
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
        if (out.size() < n) {
            reportCycle(containers, needs, waiting, issues);
        }
        return out;
    }

    /** Every container left waiting needs another one left waiting: walk those needs until one repeats. */
    private static void reportCycle(List<Container> containers, List<Map<Integer, String>> needs, int[] waiting,
            Issues issues) {
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
            at = needs.get(at).keySet().stream().filter(j -> waiting[j] > 0).findFirst().orElseThrow();
        }
        List<Integer> cycle = path.subList(step.get(at), path.size());
        // report it at its first container in input order, naming the cycle from there
        int first = cycle.stream().min(Integer::compare).orElseThrow();
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
        issues.error(containers.get(first), needs.get(first).get(next), Issue.DEPENDENCY_CYCLE,
                "dependency cycle: " + String.join(" -> ", names) + " (links and depends_on)");
    }
}
