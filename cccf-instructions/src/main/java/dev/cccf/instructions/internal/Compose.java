package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Dependencies;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.Networks;
import dev.cccf.instructions.Options;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compose document per host. Compose interpolates {@code $VAR} in every string, so each
 * {@code $} is written {@code $$}: values reach the container as they are.
 */
public final class Compose {
    /** The host key of containers without a host. */
    public static final String NO_HOST = "default";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Compose() {
    }

    /** The compose documents, keyed by host (as the containers name it), hosts in order of first use. */
    public static Map<String, ObjectNode> documents(List<Container> containers, Options options, Issues issues) {
        return documents(containers, Declarations.NONE, options, issues);
    }

    /**
     * The compose documents, each with the top-level {@code networks} and {@code volumes} its
     * services use (as {@code declared} declares them, else with compose's defaults), so that
     * {@code docker compose config} accepts it.
     */
    public static Map<String, ObjectNode> documents(List<Container> containers, Declarations declared, Options options,
            Issues issues) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        for (Container c : containers) {
            names.computeIfAbsent(hostKey(c), h -> new HashSet<>()).add(c.name());
        }
        Map<String, ObjectNode> byHost = new LinkedHashMap<>();
        for (Container c : containers) {
            Common.checkNames(c, issues);
            Common.endpoint(c, options, issues); // an unknown host is an error here as everywhere
            String host = hostKey(c);
            ObjectNode doc = byHost.computeIfAbsent(host, h -> {
                ObjectNode d = F.objectNode();
                d.putObject("services");
                return d;
            });
            ((ObjectNode) doc.get("services")).set(c.name(), service(c, names.get(host), options, issues));
            if (!options.exclude().contains("networks")) {
                for (Networks.Attachment a : Networks.of(c)) {
                    network(doc.withObjectProperty("networks"), a.network(), declared.network(a.network()));
                }
            }
            if (!options.exclude().contains("volumes")) {
                for (String v : c.volumes()) {
                    String source = v.contains(":") ? v.substring(0, v.indexOf(':')) : "";
                    if (!source.isEmpty() && !source.startsWith("/") && !source.startsWith(".") && !source.startsWith("~")) {
                        Declarations.Volume d = declared.volumes().getOrDefault(source, Declarations.Volume.DEFAULT);
                        settings(doc.withObjectProperty("volumes"), source, d.driver(), d.options(), d.labels());
                    }
                }
            }
        }
        return byHost;
    }

    /**
     * The containers as one compose file, hosts ignored: {@code declared}'s name, the services,
     * every network and named volume {@code declared} declares (used or not) and the named volumes
     * the services use; a network the services use that {@code declared} does not declare is
     * {@code external} (cccf uses it as it finds it).
     */
    public static ObjectNode file(List<Container> containers, Declarations declared, Options options, Issues issues) {
        List<Container> unplaced = containers.stream().map(c -> c.host() == null ? c : c.toBuilder().host(null).build()).toList();
        ObjectNode used = documents(unplaced, declared, options, issues).getOrDefault(NO_HOST, F.objectNode());
        ObjectNode out = F.objectNode();
        if (declared.name() != null) {
            out.put("name", declared.name());
        }
        out.set("services", used.path("services").isObject() ? used.get("services") : F.objectNode());
        ObjectNode networks = F.objectNode();
        declared.networks().forEach((name, n) -> network(networks, name, n));
        used.path("networks").properties().forEach(e -> {
            if (!networks.has(e.getKey())) {
                networks.set(e.getKey(), F.objectNode().put("name", e.getValue().path("name").asText()).put("external", true));
            }
        });
        ObjectNode volumes = F.objectNode();
        declared.volumes().forEach((name, v) -> settings(volumes, name, v.driver(), v.options(), v.labels()));
        used.path("volumes").properties().forEach(e -> volumes.putIfAbsent(e.getKey(), e.getValue()));
        if (!networks.isEmpty()) {
            out.set("networks", networks);
        }
        if (!volumes.isEmpty()) {
            out.set("volumes", volumes);
        }
        return out;
    }

    /** A top-level network: its {@link #settings}, and {@code internal} when it is. */
    private static void network(ObjectNode all, String name, Declarations.Network n) {
        ObjectNode one = settings(all, name, n.driver(), n.options(), n.labels());
        if (n.internal()) {
            one.put("internal", true);
        }
        if (n.ipam() != null) { // compose's own keys: driver, config (subnet, ip_range, gateway, aux_addresses), options
            one.set("ipam", escape(n.ipam().toTree()));
        }
    }

    /**
     * A top-level network or volume of a compose document: {@code name} (so that compose makes it
     * under the name {@code cccf apply} gives it, not {@code PROJECT_NAME}), {@code driver},
     * {@code driver_opts}, {@code labels}.
     */
    private static ObjectNode settings(ObjectNode all, String name, String driver, Map<String, String> opts,
            Map<String, String> labels) {
        ObjectNode one = all.withObjectProperty(escape(name)).put("name", escape(name));
        if (driver != null) {
            one.put("driver", escape(driver));
        }
        if (!opts.isEmpty()) {
            ObjectNode o = one.withObjectProperty("driver_opts");
            opts.forEach((k, v) -> o.put(escape(k), escape(v)));
        }
        if (!labels.isEmpty()) {
            ObjectNode o = one.withObjectProperty("labels");
            labels.forEach((k, v) -> o.put(escape(k), escape(v)));
        }
        return one;
    }

    private static String hostKey(Container c) {
        return c.host() == null ? NO_HOST : c.host();
    }

    /**
     * One service. Links and {@code depends_on} name only services of the same document
     * ({@code sameHost}): compose refuses a link to a service it does not define.
     */
    private static ObjectNode service(Container c, Set<String> sameHost, Options options, Issues issues) {
        var exclude = options.exclude();
        ObjectNode s = F.objectNode();
        s.put("container_name", escape(c.name()));
        s.put("image", escape(c.image()));
        List<String> words = Common.cmdWords(c, issues);
        if (!words.isEmpty()) {
            ArrayNode cmd = s.putArray("command");
            words.forEach(w -> cmd.add(escape(w)));
        }
        putList(s, "ports", exclude.contains("ports") ? List.of() : c.ports());
        putList(s, "environment", exclude.contains("env") ? List.of() : c.env());
        putList(s, "volumes", exclude.contains("volumes") ? List.of() : c.volumes());
        putList(s, "expose", exclude.contains("expose") ? List.of() : c.expose());
        putList(s, "links", exclude.contains("links") ? List.of()
                : c.links().stream().filter(l -> sameHost.contains(Common.linkTarget(l))).map(Common::linkSpec).toList());
        var deps = Dependencies.conditions(c);
        List<String> sameHostDeps = deps.keySet().stream().filter(sameHost::contains).toList();
        if (sameHostDeps.stream().allMatch(d -> deps.get(d) == Dependencies.Condition.SERVICE_STARTED)) {
            putList(s, "depends_on", sameHostDeps);
        } else { // compose's long form carries the conditions
            ObjectNode dependsOn = s.putObject("depends_on");
            sameHostDeps.forEach(d -> dependsOn.putObject(d).put("condition", deps.get(d).word()));
        }
        if (c.scale() != null) {
            s.putObject("deploy").put("replicas", c.scale());
        }
        Common.eachField(c, options, issues, (name, field, value) -> {
            if (field.composeKey() != null) {
                put(s, field.composeKey(), escape(value));
            } else if (field.whyNotCarried(DockerField.Target.COMPOSE) != null) {
                Common.notCarried(c, name, "compose", field.whyNotCarried(DockerField.Target.COMPOSE), issues);
            }
        });
        return s;
    }

    /**
     * Sets {@code value} at a key of the service or a dotted path into its objects
     * ({@code deploy.update_config.order}); an object where one already is adds its keys to it.
     */
    private static void put(ObjectNode s, String path, JsonNode value) {
        ObjectNode at = s;
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            at = at.withObjectProperty(keys[i]);
        }
        String last = keys[keys.length - 1];
        if (value.isObject() && at.get(last) instanceof ObjectNode there) {
            there.setAll((ObjectNode) value);
        } else {
            at.set(last, value);
        }
    }

    private static void putList(ObjectNode s, String key, List<String> items) {
        if (!items.isEmpty()) {
            ArrayNode a = s.putArray(key);
            items.forEach(i -> a.add(escape(i)));
        }
    }

    private static String escape(String s) {
        return s.replace("$", "$$");
    }

    /** A copy with every string (keys of objects too) escaped for compose's interpolation. */
    private static JsonNode escape(JsonNode v) {
        if (v.isTextual()) {
            return TextNode.valueOf(escape(v.textValue()));
        }
        if (v.isArray()) {
            ArrayNode a = F.arrayNode();
            v.forEach(i -> a.add(escape(i)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = F.objectNode();
            v.properties().forEach(e -> o.set(escape(e.getKey()), escape(e.getValue())));
            return o;
        }
        return v;
    }
}
