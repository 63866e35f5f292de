package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
     * {@link CccfLabels}): only those are ever removed by {@code cccf apply}. The two halves of a
     * start-first replacement under their temporary names ({@link StartFirst}) are left out.
     */
    public static List<Converge.Observed> observe(Engine engine, String host, boolean all) {
        return observed(engine, host, engine.list(all));
    }

    /**
     * What {@code cccf apply} of {@code project} needs to know of one engine, asked with the
     * engine's filters so that other containers cost nothing: the containers of {@code project}
     * (stopped ones too), and those of another project or not made by cccf that are called one of
     * {@code names} (they stand in the way of a wanted container); every other container is left
     * unread. {@code names} is asked for once the project's containers are listed (the caller may
     * still be reading the document that gives them).
     */
    public static List<Converge.Observed> observeProject(Engine engine, String host, String project,
            Supplier<? extends Collection<String>> names) {
        return observeProject(engine, host, project, engine.listLabelled(CccfLabels.PROJECT, project), names);
    }

    /**
     * {@link #observeProject(Engine, String, String, Supplier)}, given what the engine listed of
     * {@code project} just before. The project's containers are read before {@code names} is
     * asked for, while the caller may still be reading its document.
     */
    public static List<Converge.Observed> observeProject(Engine engine, String host, String project, List<JsonNode> ours,
            Supplier<? extends Collection<String>> names) {
        List<Converge.Observed> out = new ArrayList<>(observedUnsorted(engine, host, ours));
        Set<String> seen = new HashSet<>();
        ours.forEach(s -> seen.add(s.path("Id").asText()));
        List<JsonNode> others = listNamedElsewhere(engine, names.get(), ours).stream()
                .filter(s -> !seen.contains(s.path("Id").asText())).toList();
        out.addAll(observedUnsorted(engine, host, others));
        return sorted(out);
    }

    /**
     * The containers called one of {@code names} that {@code ours} does not already hold ({@link
     * Engine#listNamed}): a name is held by one container at a time, so a name one of the
     * project's containers holds needs no question. Asks the engine nothing when every name is
     * held, as when nothing changed since the last apply.
     */
    static List<JsonNode> listNamedElsewhere(Engine engine, Collection<String> names, List<JsonNode> ours) {
        Set<String> held = new HashSet<>();
        for (JsonNode summary : ours) {
            for (JsonNode name : summary.path("Names")) {
                String n = name.asText();
                held.add(n.startsWith("/") ? n.substring(1) : n);
            }
        }
        List<String> ask = names.stream().filter(n -> !held.contains(n)).toList();
        return ask.isEmpty() ? List.of() : engine.listNamed(ask);
    }

    private static List<Converge.Observed> observed(Engine engine, String host, List<JsonNode> summaries) {
        return sorted(observedUnsorted(engine, host, summaries));
    }

    private static List<Converge.Observed> sorted(List<Converge.Observed> observed) {
        List<Converge.Observed> out = new ArrayList<>(observed);
        out.sort(Comparator.comparing(o -> o.container().id()));
        return List.copyOf(out);
    }

    private static List<Converge.Observed> observedUnsorted(Engine engine, String host, List<JsonNode> summaries) {
        List<Converge.Observed> out = new ArrayList<>();
        Map<String, Optional<JsonNode>> images = new LinkedHashMap<>();
        for (JsonNode summary : summaries) {
            // a container cccf created is read from the labels of the list: no inspect needed
            Map<String, String> listed = strings(summary.path("Labels"));
            Optional<Container> recorded = CccfLabels.containerFrom(listed);
            if (recorded.isPresent() && StartFirst.inTransition(summary, recorded.get())) {
                continue; // half of a start-first replacement, not the container of that id (StartFirst.settle)
            }
            if (recorded.isPresent()) {
                out.add(new Converge.Observed(placed(recorded.get(), host, summary.path("State").asText("running")), true,
                        CccfLabels.projectOf(listed), CccfLabels.sourceOf(listed)));
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
                    managed ? CccfLabels.projectOf(labels) : null, managed ? CccfLabels.sourceOf(labels) : null));
        }
        return out;
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
        b.volumes(volumes(hostConfig, config.path("Volumes"), imageConfig.path("Volumes")));
        b.expose(expose(config.path("ExposedPorts"), imageConfig.path("ExposedPorts"), hostConfig.path("PortBindings")));
        b.links(links(hostConfig.path("Links")));

        // every field the table reads back, in the table's order
        DockerField.EngineView view = new DockerField.EngineView(config, hostConfig, knowImage ? imageConfig : null,
                container.path("Id").asText(), givenAliases(container.path("NetworkSettings").path("Networks"), name,
                        container.path("Id").asText()));
        for (DockerField entry : FieldTable.fields().values()) {
            JsonNode value = entry.inspect() == null ? null : entry.inspect().read(view);
            if (value != null) {
                b.extension(entry.name(), value);
            }
        }
        if (!id.equals(name)) {
            b.extension(DockerFields.CONTAINER_NAME, TextNode.valueOf(name));
        }
        return b.build();
    }

    /** The networks of {@code NetworkSettings.Networks} with only the aliases given: not the name or short id docker adds. */
    private static JsonNode givenAliases(JsonNode networks, String name, String id) {
        if (!networks.isObject()) {
            return networks;
        }
        ObjectNode out = networks.deepCopy();
        String shortId = id.substring(0, Math.min(12, id.length()));
        out.properties().forEach(n -> {
            if (n.getValue().path("Aliases").isArray() && n.getValue() instanceof ObjectNode endpoint) {
                ArrayNode kept = endpoint.putArray("Aliases");
                networks.path(n.getKey()).path("Aliases").forEach(a -> {
                    if (!a.asText().equals(name) && !a.asText().equals(shortId) && !a.asText().equals(id)) {
                        kept.add(a);
                    }
                });
            }
        });
        return out;
    }

    /** A command as one line when every word is plain (no quoting needed), else as argv. */
    public static Cmd commandOf(List<String> words) {
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

    /**
     * Binds as given, then bind and volume mounts made with {@code --mount}, then anonymous volumes
     * ({@code docker run -v /path}: {@code Config.Volumes}) that the image does not declare.
     */
    static List<String> volumes(JsonNode hostConfig, JsonNode anonymous, JsonNode imageVolumes) {
        List<String> out = new ArrayList<>(strings(hostConfig.path("Binds"), List.of()));
        for (JsonNode m : hostConfig.path("Mounts")) {
            String type = m.path("Type").asText("");
            String source = m.path("Source").asText("");
            String target = m.path("Target").asText("");
            if ((type.equals("bind") || type.equals("volume")) && !source.isEmpty() && !target.isEmpty()) {
                out.add(source + ":" + target + (m.path("ReadOnly").asBoolean(false) ? ":ro" : ""));
            }
        }
        Set<String> targets = new HashSet<>();
        out.forEach(v -> targets.add(v.split(":", 3).length > 1 ? v.split(":", 3)[1] : v));
        anonymous.fieldNames().forEachRemaining(path -> {
            if (!imageVolumes.has(path) && !targets.contains(path)) {
                out.add(path);
            }
        });
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
