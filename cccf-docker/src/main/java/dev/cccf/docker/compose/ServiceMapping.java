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
import dev.cccf.docker.DockerFields;
import dev.cccf.docker.compose.NodeReader.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The compose file's structure ({@code services}, or the services at the top level in version 1)
 * and each service's keys mapped to cccf fields and docker fields; a key with no mapping is a
 * {@code compose-unsupported} warning.
 */
final class ServiceMapping {
    private static final Set<String> IGNORED_TOP = Set.of("version", "name");

    private final Problems problems;
    private final NodeReader nodes;
    private final EnvGrammar env;
    private final VolumeGrammar volumes;

    ServiceMapping(Problems problems) {
        this.problems = problems;
        this.nodes = new NodeReader(problems);
        this.env = new EnvGrammar(nodes, problems);
        this.volumes = new VolumeGrammar(nodes, problems);
    }

    /** One container per service of the file whose root is {@code root}, in file order. */
    List<Container> file(Node root) {
        Map<String, NodeTuple> top = nodes.mapping(root, "$", "a compose file must be a mapping with \"services\"");
        if (top == null) {
            return List.of();
        }
        NodeTuple services = top.get("services");
        Map<String, NodeTuple> serviceMap;
        String base;
        if (services != null) {
            top.forEach((key, t) -> {
                if (!key.equals("services") && !IGNORED_TOP.contains(key) && !key.startsWith("x-")) {
                    problems.warn(t.getKeyNode(), "$" + Rules.pathStep(key), Compose.UNSUPPORTED, "top-level " + Rules.quote(key)
                            + " is not carried into cccf (containers only)");
                }
            });
            serviceMap = nodes.mapping(services.getValueNode(), "$.services", "services must be a mapping of NAME: service");
            base = "$.services";
        } else if (top.containsKey("version")) {
            problems.error(root, "$", Compose.SERVICES, "no \"services\" in this compose file");
            return List.of();
        } else { // version 1: services at the top level
            serviceMap = top;
            base = "$";
        }
        if (serviceMap == null) {
            return List.of();
        }
        List<Container> out = new ArrayList<>();
        serviceMap.forEach((name, t) -> {
            if (name.startsWith("x-")) {
                return;
            }
            Container c = service(name, t, base + Rules.pathStep(name));
            if (c != null) {
                out.add(c);
            }
        });
        return out;
    }

    private Container service(String name, NodeTuple entry, String path) {
        Node keyNode = entry.getKeyNode();
        Map<String, NodeTuple> s = nodes.mapping(entry.getValueNode(), path, "a service must be a mapping");
        if (s == null) {
            return null;
        }
        String idProblem = Rules.checkId(name);
        if (idProblem != null) {
            problems.error(keyNode, path, Rules.ID_PATTERN, "service name: " + idProblem);
        }
        NodeTuple image = s.get("image");
        if (image == null) {
            problems.error(keyNode, path, Compose.IMAGE, "service " + Rules.quote(name) + " has no image"
                    + (s.containsKey("build") ? " (cccf runs images; build it, then name the image)" : ""));
            return null;
        }
        String imageText = nodes.scalarText(image.getValueNode(), path + ".image");
        if (imageText == null || imageText.isBlank()) {
            return null;
        }
        Container.Builder b = Container.builder(name, imageText);
        PortGrammar ports = new PortGrammar(nodes, problems);
        for (Map.Entry<String, NodeTuple> e : s.entrySet()) {
            String key = e.getKey();
            Node v = e.getValue().getValueNode();
            Node k = e.getValue().getKeyNode();
            String p = path + Rules.pathStep(key);
            switch (key) {
                case "image" -> {
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
                case "container_name" -> ext(b, DockerFields.CONTAINER_NAME, nodes.text(v, p), v, p);
                case "hostname" -> ext(b, DockerFields.HOSTNAME, nodes.text(v, p), v, p);
                case "user" -> ext(b, DockerFields.USER, nodes.text(v, p), v, p);
                case "working_dir" -> ext(b, DockerFields.WORKDIR, nodes.text(v, p), v, p);
                case "network_mode" -> ext(b, DockerFields.NETWORK, nodes.text(v, p), v, p);
                case "dns" -> ext(b, DockerFields.DNS, nodes.stringList(v, p, true), v, p);
                case "cap_add" -> ext(b, DockerFields.CAP_ADD, nodes.stringList(v, p, false), v, p);
                case "volumes_from" -> ext(b, DockerFields.VOLUMES_FROM, nodes.stringList(v, p, false), v, p);
                case "privileged" -> ext(b, DockerFields.PRIVILEGED, NodeReader.value(v), v, p);
                case "read_only" -> ext(b, DockerFields.READ_ONLY, NodeReader.value(v), v, p);
                case "mem_limit" -> ext(b, DockerFields.MEMORY, NodeReader.value(v), v, p);
                case "cpus" -> ext(b, DockerFields.CPUS, nodes.number(v, p), v, p);
                case "healthcheck" -> ext(b, DockerFields.HEALTHCHECK, healthcheck(v, p), v, p);
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
        return b.build();
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
                links.add(x);
            }
        }
        return links;
    }

    /** compose's {@code if_not_present} is {@code missing}; its {@code build} and schedules are the table's error. */
    private static JsonNode pullPolicy(JsonNode value) {
        return value != null && value.asText().equals("if_not_present") ? TextNode.valueOf("missing") : value;
    }

    private JsonNode dependsOn(Node v, String path) {
        ArrayNode out = NodeReader.F.arrayNode();
        if (v instanceof MappingNode) {
            nodes.mapping(v, path, "depends_on").keySet().forEach(out::add);
            return out;
        }
        return nodes.stringList(v, path, false);
    }

    private JsonNode labels(Node v, String path) {
        ObjectNode out = NodeReader.F.objectNode();
        if (v instanceof MappingNode) {
            nodes.mapping(v, path, "labels").forEach((key, t) -> {
                String text = t.getValueNode() instanceof ScalarNode s && NodeReader.isNull(s)
                        ? "" : nodes.scalarText(t.getValueNode(), path + Rules.pathStep(key));
                if (text != null) {
                    out.put(key, text);
                }
            });
            return out;
        }
        return keyValues(v, path, out);
    }

    /** A list of {@code KEY=VALUE} (a value may be left out) into {@code out}. */
    private ObjectNode keyValues(Node v, String path, ObjectNode out) {
        for (Item i : nodes.items(v, path)) {
            String text = nodes.scalarText(i.node(), i.path());
            if (text != null) {
                int eq = text.indexOf('=');
                out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        }
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
            return keyValues(v, path, NodeReader.F.objectNode());
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
        Map<String, NodeTuple> m = nodes.mapping(v, path, "deploy must be a mapping");
        if (m == null) {
            return;
        }
        m.forEach((key, t) -> {
            String p = path + Rules.pathStep(key);
            if (key.equals("replicas")) {
                scale(b, t.getValueNode(), p);
            } else if (key.equals("resources")) {
                resources(b, t.getValueNode(), p);
            } else {
                problems.warn(t.getKeyNode(), p, Compose.UNSUPPORTED, "deploy" + Rules.pathStep(key) + " is not carried into cccf");
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
