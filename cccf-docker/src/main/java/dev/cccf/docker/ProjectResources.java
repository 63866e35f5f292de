package dev.cccf.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.DocumentParser;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.Networks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The networks and named volumes of a project on its engines. Before its containers are made,
 * apply creates on each engine the networks its containers there join ({@code networks}: as the
 * document declares them, or with docker's defaults when it does not) and the named volumes the
 * document declares that they mount, each labelled {@value CccfLabels#PROJECT}; a network or
 * volume of that name already there is used as it is. After, it removes the project's networks
 * that no container on their engine uses any more. Named volumes are never removed here (only
 * {@code cccf down --volumes} does, finding them by the same label): they hold data.
 */
public final class ProjectResources {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();

    private ProjectResources() {
    }

    /** What one engine needs: network name to declaration, volume name to declaration. */
    public record Needs(Map<String, Declarations.Network> networks, Map<String, Declarations.Volume> volumes) {
    }

    /** Per host, what the placed containers there need, in container order. */
    public static Map<String, Needs> needs(Declarations declared, List<Container> placed) {
        Map<String, Needs> out = new LinkedHashMap<>();
        for (Container c : placed) {
            if (c.host() == null) {
                continue;
            }
            Needs n = out.computeIfAbsent(c.host(), h -> new Needs(new LinkedHashMap<>(), new LinkedHashMap<>()));
            for (Networks.Attachment a : Networks.of(c)) {
                n.networks().put(a.network(), declared.network(a.network()));
            }
            for (String v : c.volumes()) {
                int colon = v.indexOf(':');
                String source = colon < 0 ? "" : v.substring(0, colon);
                Declarations.Volume vol = declared.volumes().get(source);
                if (vol != null) {
                    n.volumes().put(source, vol);
                }
            }
        }
        return out;
    }

    /**
     * Creates what the containers of {@code plan} need on their engines and is missing.
     *
     * @param say told one line per network or volume created
     */
    public static void create(Declarations declared, Converge.Result plan, Map<String, Engine> engines, String project,
            Consumer<String> say) {
        List<Container> placed = new ArrayList<>(plan.create());
        placed.addAll(plan.start());
        placed.addAll(plan.keep());
        needs(declared, placed).forEach((host, needs) -> {
            Engine e = engines.get(host);
            if (e == null || needs.networks().isEmpty() && needs.volumes().isEmpty()) {
                return;
            }
            Map<String, JsonNode> networks = new LinkedHashMap<>();
            if (!needs.networks().isEmpty()) {
                e.networks().forEach(n -> networks.put(n.path("Name").asText(), n));
            }
            needs.networks().forEach((name, n) -> {
                JsonNode existing = networks.get(name);
                if (existing != null && project.equals(existing.path("Labels").path(CccfLabels.PROJECT).asText(null))
                        && !asDeclared(existing).equals(n)) {
                    say.accept("network " + name + " on " + host + " is not as declared (made from another declaration):"
                            + " used as it is; 'cccf down' and apply again make it anew");
                }
                if (existing == null) {
                    try {
                        e.createNetwork(networkBody(name, n, project));
                        say.accept("network " + name + " created on " + host);
                    } catch (Engine.EngineException taken) {
                        if (!taken.isConflict()) { // made at the same moment by another apply: used as it is
                            throw taken;
                        }
                    }
                }
            });
            Set<String> volumes = needs.volumes().isEmpty() ? Set.of() : names(e.volumes());
            needs.volumes().forEach((name, v) -> {
                if (!volumes.contains(name)) {
                    e.createVolume(volumeBody(name, v, project));
                    say.accept("volume " + name + " created on " + host);
                }
            });
        });
    }

    /** Removes the networks of {@code project} that no container on their engine uses; says which. */
    public static void removeUnused(Map<String, Engine> engines, String project, Consumer<String> say) {
        removeUnused(engines, project, say, Map.of());
    }

    /**
     * {@link #removeUnused(Map, String, Consumer)}, skipping each engine whose networks listed
     * before the apply ({@code before}, by host; {@link Engine#networksOf}) hold none of the
     * project's: the networks an apply creates are joined by the containers it makes, so only
     * one there before can be left unused, and an apply on an engine without any asks nothing more.
     */
    public static void removeUnused(Map<String, Engine> engines, String project, Consumer<String> say,
            Map<String, List<JsonNode>> before) {
        engines.forEach((host, e) -> {
            List<JsonNode> listed = before.get(host);
            if (listed != null && listed.isEmpty()) {
                return;
            }
            for (String name : unusedNetworks(e, project, Set.of())) {
                if (removeNetwork(e, name)) {
                    say.accept("network " + name + " removed from " + host + " (no container uses it)");
                }
            }
        });
    }

    /**
     * The networks of {@code project} on {@code engine} (labelled {@value CccfLabels#PROJECT}) that
     * no container uses but those called one of {@code leaving} (about to be removed).
     */
    public static List<String> unusedNetworks(Engine engine, String project, Set<String> leaving) {
        List<JsonNode> ours = engine.networksOf(project);
        if (ours.isEmpty()) {
            return List.of(); // the usual case: no list of every container on the engine to pay for
        }
        Set<String> used = new HashSet<>();
        for (JsonNode c : engine.list(true)) { // every container: one of another project may have joined ours
            if (!leaving.contains(c.path("Names").path(0).asText("").replaceFirst("^/", ""))) {
                c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(used::add);
            }
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : ours) {
            String name = n.path("Name").asText();
            if (!used.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Removes a network; false when a container joined it since it was looked at (it is kept).
     *
     * @throws Engine.EngineException when the engine fails otherwise
     */
    public static boolean removeNetwork(Engine engine, String name) {
        try {
            engine.removeNetwork(name);
            return true;
        } catch (Engine.EngineException inUse) {
            if (!inUse.isConflict()) {
                throw inUse;
            }
            return false;
        }
    }

    /**
     * The networks and named volumes labelled as {@code project}'s on {@code engines}, as a
     * document object declares them ({@code cccf inspect --project}): driver, options, labels
     * (without cccf's own) and {@code internal}, docker's default drivers ({@code bridge},
     * {@code local}) left out as a declaration leaves them out. A name on several engines is
     * declared once, as the first engine has it. Another project's, or one without the label, is
     * not read.
     */
    public static Declarations declared(Collection<Engine> engines, String project) {
        Map<String, Declarations.Network> networks = new TreeMap<>();
        Map<String, Declarations.Volume> volumes = new TreeMap<>();
        for (Engine e : engines) {
            for (JsonNode n : e.networksOf(project)) {
                networks.putIfAbsent(n.path("Name").asText(), asDeclared(n));
            }
            for (JsonNode v : e.volumes()) {
                if (project.equals(v.path("Labels").path(CccfLabels.PROJECT).asText(null))) {
                    volumes.putIfAbsent(v.path("Name").asText(), new Declarations.Volume(driver(v, "local"),
                            strings(v.path("Options")), ownLabels(v)));
                }
            }
        }
        return new Declarations(null, networks, volumes);
    }

    /** A network the engine describes ({@code GET /networks}) as a document would declare it. */
    private static Declarations.Network asDeclared(JsonNode n) {
        return new Declarations.Network(driver(n, "bridge"), strings(n.path("Options")), ownLabels(n), n.path("Internal").asBoolean(false),
                ipamOf(n));
    }

    /** The driver of a network or volume, or null for docker's default. */
    private static String driver(JsonNode resource, String byDefault) {
        String driver = resource.path("Driver").asText("");
        return driver.isEmpty() || driver.equals(byDefault) ? null : driver;
    }

    /** The labels of a network or volume but cccf's own ({@code dev.cccf.*}). */
    private static Map<String, String> ownLabels(JsonNode resource) {
        Map<String, String> out = new TreeMap<>(strings(resource.path("Labels")));
        out.keySet().removeIf(k -> k.startsWith(Rules.RESERVED_LABEL_PREFIX));
        return out;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * What {@link #create} does, as {@code docker network create} and {@code docker volume create}
     * lines for {@code cccf plan}: for the containers to create, each network and declared volume
     * they need on their host, but those a container that stays there already uses (they exist),
     * and those the host's engine has, when it was asked ({@code plan --inspect}).
     *
     * @param endpoints host id -> docker endpoint (a host that is an endpoint URL stands for itself)
     * @param engines the engines asked, by host (empty: none, as a plan without {@code --inspect})
     */
    public static List<List<String>> commands(Declarations declared, Converge.Result plan, Map<String, String> endpoints,
            String project, Map<String, Engine> engines) {
        List<Container> staying = new ArrayList<>(plan.keep());
        staying.addAll(plan.start());
        Map<String, Needs> there = needs(declared, staying);
        List<List<String>> out = new ArrayList<>();
        needs(declared, plan.create()).forEach((host, needs) -> {
            Needs existing = new Needs(new LinkedHashMap<>(), new LinkedHashMap<>());
            Needs staysThere = there.getOrDefault(host, new Needs(Map.of(), Map.of()));
            existing.networks().putAll(staysThere.networks());
            existing.volumes().putAll(staysThere.volumes());
            Engine e = engines.get(host);
            if (e != null) { // what the engine has: it exists, whoever made it
                names(e.networks()).forEach(n -> existing.networks().put(n, Declarations.Network.DEFAULT));
                names(e.volumes()).forEach(v -> existing.volumes().put(v, Declarations.Volume.DEFAULT));
            }
            List<String> docker = new ArrayList<>(List.of("docker"));
            String endpoint = endpoints.getOrDefault(host, host.contains("://") ? host : null);
            if (endpoint != null) {
                docker.add("-H=" + endpoint);
            }
            needs.networks().forEach((name, n) -> {
                if (!existing.networks().containsKey(name)) {
                    List<String> argv = new ArrayList<>(docker);
                    argv.addAll(List.of("network", "create"));
                    if (n.driver() != null) {
                        argv.add("--driver=" + n.driver());
                    }
                    if (n.internal()) {
                        argv.add("--internal");
                    }
                    n.options().forEach((k, v) -> argv.add("--opt=" + k + "=" + v));
                    argv.addAll(labelFlags(n.labels(), project));
                    if (n.ipam() != null) {
                        argv.addAll(ipamFlags(n.ipam()));
                    }
                    argv.add(name);
                    out.add(argv);
                }
            });
            needs.volumes().forEach((name, v) -> {
                if (!existing.volumes().containsKey(name)) {
                    List<String> argv = new ArrayList<>(docker);
                    argv.addAll(List.of("volume", "create"));
                    if (v.driver() != null) {
                        argv.add("--driver=" + v.driver());
                    }
                    v.options().forEach((k, o) -> argv.add("--opt=" + k + "=" + o));
                    argv.addAll(labelFlags(v.labels(), project));
                    argv.add(name);
                    out.add(argv);
                }
            });
        });
        return out;
    }

    /** {@code docker network create}'s flags for an ipam declaration, and the label apply puts with it. */
    private static List<String> ipamFlags(Declarations.Ipam ipam) {
        List<String> out = new ArrayList<>();
        if (ipam.driver() != null) {
            out.add("--ipam-driver=" + ipam.driver());
        }
        for (Declarations.Ipam.Pool p : ipam.config()) { // docker matches each range, gateway and aux address to its subnet
            out.add("--subnet=" + p.subnet());
            if (p.ipRange() != null) {
                out.add("--ip-range=" + p.ipRange());
            }
            if (p.gateway() != null) {
                out.add("--gateway=" + p.gateway());
            }
            p.auxAddresses().forEach((k, v) -> out.add("--aux-address=" + k + "=" + v));
        }
        ipam.options().forEach((k, v) -> out.add("--ipam-opt=" + k + "=" + v));
        out.add("--label=" + CccfLabels.IPAM + "=" + ipamLabel(ipam));
        return out;
    }

    private static List<String> labelFlags(Map<String, String> given, String project) {
        List<String> out = new ArrayList<>();
        given.forEach((k, v) -> out.add("--label=" + k + "=" + v));
        out.add("--label=" + CccfLabels.PROJECT + "=" + project);
        return out;
    }

    /** The body of {@code POST /networks/create} for a declared network. */
    public static ObjectNode networkBody(String name, Declarations.Network n, String project) {
        ObjectNode body = F.objectNode().put("Name", name).put("CheckDuplicate", true);
        if (n.driver() != null) {
            body.put("Driver", n.driver());
        }
        if (n.internal()) {
            body.put("Internal", true);
        }
        if (!n.options().isEmpty()) {
            ObjectNode o = body.putObject("Options");
            n.options().forEach(o::put);
        }
        labels(body, n.labels(), project);
        if (n.ipam() != null) {
            Declarations.Ipam ipam = n.ipam();
            ObjectNode i = body.putObject("IPAM").put("Driver", ipam.driver() == null ? "default" : ipam.driver());
            ArrayNode pools = i.putArray("Config");
            for (Declarations.Ipam.Pool p : ipam.config()) {
                ObjectNode pool = pools.addObject().put("Subnet", p.subnet());
                if (p.ipRange() != null) {
                    pool.put("IPRange", p.ipRange());
                }
                if (p.gateway() != null) {
                    pool.put("Gateway", p.gateway());
                }
                if (!p.auxAddresses().isEmpty()) {
                    ObjectNode aux = pool.putObject("AuxiliaryAddresses");
                    p.auxAddresses().forEach(aux::put);
                }
            }
            ObjectNode options = i.putObject("Options");
            ipam.options().forEach(options::put);
            ((ObjectNode) body.get("Labels")).put(CccfLabels.IPAM, ipamLabel(ipam));
        }
        return body;
    }

    /** The value of {@link CccfLabels#IPAM} for {@code ipam}: the same in apply's body and plan's command line. */
    private static String ipamLabel(Declarations.Ipam ipam) {
        return CccfWriter.canonical(ipam.toTree());
    }

    /** The ipam a network was declared with ({@link CccfLabels#IPAM}), or null: none, or one this version cannot read. */
    private static Declarations.Ipam ipamOf(JsonNode network) {
        String label = network.path("Labels").path(CccfLabels.IPAM).textValue();
        if (label == null) {
            return null;
        }
        try (JsonParser p = JSON.createParser(label)) {
            p.nextToken();
            return Declarations.Ipam.of(DocumentParser.readTree(p), (path, code, message) -> { });
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The body of {@code POST /volumes/create} for a declared volume. */
    static ObjectNode volumeBody(String name, Declarations.Volume v, String project) {
        ObjectNode body = F.objectNode().put("Name", name);
        if (v.driver() != null) {
            body.put("Driver", v.driver());
        }
        if (!v.options().isEmpty()) {
            ObjectNode o = body.putObject("DriverOpts");
            v.options().forEach(o::put);
        }
        labels(body, v.labels(), project);
        return body;
    }

    private static void labels(ObjectNode body, Map<String, String> given, String project) {
        ObjectNode labels = body.putObject("Labels");
        given.forEach(labels::put);
        labels.put(CccfLabels.PROJECT, project);
    }

    private static Set<String> names(List<JsonNode> resources) {
        Set<String> out = new LinkedHashSet<>();
        resources.forEach(r -> out.add(r.path("Name").asText()));
        return out;
    }
}
