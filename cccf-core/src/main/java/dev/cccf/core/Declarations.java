package dev.cccf.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
     */
    public record Network(String driver, Map<String, String> options, Map<String, String> labels, boolean internal) {
        /** A network declared with nothing but its name. */
        public static final Network DEFAULT = new Network(null, Map.of(), Map.of(), false);

        public Network {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
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

        public Volume {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
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
