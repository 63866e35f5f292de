package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a document object declares beside its containers: the application's {@code name}, its
 * {@code networks} and its named {@code volumes}.
 *
 * <pre>{@code
 * {"name": "shop",
 *  "networks": {"front": {"driver": "bridge"}},
 *  "volumes": {"data": {}},
 *  "containers": [ ... ]}
 * }</pre>
 *
 * A document that is an array (or one container object) declares nothing: {@link #NONE}.
 *
 * @param name the application's name, or {@code null} when the document gives none
 * @param networks the declared networks by name, in document order
 * @param volumes the declared named volumes by name, in document order
 */
public record Declarations(String name, Map<String, Network> networks, Map<String, Volume> volumes) {
    /** What an array or a single container declares. */
    public static final Declarations NONE = new Declarations(null, Map.of(), Map.of());

    public Declarations {
        networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks));
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
    }

    /**
     * A network as a document declares it.
     *
     * @param driver the network driver, or {@code null} for the engine's default ({@code bridge})
     * @param options the driver's options
     * @param labels labels the network carries (besides those cccf adds)
     * @param internal whether the network is cut off from the outside
     * @param ipam how its addresses are given (its subnets ...), or {@code null} for the engine's choice
     */
    public record Network(String driver, Map<String, String> options, Map<String, String> labels, boolean internal, Ipam ipam) {
        /** A network declared with nothing but its name. */
        public static final Network DEFAULT = new Network(null, Map.of(), Map.of(), false);

        public Network {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /** A network whose addresses the engine chooses. */
        public Network(String driver, Map<String, String> options, Map<String, String> labels, boolean internal) {
            this(driver, options, labels, internal, null);
        }
    }

    /**
     * How a network's addresses are given, as compose's {@code ipam} says it: a container with a
     * fixed {@code ipv4_address} needs a network whose subnet holds it.
     *
     * <pre>{@code "ipam": {"config": [{"subnet": "172.20.0.0/24", "gateway": "172.20.0.1"}]}}</pre>
     *
     * @param driver the IPAM driver, or {@code null} for docker's ({@code default})
     * @param config the address pools
     * @param options the driver's options
     */
    public record Ipam(String driver, List<Pool> config, Map<String, String> options) {
        private static final Set<String> KEYS = Set.of("driver", "config", "options");
        private static final Set<String> POOL_KEYS = Set.of("subnet", "ip_range", "gateway", "aux_addresses");
        private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
        private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(:" + IPV4.pattern() + ")?");

        public Ipam {
            config = List.copyOf(config);
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        /**
         * One pool of addresses.
         *
         * @param subnet the subnet, an address and a prefix length ({@code 172.20.0.0/24})
         * @param ipRange the part of it handed out to containers, or {@code null} for all of it
         * @param gateway the gateway's address, or {@code null} for docker's choice
         * @param auxAddresses addresses docker keeps aside, by a name
         */
        public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
            public Pool {
                auxAddresses = Collections.unmodifiableMap(new LinkedHashMap<>(auxAddresses));
            }
        }

        /** What a problem of {@link #of} says: where, from the {@code ipam} value ({@code .config[0].subnet}), and what. */
        @FunctionalInterface
        public interface Problems {
            void add(String path, String code, String message);
        }

        /** {@code v} read as an {@code ipam} declaration; null after a problem (each told to {@code problems}). */
        public static Ipam of(JsonNode v, Problems problems) {
            if (!v.isObject()) {
                problems.add("", Rules.DECLARATION_TYPE, "ipam is an object (driver, config, options), not " + Rules.kind(v));
                return null;
            }
            boolean ok = DeclarationRules.keys(v, "", "ipam", KEYS, problems);
            String driver = null;
            JsonNode d = v.get("driver");
            if (d != null && !d.isNull()) {
                driver = DeclarationRules.driver(d, "", "an IPAM driver's name", problems);
                ok &= driver != null;
            }
            Map<String, String> options = DeclarationRules.strings(v.get("options"), ".options", problems);
            List<Pool> pools = new ArrayList<>();
            JsonNode config = v.get("config");
            if (config != null && !config.isNull()) {
                if (!config.isArray()) {
                    problems.add(".config", Rules.DECLARATION_TYPE, "config is a list of address pools, not " + Rules.kind(config));
                    return null;
                }
                for (int i = 0; i < config.size(); i++) {
                    Pool pool = pool(config.get(i), ".config[" + i + "]", problems);
                    if (pool == null) {
                        ok = false;
                    } else {
                        pools.add(pool);
                    }
                }
            }
            return ok && options != null ? new Ipam(driver, pools, options) : null;
        }

        private static Pool pool(JsonNode p, String path, Problems problems) {
            if (!p.isObject()) {
                problems.add(path, Rules.DECLARATION_TYPE, "an address pool is an object (subnet, ip_range, gateway, aux_addresses), not "
                        + Rules.kind(p));
                return null;
            }
            boolean ok = DeclarationRules.keys(p, path, "an address pool", POOL_KEYS, problems);
            String subnet = address(p, path, "subnet", true, problems);
            String range = address(p, path, "ip_range", true, problems);
            String gateway = address(p, path, "gateway", false, problems);
            Map<String, String> aux = DeclarationRules.strings(p.get("aux_addresses"), path + ".aux_addresses", problems);
            if (aux != null) {
                for (Map.Entry<String, String> e : aux.entrySet()) {
                    if (!isAddress(e.getValue())) {
                        problems.add(path + ".aux_addresses" + Rules.pathStep(e.getKey()), Rules.DECLARATION_TYPE,
                                "must be an IP address, not " + Rules.quote(e.getValue()));
                        ok = false;
                    }
                }
            }
            if (!p.hasNonNull("subnet")) {
                problems.add(path + ".subnet", Rules.DECLARATION_TYPE, "an address pool needs its subnet (172.20.0.0/24, say)");
                ok = false;
            }
            boolean read = subnet != null && (range != null || !p.hasNonNull("ip_range")) && (gateway != null || !p.hasNonNull("gateway"));
            return ok && read && aux != null ? new Pool(subnet, range, gateway, aux) : null;
        }

        /** The address (or with {@code cidr}, the address/prefix) at {@code key}: null when absent or wrong (told). */
        private static String address(JsonNode p, String path, String key, boolean cidr, Problems problems) {
            JsonNode v = p.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            String text = v.isTextual() ? v.textValue() : null;
            boolean ok = text != null && (cidr ? isCidr(text) : isAddress(text));
            if (!ok) {
                problems.add(path + "." + key, Rules.DECLARATION_TYPE, key + " must be " + (cidr
                        ? "an address and a prefix length (172.20.0.0/24, fd00::/64)" : "an IP address") + ", not " + Rules.shown(v));
                return null;
            }
            return text;
        }

        /** True for an IPv4 or IPv6 address written as digits (no host name: nothing is looked up). */
        static boolean isAddress(String text) {
            if (IPV4.matcher(text).matches()) {
                return true;
            }
            if (!IPV6.matcher(text).matches() || text.indexOf("::") != text.lastIndexOf("::") || text.contains(":::")) {
                return false;
            }
            String hex = text.contains(".") ? text.substring(0, text.lastIndexOf(':')) : text;
            String[] groups = hex.split(":", -1);
            int count = 0;
            for (String g : groups) {
                if (g.length() > 4) {
                    return false;
                }
                count += g.isEmpty() ? 0 : 1;
            }
            int limit = text.contains(".") ? 6 : 8;
            return text.contains("::") ? count < limit : count == limit;
        }

        static boolean isCidr(String text) {
            int slash = text.indexOf('/');
            if (slash < 0 || !text.substring(slash + 1).matches("[0-9]{1,3}")) {
                return false;
            }
            String address = text.substring(0, slash);
            int prefix = Integer.parseInt(text.substring(slash + 1));
            return isAddress(address) && prefix <= (address.contains(":") ? 128 : 32);
        }

        /** The declaration as a document writes it ({@link #of} reads it back). */
        public ObjectNode toTree() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            if (driver != null) {
                o.put("driver", driver);
            }
            ArrayNode pools = o.putArray("config");
            for (Pool p : config) {
                ObjectNode one = pools.addObject();
                if (p.subnet() != null) {
                    one.put("subnet", p.subnet());
                }
                if (p.ipRange() != null) {
                    one.put("ip_range", p.ipRange());
                }
                if (p.gateway() != null) {
                    one.put("gateway", p.gateway());
                }
                if (!p.auxAddresses().isEmpty()) {
                    ObjectNode aux = one.putObject("aux_addresses");
                    p.auxAddresses().forEach(aux::put);
                }
            }
            if (!options.isEmpty()) {
                ObjectNode opts = o.putObject("options");
                options.forEach(opts::put);
            }
            return o;
        }
    }

    /**
     * A named volume as a document declares it.
     *
     * @param driver the volume driver, or {@code null} for the engine's default ({@code local})
     * @param options the driver's options
     * @param labels labels the volume carries (besides those cccf adds)
     */
    public record Volume(String driver, Map<String, String> options, Map<String, String> labels) {
        /** A volume declared with nothing but its name. */
        public static final Volume DEFAULT = new Volume(null, Map.of(), Map.of());

        /** The file systems of the local driver's {@code type} option whose data is on the network, not on the host. */
        private static final Set<String> NETWORK_TYPES = Set.of("nfs", "nfs4", "cifs");

        public Volume {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /**
         * True when its data is on the network, the same from every host: the local driver mounting
         * an {@code nfs}, {@code nfs4} or {@code cifs} share ({@code options: {type: nfs, o:
         * "addr=...", device: ":/export"}}). A container that mounts it may run on any host; one
         * that mounts any other named volume runs where its data is. A volume of another driver
         * (a plugin) is taken for local: a plugin says nothing of where its data is.
         */
        public boolean isShared() {
            return (driver == null || driver.equals("local")) && NETWORK_TYPES.contains(options.getOrDefault("type", ""));
        }
    }

    /** The names of the declared volumes whose data is on the network ({@link Volume#isShared}). */
    public Set<String> sharedVolumes() {
        Set<String> out = new TreeSet<>();
        volumes.forEach((name, v) -> {
            if (v.isShared()) {
                out.add(name);
            }
        });
        return Collections.unmodifiableSet(out);
    }

    /** True when nothing is declared: the document is written as an array, as before. */
    public boolean isEmpty() {
        return name == null && networks.isEmpty() && volumes.isEmpty();
    }

    public Declarations withName(String newName) {
        return new Declarations(newName, networks, volumes);
    }

    /**
     * These declarations and {@code other}'s together (several documents read as one). A name,
     * network or volume declared by both must be declared alike.
     *
     * @return the declarations together, or the conflicts (each a sentence naming what differs)
     */
    public Merged merge(Declarations other) {
        List<String> conflicts = new ArrayList<>();
        if (name != null && other.name != null && !name.equals(other.name)) {
            conflicts.add("name " + Rules.quote(other.name) + " differs from " + Rules.quote(name) + " declared before");
        }
        Map<String, Network> nets = new LinkedHashMap<>(networks);
        other.networks.forEach((k, v) -> {
            Network before = nets.putIfAbsent(k, v);
            if (before != null && !before.equals(v)) {
                conflicts.add("network " + Rules.quote(k) + " is declared before, differently");
            }
        });
        Map<String, Volume> vols = new LinkedHashMap<>(volumes);
        other.volumes.forEach((k, v) -> {
            Volume before = vols.putIfAbsent(k, v);
            if (before != null && !before.equals(v)) {
                conflicts.add("volume " + Rules.quote(k) + " is declared before, differently");
            }
        });
        return new Merged(new Declarations(name != null ? name : other.name, nets, vols), conflicts);
    }

    /** What {@link #merge} returns. */
    public record Merged(Declarations declarations, List<String> conflicts) {
        public Merged {
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * The declarations as the top-level fields of a document object ({@code name},
     * {@code networks}, {@code volumes}, each only when there is one), in that order; what is at
     * its default is left out.
     */
    public ObjectNode toTree() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (name != null) {
            o.put("name", name);
        }
        if (!networks.isEmpty()) {
            ObjectNode nets = o.putObject("networks");
            networks.forEach((k, n) -> {
                ObjectNode one = nets.putObject(k);
                putSettings(one, n.driver(), n.options(), n.labels());
                if (n.internal()) {
                    one.put("internal", true);
                }
                if (n.ipam() != null) {
                    one.set("ipam", n.ipam().toTree());
                }
            });
        }
        if (!volumes.isEmpty()) {
            ObjectNode vols = o.putObject("volumes");
            volumes.forEach((k, v) -> putSettings(vols.putObject(k), v.driver(), v.options(), v.labels()));
        }
        return o;
    }

    private static void putSettings(ObjectNode o, String driver, Map<String, String> options, Map<String, String> labels) {
        if (driver != null) {
            o.put("driver", driver);
        }
        if (!options.isEmpty()) {
            ObjectNode opts = o.putObject("options");
            options.forEach(opts::put);
        }
        if (!labels.isEmpty()) {
            ObjectNode ls = o.putObject("labels");
            labels.forEach(ls::put);
        }
    }

    /** The network declared as {@code name}, or {@link Network#DEFAULT} when it is not declared. */
    public Network network(String networkName) {
        return Objects.requireNonNullElse(networks.get(networkName), Network.DEFAULT);
    }
}
