package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.instructions.InstructionRules;
import dev.cccf.instructions.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code docker service create / update / rm} (Docker 20 and later) for the swarm target. */
public final class Swarm {
    /** Propagation options of a bind mount. */
    private static final Set<String> PROPAGATION = Set.of("shared", "slave", "private", "rshared", "rslave", "rprivate");

    private Swarm() {
    }

    /** {@code docker [-H=URL] service create --name=NAME ... IMAGE [CMD...]}. */
    public static List<String> create(Container c, Options options, Issues issues) {
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(c, options, issues)));
        argv.addAll(List.of("service", "create", "--name=" + c.name()));
        if (c.extension("global").map(JsonNode::asBoolean).orElse(false)) {
            argv.add("--mode=global");
        } else if (c.scale() != null) {
            argv.add("--replicas=" + c.scale());
        }
        c.extension("constraints").ifPresent(v -> constraints(c, v, argv, issues));
        var exclude = options.exclude();
        // publish_mode host: the long form, the only one that carries the mode
        boolean hostMode = c.extension("publish_mode").map(m -> m.asText().equals("host")).orElse(false);
        Common.repeat("ports", hostMode ? c.ports().stream().map(p -> portLong(p) + ",mode=host").toList() : c.ports(),
                "--publish", options, argv);
        Common.repeat("env", c.env(), "--env", options, argv);
        if (!exclude.contains("volumes")) {
            for (int i = 0; i < c.volumes().size(); i++) {
                argv.add("--mount=" + mount(c, i, issues));
            }
        }
        if (!exclude.contains("expose") && !c.expose().isEmpty()) {
            issues.warning(c, ".expose", InstructionRules.UNSUPPORTED_FIELD, "services have no exposed ports; expose is left out");
        }
        if (!exclude.contains("links") && !c.links().isEmpty()) {
            issues.warning(c, ".links", InstructionRules.UNSUPPORTED_FIELD, "services have no links (use a network); links are left out");
        }
        Common.eachField(c, options, issues, (name, field, value) -> {
            if (name.equals("conflicts")) {
                conflicts(c, value, field, argv, issues);
            } else if (field.swarm() != null) {
                argv.addAll(field.swarm().of(value));
            } else if (field.whyNotCarried(DockerField.Target.SWARM) != null) {
                Common.notCarried(c, name, "docker service create", field.whyNotCarried(DockerField.Target.SWARM), issues);
            }
        });
        argv.addAll(options.runArgs());
        argv.add(c.image());
        argv.addAll(Common.cmdWords(c, issues));
        Common.checkNul(c, argv, issues);
        return argv;
    }

    /** {@code docker [-H=URL] service rm NAME}. */
    public static List<String> rm(Container c, Options options, Issues issues) {
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(c, options, issues)));
        argv.addAll(List.of("service", "rm", c.name()));
        return argv;
    }

    /**
     * The commands that turn service {@code old} into {@code now}: one {@code service update} when
     * only the image, env, ports or replicas differ, otherwise {@code service rm} then
     * {@code service create}.
     */
    public static List<List<String>> replace(Container old, Container now, Options options, Issues issues) {
        if (!sameExceptUpdatable(old, now)) {
            return List.of(rm(old, options, issues), create(now, options, issues));
        }
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(now, options, issues)));
        argv.addAll(List.of("service", "update"));
        if (!old.image().equals(now.image())) {
            argv.add("--image=" + now.image());
        }
        Map<String, String> oldEnv = env(old.env());
        Map<String, String> newEnv = env(now.env());
        oldEnv.keySet().stream().filter(k -> !newEnv.containsKey(k)).forEach(k -> argv.add("--env-rm=" + k));
        newEnv.forEach((k, v) -> {
            if (!v.equals(oldEnv.get(k))) {
                argv.add("--env-add=" + v);
            }
        });
        old.ports().stream().filter(p -> !now.ports().contains(p)).forEach(p -> argv.add("--publish-rm=" + portLong(p)));
        now.ports().stream().filter(p -> !old.ports().contains(p)).forEach(p -> argv.add("--publish-add=" + portLong(p)));
        boolean global = now.extension("global").map(JsonNode::asBoolean).orElse(false);
        if (!global && !Objects.equals(old.scale(), now.scale())) {
            argv.add("--replicas=" + (now.scale() == null ? 1 : now.scale()));
        }
        argv.add(now.name());
        Common.checkNul(now, argv, issues);
        return List.of(argv);
    }

    private static boolean sameExceptUpdatable(Container old, Container now) {
        Container a = old.toBuilder().image("").env(List.of()).ports(List.of()).scale(null).build();
        Container b = now.toBuilder().image("").env(List.of()).ports(List.of()).scale(null).build();
        return CccfWriter.canonical(a).equals(CccfWriter.canonical(b));
    }

    private static Map<String, String> env(List<String> env) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            byKey.put(eq < 0 ? e : e.substring(0, eq), e);
        }
        return byKey;
    }

    /** {@code "8080:80/udp"} as {@code published=8080,target=80,protocol=udp}. */
    private static String portLong(String port) {
        String proto = "tcp";
        String p = port;
        int slash = p.indexOf('/');
        if (slash >= 0) {
            proto = p.substring(slash + 1);
            p = p.substring(0, slash);
        }
        String[] hc = p.split(":");
        return "published=" + hc[0] + ",target=" + hc[hc.length - 1] + ",protocol=" + proto;
    }

    private static void constraints(Container c, JsonNode v, List<String> argv, Issues issues) {
        if (!v.isObject()) {
            issues.error(c, ".constraints", InstructionRules.FIELD_VALUE, "constraints must be an object: host label -> required value");
            return;
        }
        v.properties().forEach(e -> {
            String value = Common.scalar(e.getValue());
            if (value == null) {
                issues.error(c, ".constraints" + Common.fieldPath(e.getKey()), InstructionRules.FIELD_VALUE,
                        "a constraint's value must be a string or a number");
            } else {
                argv.add("--constraint=node.labels." + e.getKey() + "==" + value);
            }
        });
    }

    /**
     * {@code conflicts}: a glob matching the service's own name keeps its tasks one per node
     * ({@code --replicas-max-per-node=1}); a conflict with other services does not map (a warning).
     */
    private static void conflicts(Container c, JsonNode v, DockerField field, List<String> argv, Issues issues) {
        boolean self = false;
        boolean others = false;
        for (JsonNode g : v) {
            if (FieldTable.globPattern(g.asText()).matcher(c.name()).matches()) {
                self = true;
            } else {
                others = true;
            }
        }
        if (self) {
            argv.add("--replicas-max-per-node=1");
        }
        if (others) {
            Common.notCarried(c, "conflicts", "docker service create", field.whyNotCarried(DockerField.Target.SWARM), issues);
        }
    }

    /**
     * A volume as a {@code --mount} value: {@code type=bind} for paths, {@code type=volume} for
     * names; {@code ro} is {@code readonly}. The value is CSV, so a field holding a comma or a
     * quote is quoted as CSV.
     */
    private static String mount(Container c, int i, Issues issues) {
        String volume = c.volumes().get(i);
        String[] parts = volume.split(":", -1);
        if (parts.length == 1) { // docker run -v /path: an anonymous volume
            return csv("type=volume") + "," + csv("target=" + volume);
        }
        String source = parts[0];
        String target = parts.length > 1 ? parts[1] : parts[0];
        boolean named = !(source.startsWith("/") || source.startsWith(".") || source.startsWith("~"));
        List<String> fields = new ArrayList<>(List.of(named ? "type=volume" : "type=bind", "source=" + source, "target=" + target));
        if (parts.length > 2) {
            for (String o : parts[2].split(",")) {
                if (o.equals("ro")) {
                    fields.add("readonly");
                } else if (PROPAGATION.contains(o) && !named) {
                    fields.add("bind-propagation=" + o);
                } else if (o.equals("nocopy") && named) {
                    fields.add("volume-nocopy=true");
                } else if (!o.equals("rw")) {
                    issues.warning(c, ".volumes[" + i + "]", InstructionRules.UNSUPPORTED_FIELD,
                            "volume option " + o + " has no --mount equivalent; left out");
                }
            }
        }
        return String.join(",", fields.stream().map(Swarm::csv).toList());
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
