package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code networks} field: the user-defined networks a container is attached to, as a list of
 * their names ({@code ["front", "back"]}) or, with aliases and a fixed address, as an object
 * ({@code {"front": {"aliases": ["www"], "ipv4_address": "172.20.0.5"}, "back": {}}}), as compose
 * writes a service's. The first is the container's network mode; on each, the container's id (and
 * each alias given there) is a name the others find it by (docker's DNS). Engines before Engine
 * API 1.44 (docker 25) refuse a container created on several networks, so it is created on the
 * first and joins each other one ({@code docker network connect}, {@code POST
 * /networks/NAME/connect}) before it starts: {@link #joined} and {@link #connectFlags} say how.
 */
public final class Networks {
    private static final String CODE = "docker-networks";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** Docker's own networks, which are network modes (the {@code network} field), not networks to join. */
    private static final Set<String> MODES = Set.of("bridge", "host", "none", "default");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Networks() {
    }

    /** One network of a container: its name, aliases and fixed IPv4 address (or null). */
    public record Attachment(String network, List<String> aliases, String ipv4Address) {
        public Attachment {
            aliases = List.copyOf(aliases);
        }
    }

    /** The networks of a container's {@code networks} field, in its order; empty without one. */
    public static List<Attachment> of(Container c) {
        JsonNode v = c.extensions().get("networks");
        return v == null ? List.of() : of(v);
    }

    /** The networks of a valid {@code networks} value, in its order. */
    public static List<Attachment> of(JsonNode v) {
        List<Attachment> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(n -> out.add(new Attachment(n.asText(), List.of(), null)));
        } else if (v.isObject()) {
            v.properties().forEach(e -> {
                JsonNode o = e.getValue();
                List<String> aliases = FieldTable.strings(o.path("aliases"));
                JsonNode ip = o.path("ipv4_address");
                out.add(new Attachment(e.getKey(), aliases, ip.isTextual() ? ip.textValue() : null));
            });
        }
        return out;
    }

    /** True for a network a container joins, not one of docker's modes (bridge, host, none, container:ID). */
    public static boolean isUserNetwork(String name) {
        return !name.isEmpty() && !MODES.contains(name) && !name.startsWith("container:");
    }

    static void check(JsonNode v, FieldCheck.Report r) {
        if (v.isArray()) {
            if (v.isEmpty()) {
                r.problem("", CODE, "networks must name at least one network");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < v.size(); i++) {
                name(v.get(i).isTextual() ? v.get(i).textValue() : null, v.get(i), "[" + i + "]", r);
                if (v.get(i).isTextual() && !seen.add(v.get(i).textValue())) {
                    r.problem("[" + i + "]", CODE, Rules.quote(v.get(i).textValue()) + " is named twice in networks");
                }
            }
            return;
        }
        if (!v.isObject() || v.isEmpty()) {
            r.problem("", CODE, "networks must be a list of network names, or an object of names to {aliases,"
                    + " ipv4_address}, not " + (v.isObject() ? "an empty object" : Show.value(v)));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = Rules.pathStep(e.getKey());
            name(e.getKey(), null, at, r);
            JsonNode o = e.getValue();
            if (o.isNull() || o.isTextual() && o.textValue().isEmpty()) {
                continue; // YAML's "front:" with nothing after it
            }
            if (!o.isObject()) {
                r.problem(at, CODE, "a network's settings are an object {aliases, ipv4_address}, not " + Show.value(o));
                continue;
            }
            o.fieldNames().forEachRemaining(k -> {
                if (!k.equals("aliases") && !k.equals("ipv4_address")) {
                    r.problem(at + Rules.pathStep(k), CODE, "a network's settings are aliases and ipv4_address, not "
                            + Rules.quote(k));
                }
            });
            JsonNode aliases = o.get("aliases");
            if (aliases != null) {
                if (!aliases.isArray()) {
                    r.problem(at + ".aliases", CODE, "aliases must be an array of names, not " + Show.value(aliases));
                } else {
                    for (int i = 0; i < aliases.size(); i++) {
                        JsonNode a = aliases.get(i);
                        if (!a.isTextual() || !ALIAS.matcher(a.textValue()).matches()) {
                            r.problem(at + ".aliases[" + i + "]", CODE, "an alias is a name such as \"db\","
                                    + " not " + Show.value(a));
                        }
                    }
                }
            }
            JsonNode ip = o.get("ipv4_address");
            if (ip != null && (!ip.isTextual() || !FieldTable.isIp(ip.textValue()) || ip.textValue().contains(":"))) {
                r.problem(at + ".ipv4_address", CODE, "ipv4_address must be an IPv4 address such as \"172.20.0.5\","
                        + " not " + Show.value(ip));
            }
        }
    }

    private static void name(String name, JsonNode item, String at, FieldCheck.Report r) {
        if (name == null || !NAME.matcher(name).matches()) {
            r.problem(at, CODE, "a network name is a letter or digit, then letters, digits, '_', '.' or '-', not "
                    + (name == null ? Show.value(item) : Rules.quote(name)));
        } else if (!isUserNetwork(name)) {
            r.problem(at, CODE, Rules.quote(name) + " is one of docker's network modes: give it as \"network\", not"
                    + " in networks");
        }
    }

    /**
     * {@code docker run}'s options for the first network: {@code --network=NAME},
     * {@code --network-alias=A} for each alias, {@code --ip=IP}; the others are joined after
     * ({@link #connectFlags}).
     */
    static List<String> runFlags(JsonNode v) {
        List<String> out = new ArrayList<>();
        List<Attachment> all = of(v);
        if (!all.isEmpty()) {
            Attachment a = all.get(0);
            out.add("--network=" + a.network());
            a.aliases().forEach(alias -> out.add("--network-alias=" + alias));
            if (a.ipv4Address() != null) {
                out.add("--ip=" + a.ipv4Address());
            }
        }
        return out;
    }

    /** The networks a container joins after its creation, before it starts: all but the first, in order. */
    public static List<Attachment> joined(Container c) {
        List<Attachment> all = of(c);
        return all.size() < 2 ? List.of() : all.subList(1, all.size());
    }

    /** {@code docker network connect}'s options for one network: {@code --alias=A} for each alias, {@code --ip=IP}. */
    public static List<String> connectFlags(Attachment a) {
        List<String> out = new ArrayList<>();
        a.aliases().forEach(alias -> out.add("--alias=" + alias));
        if (a.ipv4Address() != null) {
            out.add("--ip=" + a.ipv4Address());
        }
        return out;
    }

    /** The {@code EndpointConfig} of one network: its {@code Aliases} and {@code IPAMConfig.IPv4Address}, as create and connect send it. */
    public static ObjectNode endpoint(Attachment a) {
        ObjectNode e = F.objectNode();
        if (!a.aliases().isEmpty()) {
            e.set("Aliases", FieldTable.array(a.aliases()));
        }
        if (a.ipv4Address() != null) {
            e.putObject("IPAMConfig").put("IPv4Address", a.ipv4Address());
        }
        return e;
    }

    /**
     * {@code docker service create}'s options: {@code --network=NAME}, or with aliases
     * {@code --network=name=NAME,alias=A} (services have no fixed address: an {@code ipv4_address}
     * is not carried).
     */
    static List<String> swarmFlags(JsonNode v) {
        List<String> out = new ArrayList<>();
        for (Attachment a : of(v)) {
            StringBuilder b = new StringBuilder("--network=").append(a.aliases().isEmpty() ? "" : "name=").append(a.network());
            a.aliases().forEach(alias -> b.append(",alias=").append(alias));
            out.add(b.toString());
        }
        return out;
    }

    /**
     * The create body as {@code docker run} sends it for the first network: the network as the
     * network mode, and in {@code NetworkingConfig.EndpointsConfig} with its aliases and address
     * (engines before API 1.44 refuse more there; the others are joined after, {@link #joined}).
     */
    static void create(JsonNode v, ObjectNode config, ObjectNode hostConfig) {
        Attachment first = of(v).get(0);
        hostConfig.put("NetworkMode", first.network());
        config.putObject("NetworkingConfig").putObject("EndpointsConfig").set(first.network(), endpoint(first));
    }

    /**
     * The networks read back from {@code NetworkSettings.Networks}: the network mode first, then
     * the others by name (the view holds only the aliases given: not those docker adds itself);
     * a list when none has aliases or an address.
     */
    static JsonNode inspect(DockerField.EngineView e) {
        String mode = e.hostConfig().path("NetworkMode").asText("");
        Map<String, JsonNode> joined = new TreeMap<>();
        e.networks().properties().forEach(n -> {
            if (isUserNetwork(n.getKey())) {
                joined.put(n.getKey(), n.getValue());
            }
        });
        if (joined.isEmpty()) {
            return null;
        }
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        if (joined.containsKey(mode)) {
            ordered.put(mode, joined.get(mode));
        }
        ordered.putAll(joined);
        ObjectNode settings = F.objectNode();
        boolean plain = true;
        for (Map.Entry<String, JsonNode> n : ordered.entrySet()) {
            ObjectNode one = settings.putObject(n.getKey());
            List<String> aliases = new ArrayList<>();
            n.getValue().path("Aliases").forEach(a -> aliases.add(a.asText()));
            if (!aliases.isEmpty()) {
                one.set("aliases", FieldTable.array(aliases));
                plain = false;
            }
            String ip = n.getValue().path("IPAMConfig").path("IPv4Address").asText("");
            if (!ip.isEmpty()) {
                one.put("ipv4_address", ip);
                plain = false;
            }
        }
        if (!plain) {
            return settings;
        }
        ArrayNode names = F.arrayNode();
        ordered.keySet().forEach(names::add);
        return names;
    }
}
