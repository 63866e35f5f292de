package dev.cccf.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.docker.CccfLabels;
import dev.cccf.instructions.InstructionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One cccf container as one swarm service: the spec of the Engine API's {@code POST
 * /services/create} (and {@code /services/ID/update}), with {@code scale} as the replicas and every
 * docker field written as cccf-core's {@link FieldTable} says ({@link DockerField#service}). Pure.
 *
 * <p>The spec carries cccf's labels ({@link CccfLabels}: the container's canonical config, its
 * project) and {@value #SPEC_HASH}, the SHA-256 of the rest of the spec: a later apply compares
 * that hash with the one it would write, not the service's version (which swarm raises on its own,
 * e.g. when a node leaves), so a second apply of the same WANTED changes nothing. Its tasks'
 * containers carry {@value #TASK_HASH}, so that a wait knows an updated service's new tasks.
 *
 * @param name the service's name (the container's id without a leading {@code /})
 * @param spec the service spec, labels and hash included
 * @param hash the value of {@value #SPEC_HASH}
 * @param warnings what the spec leaves out (fields a service cannot carry), located at the container
 */
public record ServiceSpec(String name, ObjectNode spec, String hash, List<Problem> warnings) {
    /** The label holding the hash of the rest of the spec. */
    public static final String SPEC_HASH = "dev.cccf.service-hash";
    /**
     * The container label of a service's tasks holding the hash of their template and the
     * service's ports: a task with another one than the service's spec is one a rolling update
     * has yet to replace.
     */
    public static final String TASK_HASH = "dev.cccf.task-hash";
    /** Networks swarm attaches a service to without creating them. */
    public static final Set<String> BUILT_IN_NETWORKS = Set.of("host", "none", "ingress");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public ServiceSpec {
        spec = spec.deepCopy();
        warnings = List.copyOf(warnings);
    }

    @Override
    public ObjectNode spec() {
        return spec.deepCopy();
    }

    /** The spec of the service for {@code c} in {@code project}. */
    public static ServiceSpec of(Container c, String project) {
        List<Problem> warnings = new ArrayList<>();
        ObjectNode spec = F.objectNode();
        spec.put("Name", c.name());
        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode container = task.putObject("ContainerSpec");
        container.put("Image", c.image());
        if (c.cmd() != null && !c.cmd().words().isEmpty()) {
            container.set("Args", array(c.cmd().words()));
        }
        if (!c.env().isEmpty()) {
            container.set("Env", array(c.env()));
        }
        if (!c.volumes().isEmpty()) {
            ArrayNode mounts = container.putArray("Mounts");
            for (int i = 0; i < c.volumes().size(); i++) {
                mounts.add(mount(c, i, warnings));
            }
        }
        spec.putObject("Mode").putObject("Replicated").put("Replicas", c.scale() == null ? 1 : c.scale());
        // one task at a time, the old one stopped first (update_order may say otherwise), rolled back when it fails
        spec.putObject("UpdateConfig").put("Parallelism", 1).put("FailureAction", "rollback").put("Order", "stop-first");
        if (!c.ports().isEmpty()) {
            ArrayNode ports = spec.putObject("EndpointSpec").putArray("Ports");
            c.ports().forEach(p -> ports.add(port(p)));
        }
        if (!c.expose().isEmpty()) {
            warnings.add(notCarried(c, "expose", "a service's ports reach every service of its networks"));
        }
        if (!c.links().isEmpty()) {
            warnings.add(notCarried(c, "links", "services find each other by name on a shared network"));
        }
        for (String field : FieldTable.names()) {
            JsonNode value = c.extensions().get(field);
            DockerField f = value == null ? null : FieldTable.get(field);
            if (f == null) {
                continue;
            }
            if (f.service() != null) {
                f.service().write(value, spec);
            }
            String why = f.whyNotCarried(DockerField.Target.SWARM);
            if (why != null && !carriedWhole(field, value, c)) {
                warnings.add(notCarried(c, field, why));
            }
        }
        // the tasks carry the hash of what makes them (their template, the ports), so a wait can tell new tasks from old
        ObjectNode made = F.objectNode();
        made.set("TaskTemplate", task.deepCopy());
        made.set("EndpointSpec", spec.path("EndpointSpec").deepCopy());
        ((ObjectNode) task.path("ContainerSpec")).withObjectProperty("Labels").put(TASK_HASH, CccfLabels.sha256(CccfWriter.canonical(made)));
        String hash = CccfLabels.sha256(CccfWriter.canonical(withLabels(spec, c, project, null)));
        return new ServiceSpec(c.name(), withLabels(spec, c, project, hash), hash, warnings);
    }

    /** The overlay networks the service joins that swarm does not have built in (apply creates them). */
    public List<String> networks() {
        List<String> out = new ArrayList<>();
        spec.path("TaskTemplate").path("Networks").forEach(n -> {
            String target = n.path("Target").asText();
            if (!BUILT_IN_NETWORKS.contains(target) && !out.contains(target)) {
                out.add(target);
            }
        });
        return out;
    }

    /** The replicas the spec asks for; {@code -1} for a global service (one task per eligible node). */
    public static long replicas(JsonNode spec) {
        JsonNode mode = spec.path("Mode");
        return mode.has("Global") ? -1 : mode.path("Replicated").path("Replicas").asLong(1);
    }

    /** {@code conflicts} whose every glob matches the service itself is carried whole (at most one task per node). */
    private static boolean carriedWhole(String field, JsonNode value, Container c) {
        if (!field.equals("conflicts")) {
            return false;
        }
        for (JsonNode g : value) {
            if (!FieldTable.globPattern(g.asText()).matcher(c.name()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode withLabels(ObjectNode spec, Container c, String project, String hash) {
        ObjectNode out = spec.deepCopy();
        ObjectNode labels = F.objectNode();
        // a service is all of a container's replicas: no replica label (its scale is the replica count)
        Map<String, String> all = new TreeMap<>(CccfLabels.labelsFor(c.toBuilder().scale(null).build(), project));
        if (hash != null) {
            all.put(SPEC_HASH, hash);
        }
        all.forEach(labels::put);
        out.set("Labels", labels);
        return out;
    }

    private static Problem notCarried(Container c, String field, String why) {
        return Problem.warning(c.id() + Rules.pathStep(field), InstructionRules.UNSUPPORTED_FIELD,
                "a swarm service does not carry " + field + " (" + why + "); left out");
    }

    /** {@code "8080:80/udp"} as a published port: ingress mode, the routing mesh of every node. */
    private static ObjectNode port(String port) {
        String[] protoSplit = port.split("/", 2);
        String[] hc = protoSplit[0].split(":");
        return F.objectNode().put("Protocol", protoSplit.length > 1 ? protoSplit[1] : "tcp")
                .put("TargetPort", Integer.parseInt(hc[hc.length - 1]))
                .put("PublishedPort", Integer.parseInt(hc[hc.length - 2]))
                .put("PublishMode", "ingress");
    }

    /** A volume as a mount: a path is a bind, a name a volume, a lone path an anonymous volume; {@code ro} read-only. */
    private static ObjectNode mount(Container c, int i, List<Problem> warnings) {
        String volume = c.volumes().get(i);
        String[] parts = volume.split(":", -1);
        if (parts.length == 1) {
            return F.objectNode().put("Type", "volume").put("Target", volume);
        }
        String source = parts[0];
        boolean named = !(source.startsWith("/") || source.startsWith(".") || source.startsWith("~"));
        ObjectNode m = F.objectNode().put("Type", named ? "volume" : "bind").put("Source", source).put("Target", parts[1]);
        if (parts.length > 2) {
            for (String o : parts[2].split(",")) {
                if (o.equals("ro")) {
                    m.put("ReadOnly", true);
                } else if (!o.equals("rw")) {
                    warnings.add(Problem.warning(c.id() + ".volumes[" + i + "]", InstructionRules.UNSUPPORTED_FIELD,
                            "volume option " + o + " has no swarm mount equivalent; left out"));
                }
            }
        }
        return m;
    }

    private static ArrayNode array(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
