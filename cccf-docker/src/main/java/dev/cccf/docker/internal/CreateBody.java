package dev.cccf.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.ShellWords;
import dev.cccf.docker.Converge;
import dev.cccf.docker.DockerFields;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * A cccf container as the body of the Engine API's {@code POST /containers/create}: what
 * {@code docker run} would send for the same fields. Pure; the labels are given (cccf's own and the
 * container's {@code labels} field, merged).
 */
public final class CreateBody {
    private CreateBody() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    public static ObjectNode of(Container c, Map<String, String> cccfLabels) {
        ObjectNode body = F.objectNode();
        ObjectNode host = F.objectNode();
        body.put("Image", c.image());
        if (c.cmd() != null) {
            body.set("Cmd", array(c.cmd().words()));
        }
        JsonNode entrypoint = ext(c, DockerFields.ENTRYPOINT);
        if (entrypoint != null) {
            body.set("Entrypoint", array(entrypoint.isTextual() ? ShellWords.split(entrypoint.asText()) : strings(entrypoint)));
        }
        if (!c.env().isEmpty()) {
            body.set("Env", array(c.env()));
        }
        ObjectNode exposed = F.objectNode();
        ObjectNode bindings = F.objectNode();
        for (String port : c.ports()) {
            String[] protoSplit = port.split("/", 2);
            String proto = protoSplit.length > 1 ? protoSplit[1] : "tcp";
            String[] hc = protoSplit[0].split(":", 2);
            String spec = hc[1] + "/" + proto;
            exposed.set(spec, F.objectNode());
            ArrayNode list = bindings.has(spec) ? (ArrayNode) bindings.get(spec) : bindings.putArray(spec);
            list.addObject().put("HostPort", hc[0]);
        }
        for (String e : c.expose()) {
            exposed.set(e.contains("/") ? e : e + "/tcp", F.objectNode());
        }
        if (!exposed.isEmpty()) {
            body.set("ExposedPorts", exposed);
        }
        Map<String, String> labels = new TreeMap<>(cccfLabels);
        JsonNode own = ext(c, DockerFields.LABELS);
        if (own != null) {
            own.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        ObjectNode labelNode = body.putObject("Labels");
        labels.forEach(labelNode::put);
        text(body, "Hostname", ext(c, DockerFields.HOSTNAME));
        text(body, "User", ext(c, DockerFields.USER));
        text(body, "WorkingDir", ext(c, DockerFields.WORKDIR));
        JsonNode health = ext(c, DockerFields.HEALTHCHECK);
        if (health != null) {
            body.set("Healthcheck", healthcheck(health));
        }

        if (!bindings.isEmpty()) {
            host.set("PortBindings", bindings);
        }
        if (!c.volumes().isEmpty()) {
            host.set("Binds", array(c.volumes().stream().map(v -> v.contains(":") ? v : v + ":" + v).toList()));
        }
        if (!c.links().isEmpty()) {
            host.set("Links", array(c.links().stream().map(CreateBody::link).toList()));
        }
        JsonNode restart = ext(c, DockerFields.RESTART);
        if (restart != null) {
            String[] r = restart.asText().split(":", 2);
            ObjectNode policy = host.putObject("RestartPolicy").put("Name", r[0]);
            if (r.length > 1) {
                policy.put("MaximumRetryCount", Integer.parseInt(r[1]));
            }
        }
        JsonNode memory = ext(c, DockerFields.MEMORY);
        if (memory != null) {
            host.put("Memory", DockerFields.memoryBytes(memory));
        }
        JsonNode cpus = ext(c, DockerFields.CPUS);
        if (cpus != null) {
            host.put("NanoCpus", new BigDecimal(cpus.asText()).movePointRight(9).longValue());
        }
        JsonNode network = ext(c, DockerFields.NETWORK);
        if (network != null) {
            host.put("NetworkMode", network.asText());
        }
        list(host, "Dns", ext(c, DockerFields.DNS));
        list(host, "CapAdd", ext(c, DockerFields.CAP_ADD));
        list(host, "VolumesFrom", ext(c, DockerFields.VOLUMES_FROM));
        if (ext(c, DockerFields.PRIVILEGED) != null && ext(c, DockerFields.PRIVILEGED).asBoolean()) {
            host.put("Privileged", true);
        }
        if (ext(c, DockerFields.READ_ONLY) != null && ext(c, DockerFields.READ_ONLY).asBoolean()) {
            host.put("ReadonlyRootfs", true);
        }
        body.set("HostConfig", host);
        return body;
    }

    /** {@code "db"} -> {@code "db:db"}; {@code "$db:database"} -> {@code "db:database"}. */
    static String link(String link) {
        String target = Converge.linkTarget(link);
        String[] parts = link.split(":", 2);
        return target + ":" + (parts.length > 1 ? parts[1] : target);
    }

    /** Docker's duration syntax in nanoseconds: {@code "1m30s"} -> 90000000000. */
    static long nanos(String duration) {
        Matcher m = DURATION_PART.matcher(duration);
        BigDecimal total = BigDecimal.ZERO;
        while (m.find()) {
            BigDecimal v = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(v.multiply(BigDecimal.valueOf(unit)));
        }
        return total.longValue();
    }

    private static ObjectNode healthcheck(JsonNode h) {
        ObjectNode o = F.objectNode();
        if (h.path("disable").asBoolean(false)) {
            o.set("Test", array(List.of("NONE")));
            return o;
        }
        JsonNode test = h.get("test");
        if (test != null) {
            o.set("Test", test.isTextual() ? array(List.of("CMD-SHELL", test.asText())) : array(strings(test)));
        }
        for (String[] k : new String[][] {{"interval", "Interval"}, {"timeout", "Timeout"},
                {"start_period", "StartPeriod"}, {"start_interval", "StartInterval"}}) {
            if (h.has(k[0])) {
                o.put(k[1], nanos(h.get(k[0]).asText()));
            }
        }
        if (h.has("retries")) {
            o.put("Retries", h.get("retries").asInt());
        }
        return o;
    }

    private static JsonNode ext(Container c, String field) {
        return c.extension(field).orElse(null);
    }

    private static void text(ObjectNode o, String key, JsonNode v) {
        if (v != null && !v.isNull()) {
            o.put(key, v.asText());
        }
    }

    private static void list(ObjectNode o, String key, JsonNode v) {
        if (v != null && v.isArray() && !v.isEmpty()) {
            o.set(key, array(strings(v)));
        }
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static ArrayNode array(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
