package dev.cccf.core.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers wired across hosts: a container reaches a dependency (a link or {@code depends_on})
 * placed on another host by the dependency's id (and the link's alias) on the dependency's
 * container ports, with no change to the application. A pure transform on placed containers:
 *
 * <ul>
 *   <li>the dependency publishes each port it exposes (and each container port of its
 *       {@code ports}) on its host under the same number: {@code expose: ["5432"]} gains
 *       {@code ports: ["5432:5432"]};</li>
 *   <li>the dependant gets {@code extra_hosts: ["db:ADDRESS"]} (docker's {@code --add-host}),
 *       ADDRESS being where other hosts reach the dependency's host ({@link Host#reachableAt()});</li>
 *   <li>a link across hosts, which docker cannot make, becomes a {@code depends_on} entry: the
 *       containers still start in dependency order.</li>
 * </ul>
 *
 * Containers on one host are left as they are (links, or a shared network, do it there). A
 * container moved to another host changes the address its dependants are given, so they are
 * made again; a dependency replaced on the same host changes nothing for them.
 */
public final class Wiring {
    /** Warning: the dependency's host has no address other hosts reach it at: the dependant cannot reach it. */
    public static final String WIRING_ADDRESS = "wiring-address";
    /** Error: a port the wiring needs cannot be published under its own number. */
    public static final String WIRING_PORT = "wiring-port";
    /** Warning: a dependency that stays as it runs does not publish a port a dependant on another host needs. */
    public static final String WIRING_KEPT = "wiring-kept";
    /** Warning: a dependency on another host exposes no port: nothing is published for its dependants. */
    public static final String WIRING_NO_PORT = "wiring-no-port";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Wiring() {
    }

    /**
     * What {@link #across} returns.
     *
     * @param containers the wired containers, one for each given, in the same order
     * @param problems errors (the wiring cannot work) and warnings, each anchored at a container's
     *     id ({@code web.links[0]}) as libraries name values
     */
    public record Result(List<Container> containers, List<Problem> problems) {
        public Result {
            containers = List.copyOf(containers);
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    /**
     * Wires {@code containers} (placed: each with its host) across {@code hosts}.
     *
     * @param fixed containers that run and stay as they are (with their host): dependencies may
     *     be among them, but they are not changed; a port one of them would have to publish is a
     *     {@value #WIRING_KEPT} warning
     */
    public static Result across(List<Container> containers, List<Container> fixed, List<Host> hosts) {
        Map<String, Container> byName = new HashMap<>();
        fixed.forEach(c -> byName.put(c.name(), c));
        containers.forEach(c -> byName.put(c.name(), c));
        Set<String> changeable = new LinkedHashSet<>();
        containers.forEach(c -> changeable.add(c.name()));
        Map<String, Set<String>> publish = new LinkedHashMap<>(); // dependency name -> "P:P[/udp]" to add
        Map<String, Wired> wired = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Container c : containers) {
            Host here = hostOf(c, hosts);
            if (here == null) {
                continue;
            }
            for (Map.Entry<String, String> dep : Dependencies.of(c).entrySet()) {
                Container d = byName.get(dep.getKey());
                Host there = d == null ? null : hostOf(d, hosts);
                if (there == null || there.id().equals(here.id())) {
                    continue;
                }
                String path = c.id() + dep.getValue();
                String address = there.reachableAt();
                Wired w = wired.computeIfAbsent(c.name(), k -> new Wired());
                String link = dep.getValue().startsWith(".links[")
                        ? c.links().get(Integer.parseInt(dep.getValue().replaceAll("\\D", ""))) : null;
                if (link != null) { // docker links work on one engine: the link only orders the start now
                    w.links.add(link);
                    w.dependsOn.add(dep.getKey());
                }
                if (address == null) {
                    problems.add(Problem.warning(path, WIRING_ADDRESS, c.id() + " on " + here.id() + " depends on " + d.id()
                            + " on " + there.id() + ", which has no address: " + c.id() + " cannot reach " + d.id()
                            + (link != null ? " (the link is left out)" : "") + "; give host " + there.id()
                            + " an \"address\" (an IP other hosts reach it at) in the hosts file"));
                    continue;
                }
                w.hosts.add(dep.getKey() + ":" + address);
                String spec = link == null ? "" : Dependencies.linkSpec(link);
                if (spec.contains(":")) {
                    w.hosts.add(spec.substring(spec.indexOf(':') + 1) + ":" + address);
                }
                ports(c, d, path, changeable.contains(d.name()), publish, problems);
            }
        }
        List<Container> out = new ArrayList<>(containers.size());
        for (Container c : containers) {
            Wired w = wired.get(c.name());
            Set<String> ports = publish.getOrDefault(c.name(), Set.of());
            if (w == null && ports.isEmpty()) {
                out.add(c);
                continue;
            }
            Container.Builder b = c.toBuilder();
            if (!ports.isEmpty()) {
                List<String> all = new ArrayList<>(c.ports());
                all.addAll(ports);
                b.ports(all);
            }
            if (w != null) {
                b.links(c.links().stream().filter(l -> !w.links.contains(l)).toList());
                if (!w.hosts.isEmpty()) {
                    b.extension("extra_hosts", addAll(c.extensions().get("extra_hosts"), w.hosts));
                }
                if (!w.dependsOn.isEmpty()) {
                    b.extension(Dependencies.DEPENDS_ON, dependsOn(c.extensions().get(Dependencies.DEPENDS_ON), w.dependsOn));
                }
            }
            out.add(b.build());
        }
        portsInUse(out, fixed, publish, hosts, problems);
        return new Result(out, problems);
    }

    /** A host port the wiring publishes must be free on its host: no other container there may use it. */
    private static void portsInUse(List<Container> out, List<Container> fixed, Map<String, Set<String>> publish,
            List<Host> hosts, List<Problem> problems) {
        List<Container> all = new ArrayList<>(fixed);
        all.addAll(out);
        for (Container c : all) {
            Host h = hostOf(c, hosts);
            Set<String> added = publish.getOrDefault(c.name(), Set.of());
            for (String p : c.ports()) {
                if (h == null || !added.contains(p)) {
                    continue;
                }
                for (Container other : all) {
                    Host oh = hostOf(other, hosts);
                    if (other == c || oh == null || !oh.id().equals(h.id())) {
                        continue;
                    }
                    for (String q : other.ports()) {
                        if (!other.name().equals(c.name()) && hostPort(q).equals(hostPort(p))) {
                            problems.add(Problem.error(c.id() + ".ports", WIRING_PORT, c.id() + " must publish " + p
                                    + " on " + h.id() + " for its dependants on other hosts, but " + other.id()
                                    + " uses host port " + hostPort(p) + " there"));
                        }
                    }
                }
            }
        }
    }

    /** {@code "8080:80/udp"} -> {@code "8080/udp"}. */
    private static String hostPort(String port) {
        String[] protoSplit = port.split("/", 2);
        return protoSplit[0].split(":", 2)[0] + "/" + (protoSplit.length > 1 ? protoSplit[1] : "tcp");
    }

    /** What a dependant gains: host entries, links that become depends_on. */
    private static final class Wired {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> links = new LinkedHashSet<>();
        final Set<String> dependsOn = new LinkedHashSet<>();
    }

    /** The ports {@code d} must publish under their own number for {@code c}; problems when it cannot. */
    private static void ports(Container c, Container d, String path, boolean changeable, Map<String, Set<String>> publish,
            List<Problem> problems) {
        Map<String, String> published = new HashMap<>(); // "5432/tcp" -> host port
        for (String p : d.ports()) {
            String[] protoSplit = p.split("/", 2);
            String[] hc = protoSplit[0].split(":", 2);
            published.put(hc[1] + "/" + (protoSplit.length > 1 ? protoSplit[1] : "tcp"), hc[0]);
        }
        Set<String> needed = new LinkedHashSet<>(published.keySet());
        for (String e : d.expose()) {
            needed.add(e.contains("/") ? e : e + "/tcp");
        }
        if (needed.isEmpty()) {
            problems.add(Problem.warning(path, WIRING_NO_PORT, d.id() + " exposes no port: " + c.id() + " on another host"
                    + " reaches its host's address, but nothing of " + d.id() + " is published there (give " + d.id()
                    + " \"expose\")"));
            return;
        }
        for (String port : needed) {
            String number = port.substring(0, port.indexOf('/'));
            String hostPort = published.get(port);
            if (hostPort != null && !hostPort.equals(number)) {
                problems.add(Problem.error(path, WIRING_PORT, d.id() + " publishes its port " + port + " on host port "
                        + hostPort + ": " + c.id() + " on another host reaches " + d.id() + ":" + number
                        + " only if it is published as " + number + ":" + number));
            } else if (hostPort == null && !changeable) {
                problems.add(Problem.warning(path, WIRING_KEPT, d.id() + " runs and stays as it is without publishing its port "
                        + port + ", which " + c.id() + " on another host needs: plan from the wanted document"
                        + " (cccf plan), which makes " + d.id() + " again with it"));
            } else if (hostPort == null) {
                publish.computeIfAbsent(d.name(), k -> new LinkedHashSet<>())
                        .add(number + ":" + number + (port.endsWith("/udp") ? "/udp" : ""));
            }
        }
    }

    /** The host of a container: a host id of {@code hosts}, or one's docker endpoint; null when none. */
    static Host hostOf(Container c, List<Host> hosts) {
        if (c.host() == null) {
            return null;
        }
        for (Host h : hosts) {
            if (h.id().equals(c.host()) || c.host().equals(h.docker())) {
                return h;
            }
        }
        return null;
    }

    private static JsonNode addAll(JsonNode list, Set<String> items) {
        ArrayNode out = F.arrayNode();
        Set<String> seen = new LinkedHashSet<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> {
                out.add(n);
                seen.add(n.asText());
            });
        }
        items.stream().filter(seen::add).forEach(out::add);
        return out;
    }

    private static JsonNode dependsOn(JsonNode current, Set<String> ids) {
        if (current != null && current.isObject()) {
            ObjectNode out = current.deepCopy();
            ids.forEach(id -> {
                if (!out.has(id)) {
                    out.putObject(id).put("condition", "service_started");
                }
            });
            return out;
        }
        return addAll(current, ids);
    }
}
