package dev.cccf.docker.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.Networks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What a compose project declares beside its services, as a cccf document object declares it:
 * the project's name, its {@code networks} ({@code driver}, {@code driver_opts} as
 * {@code options}, {@code labels}, {@code internal}, {@code ipam}) and its named {@code volumes} ({@code driver},
 * {@code driver_opts}, {@code labels}). A network or volume is named by its key ({@code name:}
 * names it otherwise, and services follow); compose's {@code default} network, which every
 * service that names no network joins, is {@code PROJECT_default}, as compose names it. An
 * {@code external} one is not declared (cccf would make it, and remove it with the project): a
 * warning, and containers use it as they find it. What cannot be carried ({@code attachable},
 * {@code enable_ipv6}, any other key) is a warning.
 */
final class TopLevel {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final String DEFAULT = "default";

    private final Problems problems;
    private final NodeReader nodes;
    /** compose's key -> the name cccf gives the network (or volume). */
    private final Map<String, String> networkNames = new HashMap<>();
    private final Map<String, String> volumeNames = new HashMap<>();
    /** The declarations by cccf name, in file order; the default network's apart: declared only when a container joins it. */
    private final Map<String, Declarations.Network> networks = new LinkedHashMap<>();
    private final Map<String, Declarations.Volume> volumes = new LinkedHashMap<>();
    private Declarations.Network defaultNetwork = Declarations.Network.DEFAULT;

    /** Reads the top-level {@code networks} and {@code volumes} of project {@code project} (the later file's over the earlier's). */
    TopLevel(Problems problems, String project, Map<String, NodeTuple> networks, Map<String, NodeTuple> volumes) {
        this.problems = problems;
        this.nodes = new NodeReader(problems);
        networkNames.put(DEFAULT, project + "_" + DEFAULT);
        networks.forEach((key, t) -> network(key, t, "$.networks" + Rules.pathStep(key)));
        volumes.forEach((key, t) -> volume(key, t, "$.volumes" + Rules.pathStep(key)));
    }

    /** The name cccf gives the network a service names {@code key} ({@code default} included), or null when none is declared so. */
    String network(String key) {
        return networkNames.get(key);
    }

    /** The name cccf gives the volume a service mounts as {@code key}: its own {@code name}, else the key. */
    String volume(String key) {
        return volumeNames.getOrDefault(key, key);
    }

    /** The declarations of a project named {@code name} (null when it has none) whose services became {@code containers}. */
    Declarations declarations(String name, List<Container> containers) {
        Map<String, Declarations.Network> declared = new LinkedHashMap<>(networks);
        String defaultName = networkNames.get(DEFAULT);
        if (defaultNetwork != null && containers.stream().anyMatch(c -> Networks.of(c).stream().anyMatch(a -> a.network().equals(defaultName)))) {
            declared.put(defaultName, defaultNetwork);
        }
        return new Declarations(name, declared, volumes);
    }

    private void network(String key, NodeTuple t, String path) {
        Settings s = settings("network", key, t, path, "driver, driver_opts, labels, internal, ipam, name, external",
                (k, value, p, n) -> switch (k) {
                    case "internal" -> {
                        n.internal = NodeReader.value(value).asBoolean(false);
                        yield true;
                    }
                    case "ipam" -> {
                        JsonNode tree = nodes.tree(value, p);
                        if (tree.isNull()) { // ipam: (nothing): docker's choice; or an error already told
                            n.bad = !(value instanceof ScalarNode);
                        } else {
                            n.ipam = Declarations.Ipam.of(tree, (sub, code, message) -> problems.error(value, p + sub, code, message));
                            n.bad = n.ipam == null;
                        }
                        yield true;
                    }
                    case "enable_ipv6", "attachable" -> {
                        problems.warn(value, p, Compose.PARTIAL, "network " + Rules.quote(key) + ": " + k + " is not carried: "
                                + (k.equals("attachable") ? "only swarm's overlay networks need it" : "it gets no IPv6 address"));
                        yield true;
                    }
                    default -> false;
                });
        if (s == null) {
            return;
        }
        String name = s.name != null ? s.name : key.equals(DEFAULT) ? networkNames.get(DEFAULT) : key;
        networkNames.put(key, name);
        if (s.bad) { // its error told: the services that join it are not told again that it is not declared
            return;
        }
        Declarations.Network declared = s.external ? null : new Declarations.Network(s.driver, s.options, s.labels, s.internal, s.ipam);
        if (key.equals(DEFAULT)) { // declared only when a container joins it
            defaultNetwork = declared;
        } else if (declared != null) {
            networks.put(name, declared);
        }
    }

    private void volume(String key, NodeTuple t, String path) {
        Settings s = settings("volume", key, t, path, "driver, driver_opts, labels, name, external", (k, value, p, n) -> false);
        if (s == null) {
            return;
        }
        String name = s.name != null ? s.name : key;
        volumeNames.put(key, name);
        if (!s.external) {
            volumes.put(name, new Declarations.Volume(s.driver, s.options, s.labels));
        }
    }

    /** What a network or volume says; {@link #settings} fills it. */
    private static final class Settings {
        String driver;
        Map<String, String> options = Map.of();
        Map<String, String> labels = Map.of();
        boolean internal;
        /** A network's {@code ipam}, or null for docker's choice. */
        Declarations.Ipam ipam;
        /** A key was wrong (the error is told): not declared. */
        boolean bad;
        boolean external;
        String name;
        Node nameNode;
    }

    /** Reads one more key of a network's or volume's mapping into {@code s}; false when it is not one. */
    private interface KeyReader {
        boolean read(String key, Node value, String path, Settings s);
    }

    /**
     * What a network or volume declared as {@code key} says, the keys they share read here and the
     * others by {@code more}; null when it cannot be declared (the error is reported).
     */
    private Settings settings(String kind, String key, NodeTuple t, String path, String keys, KeyReader more) {
        Settings s = new Settings();
        Node v = t.getValueNode();
        Map<String, NodeTuple> m = v instanceof ScalarNode n && (NodeReader.isNull(n) || n.getValue().isEmpty()) ? Map.of()
                : nodes.mapping(v, path, "a " + kind + " is declared by a mapping (" + keys + ")");
        if (m == null) {
            return null;
        }
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            Node value = e.getValue().getValueNode();
            String p = path + Rules.pathStep(e.getKey());
            switch (e.getKey()) {
                case "driver" -> s.driver = blankIsNull(nodes.scalarText(value, p));
                case "driver_opts" -> s.options = nodes.keyValues(value, p);
                case "labels" -> s.labels = nodes.keyValues(value, p);
                case "name" -> {
                    s.name = blankIsNull(nodes.scalarText(value, p));
                    s.nameNode = value;
                }
                case "external" -> external(value, p, s);
                default -> {
                    if (!more.read(e.getKey(), value, p, s)) {
                        problems.warn(e.getValue().getKeyNode(), p, Compose.UNSUPPORTED, kind + " " + Rules.quote(e.getKey())
                                + " is not carried into cccf");
                    }
                }
            }
        }
        String name = s.name != null ? s.name : key;
        if (!NAME.matcher(name).matches()) {
            problems.error(s.name != null ? s.nameNode : t.getKeyNode(), s.name != null ? path + ".name" : path, kind.equals("network") ? Rules.NETWORK_NAME : Rules.VOLUME_NAME,
                    kind + " name " + Rules.quote(name) + " must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$");
            return null;
        }
        for (String label : s.labels.keySet()) {
            if (label.startsWith(Rules.RESERVED_LABEL_PREFIX)) {
                problems.error(m.get("labels").getValueNode(), path + ".labels" + Rules.pathStep(label), Rules.RESERVED_LABEL,
                        "labels under " + Rules.quote(Rules.RESERVED_LABEL_PREFIX) + " belong to cccf");
                return null;
            }
        }
        if (s.external) {
            problems.warn(m.get("external").getKeyNode(), path + ".external", Compose.PARTIAL, kind + " " + Rules.quote(name)
                    + " is external: not declared, so cccf neither makes nor removes it; containers " + (kind.equals("network")
                            ? "join it as they find it (apply makes it, with docker's defaults, when it is missing)"
                            : "mount it as they find it"));
        }
        return s;
    }

    /** {@code external: true}, or the old form {@code external: {name: NAME}}. */
    private void external(Node value, String path, Settings s) {
        if (value instanceof MappingNode) {
            s.external = true;
            Map<String, NodeTuple> m = nodes.mapping(value, path, "external");
            m.forEach((k, t) -> {
                if (k.equals("name")) {
                    s.name = blankIsNull(nodes.scalarText(t.getValueNode(), path + ".name"));
                    s.nameNode = t.getValueNode();
                } else {
                    problems.warn(t.getKeyNode(), path + Rules.pathStep(k), Compose.UNSUPPORTED, "external " + Rules.quote(k)
                            + " is not carried into cccf");
                }
            });
        } else {
            s.external = NodeReader.value(value).asBoolean(false);
        }
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
