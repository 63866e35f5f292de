package dev.cccf.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.DockerFields;
import dev.cccf.docker.DockerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A swarm's services as cccf, from the Engine API's JSON ({@code GET /services}). Pure.
 *
 * <p>A service cccf created gives back the container it was made from (its {@link CccfLabels}),
 * with the replicas and the image the swarm runs now (so a hand-made {@code docker service scale}
 * or {@code --image} shows); any other is rebuilt from its spec: image, command, env, published
 * ports, replicas or global mode, container labels and node-label constraints.
 */
public final class SwarmState {
    private SwarmState() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * One service.
     *
     * @param id the service's id
     * @param version its spec's version (what an update must name)
     * @param container the service as cccf ({@code scale}: its replicas; {@code global: true} for global mode)
     * @param project the project cccf created it for; {@code null} when cccf did not create it
     * @param hash the spec hash cccf wrote ({@link ServiceSpec#SPEC_HASH}); {@code null} when none
     * @param replicas the replicas the spec asks for, {@code -1} for global mode
     * @param updateState its last rolling update's state ({@code updating}, {@code completed},
     *     {@code paused}, {@code rollback_completed} ...), {@code ""} when none
     * @param networks the networks its tasks join, as its spec names them (a name, or the id swarm put there)
     */
    public record Service(String id, long version, Container container, String project, String hash, long replicas,
            String updateState, List<String> networks) {
        public Service {
            networks = List.copyOf(networks);
        }

        /** The service's name. */
        public String name() {
            return container.name();
        }

        /** True when cccf created the service (for any project). */
        public boolean isCccf() {
            return project != null;
        }
    }

    /** Every service of {@code services}, in their order. */
    public static List<Service> read(List<JsonNode> services) {
        List<Service> out = new ArrayList<>();
        services.forEach(s -> out.add(service(s)));
        return List.copyOf(out);
    }

    /** One service of {@code GET /services}. */
    public static Service service(JsonNode service) {
        JsonNode spec = service.path("Spec");
        Map<String, String> labels = strings(spec.path("Labels"));
        long replicas = ServiceSpec.replicas(spec);
        String image = withoutDigest(spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText());
        Optional<Container> made = CccfLabels.containerFrom(labels);
        Container c = made.map(m -> m.withImage(sameImage(m.image(), image) ? m.image() : image)).orElseGet(() -> fromSpec(spec, image));
        if (replicas >= 0) {
            c = c.toBuilder().scale(replicas == 1 && c.scale() == null ? null : (int) replicas).build();
        }
        return new Service(service.path("ID").asText(), service.path("Version").path("Index").asLong(), c,
                made.isPresent() ? CccfLabels.projectOf(labels) : null, labels.get(ServiceSpec.SPEC_HASH), replicas,
                service.path("UpdateStatus").path("State").asText(""),
                spec.path("TaskTemplate").path("Networks").findValuesAsText("Target"));
    }

    /** {@code busybox:1@sha256:...} as {@code busybox:1}: the digest the docker CLI pins. */
    static String withoutDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    private static boolean sameImage(String wanted, String running) {
        return withoutDigest(wanted).equals(running);
    }

    private static Container fromSpec(JsonNode spec, String image) {
        JsonNode cs = spec.path("TaskTemplate").path("ContainerSpec");
        Container.Builder b = Container.builder(spec.path("Name").asText(), image);
        List<String> args = list(cs.path("Args"));
        if (!args.isEmpty()) {
            b.cmd(DockerState.commandOf(args));
        }
        b.env(list(cs.path("Env")));
        List<String> ports = new ArrayList<>();
        for (JsonNode p : spec.path("EndpointSpec").path("Ports")) {
            if (p.has("PublishedPort")) {
                String proto = p.path("Protocol").asText("tcp");
                ports.add(p.path("PublishedPort").asInt() + ":" + p.path("TargetPort").asInt() + (proto.equals("tcp") ? "" : "/" + proto));
            }
        }
        b.ports(ports);
        List<String> entrypoint = list(cs.path("Command"));
        if (!entrypoint.isEmpty()) {
            b.extension(DockerFields.ENTRYPOINT, array(entrypoint));
        }
        Map<String, String> containerLabels = strings(cs.path("Labels"));
        containerLabels.remove(ServiceSpec.TASK_HASH); // cccf's own, not the container's
        if (!containerLabels.isEmpty()) {
            ObjectNode l = F.objectNode();
            new TreeMap<>(containerLabels).forEach(l::put);
            b.extension(DockerFields.LABELS, l);
        }
        ObjectNode constraints = F.objectNode();
        for (String constraint : list(spec.path("TaskTemplate").path("Placement").path("Constraints"))) {
            String[] kv = constraint.replace(" ", "").split("==", 2);
            if (kv.length == 2 && kv[0].startsWith("node.labels.")) {
                constraints.put(kv[0].substring("node.labels.".length()), kv[1]);
            }
        }
        if (!constraints.isEmpty()) {
            b.extension("constraints", constraints);
        }
        if (spec.path("Mode").has("Global")) {
            b.extension("global", F.booleanNode(true));
        }
        return b.build();
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static ArrayNode array(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
