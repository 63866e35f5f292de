package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What runs on Docker engines, as cccf. {@link #toCccf} is the pure conversion of one container's
 * Engine API description (and its image's); {@link #inspect} reads a whole engine through an
 * {@link Engine}.
 *
 * <p>A container that cccf created gives back exactly its {@link CccfLabels recorded} config.
 * Any other container is rebuilt from the engine's data, less what its image brings by default
 * (env, cmd, entrypoint, workdir, user, exposed ports, labels, healthcheck), so that it does not
 * show as changed against a document that never asked for those.
 */
public final class DockerState {
    private DockerState() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern SIMPLE_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");
    private static final Pattern INVALID_ID_CHARS = Pattern.compile("[^A-Za-z0-9_-]");

    /** Every container of one engine, sorted by id; {@code host} is set to {@code host} on each. */
    public static List<Container> inspect(Engine engine, String host, boolean all) {
        return observe(engine, host, all).stream().map(Converge.Observed::container).toList();
    }

    /**
     * As {@link #inspect}, each container with whether cccf created it (it carries valid
     * {@link CccfLabels}): only those are ever removed by {@code cccf apply}.
     */
    public static List<Converge.Observed> observe(Engine engine, String host, boolean all) {
        List<Converge.Observed> out = new ArrayList<>();
        Map<String, Optional<JsonNode>> images = new LinkedHashMap<>();
        for (JsonNode summary : engine.list(all)) {
            // a container cccf created is read from the labels of the list: no inspect needed
            Map<String, String> listed = strings(summary.path("Labels"));
            Optional<Container> recorded = CccfLabels.containerFrom(listed);
            if (recorded.isPresent()) {
                out.add(new Converge.Observed(placed(recorded.get(), host, summary.path("State").asText("running")), true,
                        CccfLabels.projectOf(listed)));
                continue;
            }
            Optional<JsonNode> details = engine.inspect(summary.path("Id").asText());
            if (details.isEmpty()) {
                continue; // removed between the list and the inspect
            }
            Map<String, String> labels = strings(details.get().path("Config").path("Labels"));
            boolean managed = CccfLabels.containerFrom(labels).isPresent();
            String imageId = details.get().path("Image").asText();
            // a container cccf created is read from its labels: its image's defaults do not matter
            Optional<JsonNode> image = managed ? Optional.empty() : images.computeIfAbsent(imageId, engine::inspectImage);
            out.add(new Converge.Observed(toCccf(details.get(), image.orElse(null), host), managed,
                    managed ? CccfLabels.projectOf(labels) : null));
        }
        out.sort(Comparator.comparing(o -> o.container().id()));
        return List.copyOf(out);
    }

    /**
     * One container as cccf.
     *
     * @param container the body of {@code GET /containers/ID/json}
     * @param image the body of {@code GET /images/ID/json} of its image, or {@code null} when the
     *     engine no longer has it (then nothing is taken out as an image default)
     * @param host the value of {@code host}: a host id or the engine's URL
     */
    public static Container toCccf(JsonNode container, JsonNode image, String host) {
        JsonNode config = container.path("Config");
        Map<String, String> labels = strings(config.path("Labels"));
        String state = container.path("State").path("Status").asText("running");
        Optional<Container> recorded = CccfLabels.containerFrom(labels);
        return placed(recorded.orElseGet(() -> rebuild(container, image)), host, state);
    }

    /** {@code c} with its host, and its {@code state} unless it runs. */
    private static Container placed(Container c, String host, String state) {
        Container.Builder b = c.toBuilder().host(host).removeExtension(DockerFields.STATE);
        if (!state.equals("running") && !state.isEmpty()) {
            b.extension(DockerFields.STATE, TextNode.valueOf(state));
        }
        return b.build();
    }

    private static Container rebuild(JsonNode container, JsonNode image) {
        JsonNode config = container.path("Config");
        JsonNode hostConfig = container.path("HostConfig");
        JsonNode imageConfig = image == null ? F.objectNode() : image.path("Config");
        boolean knowImage = image != null;

        String name = container.path("Name").asText().replaceFirst("^/", "");
        String id = INVALID_ID_CHARS.matcher(name).replaceAll("_");
        if (id.isEmpty()) {
            id = container.path("Id").asText("unnamed");
            id = id.substring(0, Math.min(12, id.length()));
        }
        Container.Builder b = Container.builder(id, config.path("Image").asText(container.path("Image").asText()));

        // entrypoint and cmd: docker resets the image's cmd when the entrypoint is set
        List<String> entrypoint = strings(config.path("Entrypoint"), List.of());
        List<String> cmd = strings(config.path("Cmd"), List.of());
        boolean defaultEntrypoint = knowImage && entrypoint.equals(strings(imageConfig.path("Entrypoint"), List.of()));
        boolean defaultCmd = defaultEntrypoint && cmd.equals(strings(imageConfig.path("Cmd"), List.of()));
        if (!defaultCmd && !cmd.isEmpty()) {
            b.cmd(commandOf(cmd));
        }

        b.ports(ports(hostConfig.path("PortBindings")));
        Set<String> imageEnv = new HashSet<>(strings(imageConfig.path("Env"), List.of()));
        b.env(strings(config.path("Env"), List.of()).stream().filter(e -> !imageEnv.contains(e)).toList());
        b.volumes(volumes(hostConfig));
        b.expose(expose(config.path("ExposedPorts"), imageConfig.path("ExposedPorts"), hostConfig.path("PortBindings")));
        b.links(links(hostConfig.path("Links")));

        // docker fields, in the order the README lists them
        String restart = hostConfig.path("RestartPolicy").path("Name").asText("");
        if (!restart.isEmpty() && !restart.equals("no")) {
            int retries = hostConfig.path("RestartPolicy").path("MaximumRetryCount").asInt(0);
            b.extension(DockerFields.RESTART,
                    TextNode.valueOf(restart.equals("on-failure") && retries > 0 ? restart + ":" + retries : restart));
        }
        Map<String, String> imageLabels = strings(imageConfig.path("Labels"));
        ObjectNode labels = F.objectNode();
        new TreeMap<>(strings(config.path("Labels"))).forEach((k, v) -> {
            if (!CccfLabels.isCccfLabel(k) && !v.equals(imageLabels.get(k))) {
                labels.put(k, v);
            }
        });
        if (!labels.isEmpty()) {
            b.extension(DockerFields.LABELS, labels);
        }
        String network = hostConfig.path("NetworkMode").asText("");
        if (!network.isEmpty() && !network.equals("default") && !network.equals("bridge")) {
            b.extension(DockerFields.NETWORK, TextNode.valueOf(network));
        }
        String hostname = config.path("Hostname").asText("");
        if (!hostname.isEmpty() && !container.path("Id").asText().startsWith(hostname)) {
            b.extension(DockerFields.HOSTNAME, TextNode.valueOf(hostname));
        }
        text(b, DockerFields.USER, config.path("User"), imageConfig.path("User"), knowImage);
        text(b, DockerFields.WORKDIR, config.path("WorkingDir"), imageConfig.path("WorkingDir"), knowImage);
        if (!defaultEntrypoint && !entrypoint.isEmpty()) {
            b.extension(DockerFields.ENTRYPOINT, array(entrypoint));
        }
        long memory = hostConfig.path("Memory").asLong(0);
        if (memory > 0) {
            b.extension(DockerFields.MEMORY, TextNode.valueOf(DockerFields.formatMemory(memory)));
        }
        long nanoCpus = hostConfig.path("NanoCpus").asLong(0);
        if (nanoCpus > 0) {
            BigDecimal cpus = BigDecimal.valueOf(nanoCpus).movePointLeft(9).stripTrailingZeros();
            b.extension(DockerFields.CPUS, cpus.scale() <= 0
                    ? F.numberNode(cpus.longValueExact()) : DecimalNode.valueOf(cpus));
        }
        list(b, DockerFields.DNS, hostConfig.path("Dns"));
        List<String> caps = strings(hostConfig.path("CapAdd"), List.of()); // docker writes NET_ADMIN as CAP_NET_ADMIN
        if (!caps.isEmpty()) {
            b.extension(DockerFields.CAP_ADD, array(caps.stream().map(c -> c.replaceFirst("^CAP_", "")).toList()));
        }
        if (hostConfig.path("Privileged").asBoolean(false)) {
            b.extension(DockerFields.PRIVILEGED, BooleanNode.TRUE);
        }
        if (hostConfig.path("ReadonlyRootfs").asBoolean(false)) {
            b.extension(DockerFields.READ_ONLY, BooleanNode.TRUE);
        }
        list(b, DockerFields.VOLUMES_FROM, hostConfig.path("VolumesFrom"));
        JsonNode health = config.path("Healthcheck");
        if (health.isObject() && !health.isEmpty() && !health.equals(imageConfig.path("Healthcheck"))) {
            b.extension(DockerFields.HEALTHCHECK, healthcheck(health));
        }
        if (!id.equals(name)) {
            b.extension(DockerFields.CONTAINER_NAME, TextNode.valueOf(name));
        }
        return b.build();
    }

    /** A command as one line when every word is plain (no quoting needed), else as argv. */
    static Cmd commandOf(List<String> words) {
        boolean plain = words.stream().allMatch(w -> SIMPLE_WORD.matcher(w).matches());
        return plain ? Cmd.line(String.join(" ", words)) : Cmd.argv(words);
    }

    /** {@code {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}} -> {@code "8080:80"}. */
    static List<String> ports(JsonNode bindings) {
        List<String[]> out = new ArrayList<>();
        bindings.properties().forEach(e -> {
            String[] spec = e.getKey().split("/", 2);
            String proto = spec.length > 1 ? spec[1] : "tcp";
            for (JsonNode binding : e.getValue()) {
                String hostPort = binding.path("HostPort").asText("");
                if (!hostPort.isEmpty()) {
                    out.add(new String[] {spec[0], hostPort, proto});
                }
            }
        });
        out.sort(Comparator.<String[]>comparingInt(p -> parseInt(p[0]))
                .thenComparing(p -> p[2]).thenComparingInt(p -> parseInt(p[1])));
        List<String> ports = new ArrayList<>();
        for (String[] p : out) {
            String port = p[1] + ":" + p[0] + (p[2].equals("tcp") ? "" : "/" + p[2]);
            if (!ports.contains(port)) { // docker lists 0.0.0.0 and :: bindings apart
                ports.add(port);
            }
        }
        return ports;
    }

    /** Exposed ports that neither the image exposes nor a published port explains. */
    static List<String> expose(JsonNode exposed, JsonNode imageExposed, JsonNode bindings) {
        List<String> out = new ArrayList<>();
        exposed.fieldNames().forEachRemaining(spec -> {
            boolean published = false;
            for (JsonNode b : bindings.path(spec)) {
                published |= !b.path("HostPort").asText("").isEmpty();
            }
            if (!imageExposed.has(spec) && !published) {
                out.add(spec.endsWith("/tcp") ? spec.substring(0, spec.length() - 4) : spec);
            }
        });
        out.sort(Comparator.comparingInt((String s) -> parseInt(s.split("/")[0])).thenComparing(s -> s));
        return out;
    }

    /** Binds as given, then bind and volume mounts made with {@code --mount}. */
    static List<String> volumes(JsonNode hostConfig) {
        List<String> out = new ArrayList<>(strings(hostConfig.path("Binds"), List.of()));
        for (JsonNode m : hostConfig.path("Mounts")) {
            String type = m.path("Type").asText("");
            String source = m.path("Source").asText("");
            String target = m.path("Target").asText("");
            if ((type.equals("bind") || type.equals("volume")) && !source.isEmpty() && !target.isEmpty()) {
                out.add(source + ":" + target + (m.path("ReadOnly").asBoolean(false) ? ":ro" : ""));
            }
        }
        return out;
    }

    /** {@code "/db:/web/db"} -> {@code "db"}; {@code "/db:/web/database"} -> {@code "db:database"}. */
    static List<String> links(JsonNode links) {
        List<String> out = new ArrayList<>();
        for (String link : strings(links, List.of())) {
            String[] parts = link.split(":", 2);
            String target = parts[0].replaceFirst("^/", "");
            String alias = parts.length > 1 ? parts[1].substring(parts[1].lastIndexOf('/') + 1) : target;
            out.add(alias.equals(target) ? target : target + ":" + alias);
        }
        return out;
    }

    /** Docker's healthcheck (nanosecond durations) in the cccf form (duration strings). */
    static ObjectNode healthcheck(JsonNode h) {
        ObjectNode o = F.objectNode();
        List<String> test = strings(h.path("Test"), List.of());
        if (test.equals(List.of("NONE"))) {
            o.put("disable", true);
            return o;
        }
        if (!test.isEmpty()) {
            o.set("test", array(test));
        }
        duration(o, "interval", h.path("Interval"));
        duration(o, "timeout", h.path("Timeout"));
        duration(o, "start_period", h.path("StartPeriod"));
        if (h.path("Retries").asInt(0) > 0) {
            o.put("retries", h.path("Retries").asInt());
        }
        return o;
    }

    /** Nanoseconds as a docker duration: {@code 90000000000} -> {@code "1m30s"}. */
    static String formatDuration(long nanos) {
        if (nanos % 1_000_000_000L != 0) {
            return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
        }
        long s = nanos / 1_000_000_000L;
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }

    private static void duration(ObjectNode o, String key, JsonNode nanos) {
        if (nanos.asLong(0) > 0) {
            o.put(key, formatDuration(nanos.asLong()));
        }
    }

    private static void text(Container.Builder b, String field, JsonNode value, JsonNode imageValue, boolean knowImage) {
        String v = value.asText("");
        if (!v.isEmpty() && !(knowImage && v.equals(imageValue.asText("")))) {
            b.extension(field, TextNode.valueOf(v));
        }
    }

    private static void list(Container.Builder b, String field, JsonNode value) {
        List<String> items = strings(value, List.of());
        if (!items.isEmpty()) {
            b.extension(field, array(items));
        }
    }

    private static ArrayNode array(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonNode array, List<String> ifAbsent) {
        if (!array.isArray()) {
            return ifAbsent;
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object.isObject()) {
            object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

}
