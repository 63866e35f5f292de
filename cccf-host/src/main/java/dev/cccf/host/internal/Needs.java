package dev.cccf.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.Cpus;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.host.PlacementFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What one container asks of its host, read from its placement fields, ports, named volumes and
 * dependencies.
 *
 * @param volumes the named volumes it mounts: it runs where they are
 * @param dependencies the ids it depends on (links, {@code depends_on})
 * @param wiring the ports it exposes but does not publish itself (port keys): the wiring across
 *     hosts publishes them under their own number on its host when a dependant runs on another host
 */
record Needs(String name, String service, long memory, double cpus, Map<String, String> constraints,
        List<Glob> conflicts, boolean global, int[] ports, List<String> volumes, List<String> dependencies, int[] wiring) {

    private static final int[] NO_PORTS = new int[0];

    /** These needs without the named volumes in {@code shared}: their data is on the network, they hold the container nowhere. */
    Needs withoutVolumes(Set<String> shared) {
        if (shared.isEmpty() || volumes.stream().noneMatch(shared::contains)) {
            return this;
        }
        return new Needs(name, service, memory, cpus, constraints, conflicts, global, ports,
                volumes.stream().filter(v -> !shared.contains(v)).toList(), dependencies, wiring);
    }

    static Needs of(Container c) {
        Map<String, JsonNode> ext = c.extensions();
        long memory = 0;
        double cpus = 0;
        Map<String, String> constraints = Map.of();
        List<Glob> conflicts = List.of();
        boolean global = false;
        if (!ext.isEmpty()) {
            JsonNode mem = ext.get(PlacementFields.MEMORY);
            if (mem != null) {
                memory = PlacementFields.memoryOf(mem);
                require(memory > 0, c, () -> "memory " + mem + " is not a size such as \"512m\" (at most 1p)");
            }
            JsonNode cpu = ext.get(PlacementFields.CPUS);
            if (cpu != null) {
                cpus = Cpus.count(cpu);
                require(cpus > 0, c, () -> "cpus " + cpu + " is not a number > 0 (at most 100000)");
            }
            JsonNode v = ext.get(PlacementFields.CONSTRAINTS);
            if (v != null) {
                require(v.isObject(), c, () -> "constraints must be an object");
                Map<String, String> m = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    require(e.getValue().isTextual(), c, () -> "constraint " + e.getKey() + " must be a string");
                    m.put(e.getKey(), e.getValue().asText());
                }
                constraints = Map.copyOf(m);
            }
            v = ext.get(PlacementFields.CONFLICTS);
            if (v != null) {
                require(v.isArray(), c, () -> "conflicts must be an array of id globs");
                List<Glob> globs = new ArrayList<>();
                for (JsonNode g : v) {
                    require(g.isTextual() && PlacementFields.isGlob(g.asText()), c, () -> "conflict " + g + " is not an id glob");
                    globs.add(Glob.of(g.asText()));
                }
                conflicts = List.copyOf(globs);
            }
            v = ext.get(PlacementFields.GLOBAL);
            if (v != null) {
                require(v.isBoolean(), c, () -> "global must be true or false");
                global = v.asBoolean();
            }
        }
        int[] ports = NO_PORTS;
        if (!c.ports().isEmpty()) {
            ports = new int[c.ports().size()];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = portKey(c.ports().get(i));
                String port = c.ports().get(i);
                require(ports[i] >= 0, c, () -> "port " + Rules.quote(port) + " is not HOST:CONTAINER[/tcp|udp]");
            }
        }
        return new Needs(c.name(), serviceOf(c.name()), memory, cpus, constraints, conflicts, global, ports,
                volumesOf(c), dependenciesOf(c), wiringOf(c));
    }

    /** Only constraints: the probe that finds the hosts a set of labels allows. */
    static Needs constrainedTo(Map<String, String> constraints) {
        return new Needs("", "", 0, 0, constraints, List.of(), false, NO_PORTS, List.of(), List.of(), NO_PORTS);
    }

    private static List<String> dependenciesOf(Container c) {
        if (c.links().isEmpty() && !c.extensions().containsKey(Dependencies.DEPENDS_ON)) {
            return List.of();
        }
        return List.copyOf(Dependencies.of(c).keySet());
    }

    private static List<String> volumesOf(Container c) {
        if (c.volumes().isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String v : c.volumes()) {
            String name = Rules.volumeName(v);
            if (name != null) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** The exposed ports that the container does not publish as {@code N:N} itself, as port keys. */
    private static int[] wiringOf(Container c) {
        if (c.expose().isEmpty()) {
            return NO_PORTS;
        }
        Set<Integer> published = new HashSet<>();
        for (String p : c.ports()) {
            int colon = p.indexOf(':');
            published.add(numberKey(p.substring(colon + 1))); // the container port
        }
        Set<Integer> keys = new LinkedHashSet<>();
        for (String e : c.expose()) {
            int key = numberKey(e);
            if (key >= 0 && !published.contains(key)) {
                keys.add(key);
            }
        }
        return keys.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The service of a replica: {@code web-scale-3} -> {@code web}, as cccf-scale names replicas. */
    static String serviceOf(String name) {
        int at = name.lastIndexOf("-scale-");
        if (at <= 0 || at + 7 == name.length()) {
            return name;
        }
        for (int i = at + 7; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return name;
            }
        }
        return name.substring(0, at);
    }

    /** {@code "80:80"} -> 80 * 2 (tcp), {@code "53:53/udp"} -> 53 * 2 + 1; -1 when malformed. */
    static int portKey(String port) {
        int colon = port.indexOf(':');
        if (colon <= 0) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < colon; i++) {
            char ch = port.charAt(i);
            if (ch < '0' || ch > '9' || n > 100_000) {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n * 2 + (port.endsWith("/udp") ? 1 : 0);
    }

    /** {@code "5432"} or {@code "53/udp"} as a port key (see {@link #portKey}); -1 when malformed. */
    static int numberKey(String port) {
        int slash = port.indexOf('/');
        return portKey((slash < 0 ? port : port.substring(0, slash)) + ":" + (port.endsWith("/udp") ? "/udp" : ""));
    }

    static String showPort(int key) {
        return (key >> 1) + ((key & 1) == 1 ? "/udp" : "/tcp");
    }

    /** The message is built only when the check fails (a JsonNode's toString sets up an ObjectMapper). */
    private static void require(boolean ok, Container c, Supplier<String> message) {
        if (!ok) {
            throw new IllegalArgumentException("container " + Rules.quote(c.id()) + ": " + message.get());
        }
    }

    /** An id glob: {@code *} any run, {@code ?} one character; a leading {@code /} is ignored like docker's. */
    record Glob(String text, String literal, Pattern pattern) {
        static Glob of(String text) {
            String g = text.startsWith("/") ? text.substring(1) : text;
            if (g.indexOf('*') < 0 && g.indexOf('?') < 0) {
                return new Glob(text, g, null);
            }
            return new Glob(text, null, FieldTable.globPattern(g));
        }

        boolean matches(String name) {
            return literal != null ? literal.equals(name) : pattern.matcher(name).matches();
        }
    }
}
