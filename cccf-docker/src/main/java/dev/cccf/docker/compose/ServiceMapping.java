package dev.cccf.docker.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.ShellWords;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.core.fields.Networks;
import dev.cccf.docker.DockerFields;
import dev.cccf.docker.compose.NodeReader.Item;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Each service of a project ({@link ProjectLoader}) mapped to a container: its keys to cccf fields
 * and docker fields; a key with no mapping is a {@code compose-unsupported} warning. A service's
 * {@code container_name} is the container's id (the name docker runs it under) when it is a cccf
 * id, and references to the service ({@code links}, {@code depends_on}, {@code volumes_from},
 * {@code network_mode: service:NAME}) follow it; a service that is only built runs the image
 * compose would build, {@code PROJECT-SERVICE}, with a {@code compose-build} warning.
 */
final class ServiceMapping {
    /**
     * What the mapping needs of the project: its name, its variables, the folder of each node's
     * file, and its top-level networks and volumes (the names cccf gives them).
     */
    record Context(String project, Map<String, String> variables, Function<Node, Path> folderOf, TopLevel declared) {
    }

    private final Problems problems;
    private final Context context;
    private final NodeReader nodes;
    private final EnvGrammar env;
    private final VolumeGrammar volumes;
    private final Map<String, String> ids = new HashMap<>();

    ServiceMapping(Problems problems, Context context) {
        this.problems = problems;
        this.context = context;
        this.nodes = new NodeReader(problems);
        this.env = new EnvGrammar(nodes, problems, context.variables());
        this.volumes = new VolumeGrammar(nodes, problems, context.folderOf(), context.variables().get("HOME"),
                context.declared()::volume);
    }

    /** One container per service, in order. */
    List<Container> services(Map<String, ProjectLoader.Service> services) {
        Map<String, String> named = new HashMap<>(); // id -> the service it names
        services.forEach((name, s) -> {
            String id = id(name, s.body(), "$.services" + Rules.pathStep(name));
            ids.put(name, id);
            String other = named.put(id, name);
            if (other != null) {
                problems.error(s.key(), "$.services" + Rules.pathStep(name), Compose.NAME, "services " + Rules.quote(other) + " and "
                        + Rules.quote(name) + " would both be the container " + Rules.quote(id));
            }
        });
        List<Container> out = new ArrayList<>();
        services.forEach((name, s) -> {
            Container c = service(name, s, "$.services" + Rules.pathStep(name));
            if (c != null) {
                out.add(c);
            }
        });
        return out;
    }

    /** The container's id: the service's {@code container_name} when it is a cccf id, else its name. */
    private String id(String name, MappingNode body, String path) {
        for (NodeTuple t : body.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("container_name") && t.getValueNode() instanceof ScalarNode v
                    && !NodeReader.isNull(v)) {
                if (Rules.checkId(v.getValue()) == null) {
                    return v.getValue();
                }
                problems.warn(v, path + ".container_name", Compose.NAME, "container_name " + Rules.quote(v.getValue())
                        + " is not a cccf id (letters, digits, '_' and '-'): the container is named " + Rules.quote(name));
            }
        }
        return name;
    }

    /** The container a service reference names ({@code db} may be {@code container_name: shop-db}). */
    private String ref(String service) {
        return ids.getOrDefault(service, service);
    }

    private Container service(String name, ProjectLoader.Service entry, String path) {
        Node keyNode = entry.key();
        Map<String, NodeTuple> s = nodes.mapping(entry.body(), path, "a service must be a mapping");
        if (s == null) {
            return null;
        }
        String id = ids.getOrDefault(name, name);
        String idProblem = Rules.checkId(id);
        if (idProblem != null) {
            problems.error(keyNode, path, Rules.ID_PATTERN, "service name: " + idProblem);
        }
        String imageText = image(name, s, keyNode, path);
        if (imageText == null) {
            return null;
        }
        Container.Builder b = Container.builder(id, imageText);
        PortGrammar ports = new PortGrammar(nodes, problems);
        for (Map.Entry<String, NodeTuple> e : s.entrySet()) {
            String key = e.getKey();
            Node v = e.getValue().getValueNode();
            Node k = e.getValue().getKeyNode();
            String p = path + Rules.pathStep(key);
            switch (key) {
                case "image", "build", "profiles", "container_name" -> {
                }
                case "command" -> b.cmd(command(v, p));
                case "entrypoint" -> ext(b, DockerFields.ENTRYPOINT, commandNode(v, p), v, p);
                case "ports" -> ports.ports(v, p);
                case "expose" -> ports.expose(v, p);
                case "environment" -> b.env(env.environment(v, p));
                case "volumes" -> b.volumes(volumes.volumes(v, p));
                case "links" -> b.links(links(v, p));
                case "depends_on" -> ext(b, DockerFields.DEPENDS_ON, dependsOn(v, p), v, p);
                case "labels" -> ext(b, DockerFields.LABELS, labels(v, p), v, p);
                case "restart" -> ext(b, DockerFields.RESTART, nodes.text(v, p), v, p);
                case "scale" -> scale(b, v, p);
                case "deploy" -> deploy(b, v, p);
                case "hostname" -> ext(b, DockerFields.HOSTNAME, nodes.text(v, p), v, p);
                case "user" -> ext(b, DockerFields.USER, nodes.text(v, p), v, p);
                case "working_dir" -> ext(b, DockerFields.WORKDIR, nodes.text(v, p), v, p);
                case "network_mode" -> ext(b, DockerFields.NETWORK, networkMode(v, p), v, p);
                case "dns" -> ext(b, DockerFields.DNS, nodes.stringList(v, p, true), v, p);
                case "cap_add" -> ext(b, DockerFields.CAP_ADD, nodes.stringList(v, p, false), v, p);
                case "volumes_from" -> ext(b, DockerFields.VOLUMES_FROM, volumesFrom(v, p), v, p);
                case "privileged" -> ext(b, DockerFields.PRIVILEGED, NodeReader.value(v), v, p);
                case "read_only" -> ext(b, DockerFields.READ_ONLY, NodeReader.value(v), v, p);
                case "mem_limit" -> ext(b, DockerFields.MEMORY, NodeReader.value(v), v, p);
                case "cpus" -> ext(b, DockerFields.CPUS, nodes.number(v, p), v, p);
                case "healthcheck" -> ext(b, DockerFields.HEALTHCHECK, healthcheck(v, p), v, p);
                case "networks" -> {
                    if (s.containsKey("network_mode")) { // docker refuses a container with both, compose a file
                        problems.error(k, p, Compose.NETWORK, "a service with a network_mode joins no networks: compose"
                                + " refuses network_mode and networks together");
                    } else {
                        ext(b, "networks", networks(name, id, k, v, p), v, p);
                    }
                }
                case "pull_policy" -> ext(b, DockerFields.PULL_POLICY, pullPolicy(nodes.text(v, p)), v, p);
                default -> {
                    DockerField field = FieldTable.composeField(key);
                    if (field != null) { // any other field of the table, under its compose key
                        ext(b, field.name(), composeForm(key, v, p), v, p);
                    } else if (!key.startsWith("x-")) {
                        problems.warn(k, p, Compose.UNSUPPORTED, Rules.quote(key) + " is not carried into cccf");
                    }
                }
            }
        }
        b.ports(ports.ports());
        b.expose(ports.expose());
        if (!s.containsKey("networks") && !s.containsKey("network_mode")) { // compose's default network
            ext(b, "networks", networks(name, id, keyNode, null, path + ".networks"), keyNode, path);
        }
        Container c = b.build();
        replicas(c, keyNode, path);
        return c;
    }

    /**
     * The service's image; a service that is only built runs {@code PROJECT-SERVICE}, the image
     * compose would build, and one that is built and named runs its image: either way a
     * {@code compose-build} warning says to build it first, as cccf builds nothing.
     */
    private String image(String name, Map<String, NodeTuple> s, Node keyNode, String path) {
        NodeTuple image = s.get("image");
        NodeTuple build = s.get("build");
        String imageText;
        if (image == null && build == null) {
            problems.error(keyNode, path, Compose.IMAGE, "service " + Rules.quote(name) + " has no image (and no build)");
            return null;
        }
        if (image != null) {
            imageText = nodes.scalarText(image.getValueNode(), path + ".image");
            if (imageText == null || imageText.isBlank()) {
                if (imageText != null) {
                    problems.error(image.getValueNode(), path + ".image", Rules.IMAGE_EMPTY, "the image is empty");
                }
                return null;
            }
        } else {
            imageText = context.project() + "-" + name;
        }
        if (build != null) {
            String context = buildContext(build.getValueNode(), path + ".build");
            problems.warn(build.getKeyNode(), path + ".build", Compose.BUILD, "cccf builds no image: build " + Rules.quote(imageText)
                    + " first (docker build -t " + imageText + " " + context + ", or docker compose build " + name + ")");
        }
        return imageText;
    }

    /** The build's context folder, resolved as a bind source is; "." when the build does not say. */
    private String buildContext(Node build, String path) {
        Node context = build;
        if (build instanceof MappingNode m) {
            context = null;
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("context")) {
                    context = t.getValueNode();
                }
            }
        }
        if (!(context instanceof ScalarNode c) || NodeReader.isNull(c)) {
            return volumes.hostPath(".", build);
        }
        String text = c.getValue();
        boolean url = text.contains("://") || text.startsWith("git@");
        return url ? text : volumes.hostPath(text.startsWith("/") || text.startsWith(".") || text.startsWith("~") ? text : "./" + text, c);
    }

    /** {@code service:NAME} is the container of that service; other modes as they are. */
    private JsonNode networkMode(Node v, String path) {
        String mode = nodes.scalarText(v, path);
        if (mode == null) {
            return null;
        }
        return TextNode.valueOf(mode.startsWith("service:") ? "container:" + ref(mode.substring(8)) : mode);
    }

    /** {@code SERVICE[:MODE]} is that service's container; {@code container:NAME[:MODE]} the container NAME. */
    private JsonNode volumesFrom(Node v, String path) {
        JsonNode list = nodes.stringList(v, path, false);
        if (!(list instanceof ArrayNode a)) {
            return list;
        }
        ArrayNode out = NodeReader.F.arrayNode();
        for (JsonNode n : a) {
            String text = n.asText();
            if (text.startsWith("container:")) {
                out.add(text.substring(10));
            } else {
                int colon = text.indexOf(':');
                out.add(colon < 0 ? ref(text) : ref(text.substring(0, colon)) + text.substring(colon));
            }
        }
        return out;
    }

    private Cmd command(Node v, String path) {
        if (v instanceof ScalarNode s) {
            try {
                ShellWords.split(s.getValue());
            } catch (IllegalArgumentException e) {
                problems.error(v, path, Rules.CMD_SYNTAX, "command " + Rules.quote(s.getValue()) + ": " + e.getMessage());
            }
            return NodeReader.isNull(s) ? null : Cmd.line(s.getValue());
        }
        List<String> words = nodes.stringList(v, path, false) instanceof ArrayNode a ? NodeReader.texts(a) : null;
        return words == null ? null : Cmd.argv(words);
    }

    private JsonNode commandNode(Node v, String path) {
        if (v instanceof ScalarNode s) {
            return TextNode.valueOf(s.getValue());
        }
        return nodes.stringList(v, path, false);
    }

    private List<String> links(Node v, String path) {
        List<String> links = new ArrayList<>();
        for (Item i : nodes.items(v, path)) {
            String x = nodes.scalarText(i.node(), i.path());
            if (x != null) {
                String problem = Rules.checkLink(x);
                if (problem != null) {
                    problems.error(i.node(), i.path(), Rules.LINK_FORMAT, problem);
                }
                int colon = x.indexOf(':');
                String service = colon < 0 ? x : x.substring(0, colon);
                String target = ref(service);
                // the link keeps the service's name as its alias when the container is named otherwise
                links.add(target.equals(service) ? x : target + ":" + (colon < 0 ? service : x.substring(colon + 1)));
            }
        }
        return links;
    }

    /** compose's {@code if_not_present} is {@code missing}; its {@code build} and schedules are the table's error. */
    private static JsonNode pullPolicy(JsonNode value) {
        return value != null && value.asText().equals("if_not_present") ? TextNode.valueOf("missing") : value;
    }

    /** The short form as ids; the long form as ids, or keyed by ids with their conditions when one is not service_started. */
    private JsonNode dependsOn(Node v, String path) {
        ArrayNode out = NodeReader.F.arrayNode();
        if (v instanceof MappingNode) {
            Map<String, NodeTuple> entries = nodes.mapping(v, path, "depends_on");
            ObjectNode conditions = NodeReader.F.objectNode();
            entries.forEach((service, t) -> {
                String id = ref(service);
                out.add(id);
                String entryPath = path + Rules.pathStep(service);
                Map<String, NodeTuple> entry = t.getValueNode() instanceof MappingNode
                        ? nodes.mapping(t.getValueNode(), entryPath, "depends_on entry") : Map.of();
                NodeTuple condition = entry.get("condition");
                String word = condition == null ? null : nodes.scalarText(condition.getValueNode(), entryPath + ".condition");
                ObjectNode o = conditions.putObject(id);
                if (word != null) {
                    o.put("condition", word);
                }
                uncarried(t.getValueNode(), entryPath);
            });
            boolean beyondStarted = false;
            for (JsonNode o : conditions) {
                beyondStarted |= !o.path("condition").asText("service_started").equals("service_started");
            }
            return beyondStarted ? conditions : out;
        }
        JsonNode list = nodes.stringList(v, path, false);
        if (list instanceof ArrayNode a) {
            a.forEach(n -> out.add(ref(n.asText())));
            return out;
        }
        return list;
    }

    /** What a depends_on entry asks beyond the order ({@code service_healthy}, {@code restart}, ...): a warning each. */
    /** A warning for each key of a depends_on entry cccf does not carry (its condition is carried). */
    private void uncarried(Node v, String path) {
        if (!(v instanceof MappingNode)) {
            return;
        }
        nodes.mapping(v, path, "a depends_on entry").forEach((key, t) -> {
            String value = String.valueOf(NodeReader.value(t.getValueNode()).asText());
            boolean carried = key.equals("condition") || key.equals("required") && value.equals("true")
                    || key.equals("restart") && value.equals("false");
            if (!carried) {
                problems.warn(t.getKeyNode(), path + Rules.pathStep(key), Compose.PARTIAL, "depends_on " + Rules.quote(key + ": " + value)
                        + " is not carried: cccf starts dependencies first (and waits on their condition), nothing more");
            }
        });
    }

    private JsonNode labels(Node v, String path) {
        ObjectNode out = NodeReader.F.objectNode();
        nodes.keyValues(v, path).forEach(out::put);
        return out;
    }

    /**
     * A value of the field table's compose key in cccf's form: compose also writes
     * {@code extra_hosts} as a mapping HOST: IP and {@code sysctls} as a list of KEY=VALUE.
     */
    private JsonNode composeForm(String key, Node v, String path) {
        if (key.equals("extra_hosts") && v instanceof MappingNode) {
            ArrayNode out = NodeReader.F.arrayNode();
            nodes.mapping(v, path, "extra_hosts").forEach((host, t) -> {
                String ip = nodes.scalarText(t.getValueNode(), path + Rules.pathStep(host));
                if (ip != null) {
                    out.add(host + ":" + ip);
                }
            });
            return out;
        }
        if (key.equals("sysctls") && !(v instanceof MappingNode)) {
            ObjectNode out = NodeReader.F.objectNode();
            nodes.keyValues(v, path).forEach(out::put);
            return out;
        }
        return nodes.tree(v, path);
    }

    private void scale(Container.Builder b, Node v, String path) {
        JsonNode n = NodeReader.value(v);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0 || n.intValue() > Rules.MAX_SCALE) {
            problems.error(v, path, Rules.SCALE_RANGE, "scale must be an integer from 0 to " + Rules.MAX_SCALE);
            return;
        }
        b.scale(n.intValue());
    }

    private void deploy(Container.Builder b, Node v, String path) {
        eachKey(v, path, "deploy", (key, value, p) -> {
            switch (key) {
                case "replicas" -> scale(b, value, p);
                case "resources" -> resources(b, value, p);
                case "update_config" -> rollout(b, "update_config", value, p);
                case "rollback_config" -> rollout(b, "rollback_config", value, p);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * {@code deploy.update_config} or {@code deploy.rollback_config} as the field of that name, each
     * key checked where it stands; an update's {@code order} is the field {@code update_order} (how
     * apply replaces a container on engines too).
     */
    private void rollout(Container.Builder b, String field, Node v, String path) {
        ObjectNode out = NodeReader.F.objectNode();
        eachKey(v, path, field, (k, value, q) -> {
            if (field.equals("update_config") && k.equals("order")) {
                ext(b, "update_order", nodes.text(value, q), value, q);
                return true;
            }
            ObjectNode one = NodeReader.F.objectNode().set(k, NodeReader.value(value));
            List<Problem> bad = FieldTable.check(field, one);
            bad.forEach(x -> problems.error(value, q, x.code(), x.message()));
            if (bad.isEmpty()) {
                out.set(k, one.get(k));
            }
            return true;
        });
        if (!out.isEmpty()) {
            b.extension(field, out);
        }
    }

    /** What reads one key of a mapping; false when it does not carry that key. */
    private interface KeyReader {
        boolean read(String key, Node value, String path);
    }

    /** Each key of the mapping {@code v} called {@code what}, read by {@code reader}; a key it does not carry is warned about. */
    private void eachKey(Node v, String path, String what, KeyReader reader) {
        Map<String, NodeTuple> m = nodes.mapping(v, path, what + " must be a mapping");
        if (m == null) {
            return;
        }
        m.forEach((key, t) -> {
            String p = path + Rules.pathStep(key);
            if (!reader.read(key, t.getValueNode(), p)) {
                problems.warn(t.getKeyNode(), p, Compose.UNSUPPORTED, what + Rules.pathStep(key) + " is not carried into cccf");
            }
        });
    }

    private void resources(Container.Builder b, Node v, String path) {
        Map<String, NodeTuple> m = nodes.mapping(v, path, "resources must be a mapping");
        if (m == null) {
            return;
        }
        m.forEach((key, t) -> {
            String p = path + Rules.pathStep(key);
            Map<String, NodeTuple> limits = key.equals("limits") ? nodes.mapping(t.getValueNode(), p, "limits must be a mapping") : null;
            if (limits == null) {
                if (!key.equals("limits")) {
                    problems.warn(t.getKeyNode(), p, Compose.UNSUPPORTED, "resources" + Rules.pathStep(key) + " is not carried into cccf");
                }
                return;
            }
            limits.forEach((limit, l) -> {
                Node value = l.getValueNode();
                switch (limit) {
                    case "memory" -> ext(b, DockerFields.MEMORY, NodeReader.value(value), value, p + ".memory");
                    case "cpus" -> ext(b, DockerFields.CPUS, nodes.number(value, p + ".cpus"), value, p + ".cpus");
                    default -> problems.warn(l.getKeyNode(), p + Rules.pathStep(limit), Compose.UNSUPPORTED,
                            "limits" + Rules.pathStep(limit) + " is not carried into cccf");
                }
            });
        });
    }

    private JsonNode healthcheck(Node v, String path) {
        Map<String, NodeTuple> m = nodes.mapping(v, path, "healthcheck must be a mapping");
        ObjectNode out = NodeReader.F.objectNode();
        if (m != null) {
            m.forEach((key, t) -> {
                Node value = t.getValueNode();
                out.set(key, key.equals("test") ? commandNode(value, path + ".test") : NodeReader.value(value));
            });
        }
        return out;
    }

    /**
     * A service's networks ({@code v}; null: compose's {@code default}, which it joins when it
     * names no network and no network mode) as the {@code networks} field, all of them in order,
     * each under the name cccf gives it, with its {@code aliases} and {@code ipv4_address}; the
     * service's name is an alias too when its container is named otherwise ({@code container_name}),
     * as compose makes it. A network the file does not declare is a {@code compose-network} error,
     * as compose refuses it, and so are two keys that name the same network.
     */
    private JsonNode networks(String service, String id, Node key, Node v, String path) {
        Map<String, NodeTuple> settings = new LinkedHashMap<>();
        Map<String, Node> at = new LinkedHashMap<>();
        if (v == null) {
            at.put("default", key);
        } else if (v instanceof MappingNode) {
            Map<String, NodeTuple> m = nodes.mapping(v, path, "networks");
            m.forEach((name, t) -> {
                settings.put(name, t);
                at.put(name, t.getKeyNode());
            });
        } else {
            for (Item i : nodes.items(v, path)) {
                String name = nodes.scalarText(i.node(), i.path());
                if (name != null) {
                    at.put(name, i.node());
                }
            }
        }
        List<Networks.Attachment> out = new ArrayList<>();
        Map<String, String> joined = new HashMap<>(); // cccf's name -> the key that named it
        at.forEach((network, node) -> {
            String p = v == null ? path : path + Rules.pathStep(network);
            String name = context.declared().network(network);
            if (name == null) {
                problems.error(node, p, Compose.NETWORK, "the service joins network " + Rules.quote(network)
                        + ", which the file does not declare under the top-level networks (compose refuses it too)");
                return;
            }
            String before = joined.putIfAbsent(name, network);
            if (before != null) {
                problems.error(node, p, Compose.NETWORK, "networks " + Rules.quote(before) + " and " + Rules.quote(network)
                        + " are both the network " + Rules.quote(name));
                return;
            }
            List<String> aliases = new ArrayList<>();
            String ip = null;
            NodeTuple t = settings.get(network);
            if (t != null && !(t.getValueNode() instanceof ScalarNode n && NodeReader.isNull(n))) {
                Map<String, NodeTuple> m = nodes.mapping(t.getValueNode(), p, "a service's network is a mapping (aliases, ipv4_address)");
                for (Map.Entry<String, NodeTuple> e : m == null ? Map.<String, NodeTuple>of().entrySet() : m.entrySet()) {
                    Node value = e.getValue().getValueNode();
                    String q = p + Rules.pathStep(e.getKey());
                    switch (e.getKey()) {
                        case "aliases" -> {
                            if (nodes.stringList(value, q, false) instanceof ArrayNode a) {
                                aliases.addAll(NodeReader.texts(a));
                            }
                        }
                        case "ipv4_address" -> ip = nodes.scalarText(value, q);
                        default -> problems.warn(e.getValue().getKeyNode(), q, Compose.UNSUPPORTED, "network " + Rules.quote(network)
                                + ": " + Rules.quote(e.getKey()) + " is not carried into cccf");
                    }
                }
            }
            if (!id.equals(service) && !aliases.contains(service)) {
                aliases.add(0, service);
            }
            out.add(new Networks.Attachment(name, aliases, ip));
        });
        return out.isEmpty() ? null : networksField(out);
    }

    /** The {@code networks} field of {@code attachments}: a list of names when none has aliases or an address. */
    private static JsonNode networksField(List<Networks.Attachment> attachments) {
        if (attachments.stream().allMatch(a -> a.aliases().isEmpty() && a.ipv4Address() == null)) {
            ArrayNode names = NodeReader.F.arrayNode();
            attachments.forEach(a -> names.add(a.network()));
            return names;
        }
        ObjectNode out = NodeReader.F.objectNode();
        for (Networks.Attachment a : attachments) {
            ObjectNode one = out.putObject(a.network());
            if (!a.aliases().isEmpty()) {
                a.aliases().forEach(one.putArray("aliases")::add);
            }
            if (a.ipv4Address() != null) {
                one.put("ipv4_address", a.ipv4Address());
            }
        }
        return out;
    }

    /**
     * A service of several replicas on a network: compose's service name reaches each of them, where
     * cccf's replicas are containers of their own ({@code ID}, {@code ID-scale-1}, ...) and the id reaches the first.
     */
    private void replicas(Container c, Node key, String path) {
        List<Networks.Attachment> on = Networks.of(c);
        if (c.scale() != null && c.scale() > 1 && !on.isEmpty()) {
            problems.warn(key, path, Compose.PARTIAL, "on network " + Rules.quote(on.get(0).network()) + " compose's name "
                    + Rules.quote(c.id()) + " reaches each of the " + c.scale() + " replicas; in cccf it names the first container,"
                    + " the others are " + Rules.quote(c.id() + "-scale-1") + " ...");
        }
    }

    /** Sets an extension after the docker field's check, whose problems are placed at the value. */
    private void ext(Container.Builder b, String field, JsonNode value, Node at, String path) {
        if (value == null) {
            return;
        }
        for (Problem violation : FieldTable.check(field, value)) {
            problems.error(at, path + violation.path(), violation.code(), violation.message());
        }
        b.extension(field, value);
    }
}
