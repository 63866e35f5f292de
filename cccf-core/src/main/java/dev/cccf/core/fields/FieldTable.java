package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfReader;
import dev.cccf.core.Container;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.ShellWords;
import dev.cccf.core.fields.DockerField.Create;
import dev.cccf.core.fields.DockerField.Flags;
import dev.cccf.core.fields.DockerField.Inspect;
import dev.cccf.core.fields.DockerField.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The docker and placement fields of cccf, each described once ({@link DockerField}): its check
 * and rule codes, its {@code docker run} options, its Engine API mapping both ways, its compose
 * key and its {@code docker service create} options, or why a target does not carry it. Every
 * module reads fields through this table: cccf-host's placement, cccf-instructions' targets,
 * cccf-docker's apply (the create body) and inspect. Adding a field is one entry here, its tests
 * and its docs.
 *
 * <pre>{@code
 * Document doc = FieldTable.reader().read(Path.of("app.yml"));   // core rules + every field checked
 * }</pre>
 */
public final class FieldTable {
    private FieldTable() {
    }

    /** Labels under this prefix belong to cccf; a document may not set them. */
    public static final String RESERVED_LABEL_PREFIX = Rules.RESERVED_LABEL_PREFIX;
    /** The code of a label whose key starts with {@link #RESERVED_LABEL_PREFIX}. */
    public static final String RESERVED_LABEL = Rules.RESERVED_LABEL;
    /** Warning: an extension field no entry of the table knows, which no target carries. */
    public static final String UNKNOWN_FIELD = "unknown-field";
    /** The values of {@code update_order}: start the new container before the old one stops, or after. */
    public static final List<String> UPDATE_ORDERS = List.of("start-first", "stop-first");
    /** The conditions of compose's {@code depends_on: {ID: {condition: ...}}}, the first the default. */
    public static final List<String> DEPENDS_ON_CONDITIONS = List.of("service_started", "service_healthy",
            "service_completed_successfully");
    /** The states docker reports for a container ({@code state}, written by inspect). */
    public static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern RESTART_VALUE = Pattern.compile("no|always|unless-stopped|on-failure(?::\\d{1,6})?");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final Pattern NETWORK_VALUE = Pattern.compile("(?:container:)?[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern HOSTNAME_VALUE = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern USER_VALUE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[^\\x00]*");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9]+)?");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z][A-Za-z_]*");
    private static final Pattern VOLUMES_FROM_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(?::(?:ro|rw))?");
    private static final Pattern CONTAINER_NAME_VALUE = Pattern.compile("/?[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern HOST_NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    private static final Pattern DEVICE = Pattern.compile("/[^:\\x00]+(?::/[^:\\x00]+)?(?::[rwm]{1,3})?");
    private static final Pattern TMPFS = Pattern.compile("/[^:\\x00]*(?::[A-Za-z0-9_=,.-]+)?");
    private static final Pattern SYSCTL_KEY = Pattern.compile("[a-z0-9_]+(?:[./][a-z0-9_-]+)+");
    private static final Pattern ULIMIT_NAME = Pattern.compile(
            "core|cpu|data|fsize|locks|memlock|msgqueue|nice|nofile|nproc|rss|rtprio|rttime|sigpending|stack");
    private static final Pattern SIGNAL = Pattern.compile("(?:SIG)?[A-Z][A-Z0-9+-]*|\\d{1,2}");
    private static final Pattern ENDPOINT_MODE = Pattern.compile("vip|dnsrr");
    private static final Pattern PUBLISH_MODE = Pattern.compile("ingress|host");
    private static final Pattern PULL_POLICY = Pattern.compile("missing|always|never");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_/*?-]+");

    /** The fields of the table, in the order of the documentation; each is built by {@link #build}. */
    private static final List<String> NAMES = List.of("restart", "labels", "network", "networks", "hostname", "user", "workdir",
            "entrypoint", "memory", "cpus", "dns", "cap_add", "cap_drop", "privileged", "read_only", "init", "volumes_from",
            "extra_hosts", "devices", "tmpfs", "sysctls", "ulimits", "stop_signal", "healthcheck", "depends_on",
            "update_order", "update_config", "rollback_config", "pull_policy", "container_name", "state", "constraints", "conflicts", "global", "endpoint_mode", "publish_mode");
    /** The fields cccf-host reads to place containers. */
    private static final Set<String> PLACEMENT = Set.of("memory", "cpus", "constraints", "conflicts", "global");
    private static final Map<String, DockerField> BUILT = new ConcurrentHashMap<>();

    /** The names of the fields, in the order of the documentation. */
    public static List<String> names() {
        return NAMES;
    }

    /** Every field, in the order of the documentation. */
    public static Map<String, DockerField> fields() {
        Map<String, DockerField> all = new LinkedHashMap<>();
        NAMES.forEach(n -> all.put(n, get(n)));
        return Collections.unmodifiableMap(all);
    }

    /** The entry of a field, or {@code null} when no entry knows it. */
    public static DockerField get(String name) {
        DockerField f = BUILT.get(name);
        if (f == null && NAMES.contains(name)) {
            f = BUILT.computeIfAbsent(name, FieldTable::build);
        }
        return f;
    }

    /** The entry whose compose key is {@code key}, or {@code null}. */
    public static DockerField composeField(String key) {
        for (DockerField f : fields().values()) {
            if (key.equals(f.composeKey())) {
                return f;
            }
        }
        return null;
    }

    /** The core reader with every field of the table checked. */
    public static CccfReader reader() {
        return with(Cccf.reader());
    }

    /** {@code base} with every field of the table checked too. */
    public static CccfReader with(CccfReader base) {
        CccfReader r = base;
        for (String name : NAMES) {
            r = r.withCheck(name, new Check(name));
        }
        return r;
    }

    /** The core reader with the placement fields checked (what cccf-host reads). */
    public static CccfReader placementReader() {
        CccfReader r = Cccf.reader();
        for (String name : NAMES) {
            if (PLACEMENT.contains(name)) {
                r = r.withCheck(name, new Check(name));
            }
        }
        return r;
    }

    /** The check of one field, whose entry is built when a document first holds the field. */
    private record Check(String name) implements FieldCheck {
        @Override
        public void check(JsonNode value, Report report) {
            get(name).check().check(value, report);
        }
    }

    /**
     * {@code reader}, also handing {@code warnings} an {@link #UNKNOWN_FIELD} warning at each
     * extension field no entry knows: the tools that give fields a meaning (plan, apply,
     * instructions) say, each with the same words, that nothing will carry it.
     */
    public static CccfReader warningAboutUnknownFields(CccfReader reader, Consumer<Problem> warnings) {
        return reader.withUnknownFields((location, path, name) -> warnings.accept(
                Problem.warning(location, path, UNKNOWN_FIELD, unknownFieldMessage(name))));
    }

    /** The words of the {@link #UNKNOWN_FIELD} warning. */
    public static String unknownFieldMessage(String name) {
        return "field " + Rules.quote(name) + " is not a field cccf knows: docker run, apply, compose, swarm and systemd "
                + "leave it out (the fields: docs/fields.md)";
    }

    /**
     * Runs the check of {@code field} on {@code value}: an error {@link Problem} for each thing
     * wrong, its path below the field's value ({@code ""}, {@code "[1]"}, {@code ".test"}), without
     * location; empty when fine or when no entry knows the field.
     */
    public static List<Problem> check(String field, JsonNode value) {
        DockerField f = get(field);
        if (f == null) {
            return List.of();
        }
        List<Problem> found = new ArrayList<>();
        f.check().check(value, (sub, code, message) -> found.add(Problem.error(sub, code, message)));
        return List.copyOf(found);
    }

    /** The rule code of a docker field: {@code docker-} and the field name with '-' for '_'. */
    public static String code(String field) {
        return "docker-" + field.replace('_', '-');
    }

    // ------------------------------------------------------------------ the table

    /**
     * The entry of {@code field}, built the first time it is asked for: a run reads only the
     * fields its documents hold, and a field's functions are set up only then (each lambda costs
     * start-up time).
     */
    private static DockerField build(String field) {
        return switch (field) {
            case "restart" -> field(field).check(FieldTable::checkRestart)
                    .docker(text("--restart"), (v, c, h) -> {
                        String[] r = v.asText().split(":", 2);
                        ObjectNode policy = h.putObject("RestartPolicy").put("Name", r[0]);
                        if (r.length > 1) {
                            policy.put("MaximumRetryCount", Integer.parseInt(r[1]));
                        }
                    })
                    .inspect(e -> {
                        String name = e.hostConfig().path("RestartPolicy").path("Name").asText("");
                        int retries = e.hostConfig().path("RestartPolicy").path("MaximumRetryCount").asInt(0);
                        return name.isEmpty() || name.equals("no") ? null
                                : TextNode.valueOf(name.equals("on-failure") && retries > 0 ? name + ":" + retries : name);
                    })
                    .compose("restart").swarm(FieldTable::swarmRestart, FieldTable::serviceRestart).build();
            case "labels" -> field(field).check(FieldTable::checkLabels)
                    .docker(pairs("--label"), (v, c, h) -> {
                        ObjectNode labels = c.has("Labels") ? (ObjectNode) c.get("Labels") : c.putObject("Labels");
                        v.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    })
                    .inspect(e -> {
                        ObjectNode labels = F.objectNode();
                        JsonNode image = e.imageValue("Labels");
                        new TreeMap<>(stringMap(e.config().path("Labels"))).forEach((k, v) -> {
                            if (!k.startsWith(RESERVED_LABEL_PREFIX) && !v.equals(image.path(k).asText(null))) {
                                labels.put(k, v);
                            }
                        });
                        return labels.isEmpty() ? null : labels;
                    })
                    .compose("labels").swarm(pairs("--container-label"), (v, s) -> v.properties().forEach(
                            e -> containerSpec(s).withObjectProperty("Labels").put(e.getKey(), e.getValue().asText()))).build();
            case "network" -> field(field).check((v, r) -> pattern(v, r, "network", NETWORK_VALUE,
                            "a network mode or name: bridge, host, none, container:NAME or a network's name"))
                    .docker(text("--network"), (v, c, h) -> h.put("NetworkMode", v.asText()))
                    .inspect(e -> {
                        String mode = e.hostConfig().path("NetworkMode").asText("");
                        boolean userNetwork = Networks.isUserNetwork(mode) && e.networks().has(mode); // read as networks
                        return mode.isEmpty() || mode.equals("default") || mode.equals("bridge") || userNetwork ? null
                                : TextNode.valueOf(mode);
                    })
                    .compose("network_mode").swarm(text("--network"), (v, s) -> task(s).withArrayProperty("Networks").addObject().put("Target", v.asText()))
                    .build();
            case "networks" -> field(field).check(Networks::check)
                    .docker(Networks::runFlags, Networks::create).inspect(Networks::inspect)
                    .compose("networks").swarm(Networks::swarmFlags, (v, s) -> Networks.of(v).forEach(a -> {
                        ObjectNode n = task(s).withArrayProperty("Networks").addObject().put("Target", a.network());
                        if (!a.aliases().isEmpty()) {
                            n.set("Aliases", array(a.aliases()));
                        }
                    }))
                    .build();
            case "hostname" -> field(field).check((v, r) -> pattern(v, r, "hostname", HOSTNAME_VALUE,
                            "a host name: letters, digits and '-' in dot-separated labels of at most 63 characters"))
                    .docker(text("--hostname"), (v, c, h) -> c.put("Hostname", v.asText()))
                    .inspect(e -> {
                        String name = e.config().path("Hostname").asText("");
                        return name.isEmpty() || e.containerId().startsWith(name) ? null : TextNode.valueOf(name);
                    })
                    .compose("hostname").swarm(text("--hostname"), specText("Hostname")).build();
            case "user" -> field(field).check((v, r) -> pattern(v, r, "user", USER_VALUE, "USER, UID, USER:GROUP or UID:GID"))
                    .docker(text("--user"), (v, c, h) -> c.put("User", v.asText()))
                    .inspect(configText("User"))
                    .compose("user").swarm(text("--user"), specText("User")).build();
            case "workdir" -> field(field).check((v, r) -> pattern(v, r, "workdir", ABSOLUTE_PATH, "an absolute path inside the container"))
                    .docker(text("--workdir"), (v, c, h) -> c.put("WorkingDir", v.asText()))
                    .inspect(configText("WorkingDir"))
                    .compose("working_dir").swarm(text("--workdir"), specText("Dir")).build();
            // docker run --entrypoint takes one word, the program: the others go before the command, in
            // the create body as on the command line (entrypointArguments), so both make the same config
            case "entrypoint" -> field(field).check(FieldTable::checkEntrypoint)
                    .docker(v -> List.of("--entrypoint=" + entrypointWords(v).get(0)),
                            (v, c, h) -> c.set("Entrypoint", array(entrypointWords(v).subList(0, 1))))
                    .inspect(e -> {
                        List<String> words = strings(e.config().path("Entrypoint"));
                        boolean imageDefault = e.image() != null && words.equals(strings(e.imageValue("Entrypoint")));
                        return imageDefault || words.isEmpty() ? null : array(words);
                    })
                    // docker service create splits its --entrypoint by shell rules
                    .compose("entrypoint").swarm(v -> List.of("--entrypoint=" + ShellWords.quoteLine(entrypointWords(v))),
                            (v, s) -> containerSpec(s).set("Command", array(entrypointWords(v))))
                    .build();
            case "memory" -> field(field).check((v, r) -> Memory.check("memory", v, r))
                    .docker(v -> List.of("--memory=" + memoryText(v)), (v, c, h) -> h.put("Memory", Memory.bytes(v)))
                    .inspect(e -> {
                        long bytes = e.hostConfig().path("Memory").asLong(0);
                        return bytes > 0 ? TextNode.valueOf(Memory.format(bytes)) : null;
                    })
                    .compose("mem_limit").swarm(v -> List.of("--limit-memory=" + memoryText(v)),
                            (v, s) -> limits(s).put("MemoryBytes", Memory.bytes(v))).build();
            case "cpus" -> field(field).check(Cpus::check)
                    .docker(v -> List.of("--cpus=" + v.decimalValue().toPlainString()), (v, c, h) -> h.put("NanoCpus", Cpus.nanos(v)))
                    .inspect(e -> {
                        long nanos = e.hostConfig().path("NanoCpus").asLong(0);
                        return nanos > 0 ? Cpus.fromNanos(nanos) : null;
                    })
                    .compose("cpus").swarm(v -> List.of("--limit-cpu=" + v.decimalValue().toPlainString()),
                            (v, s) -> limits(s).put("NanoCPUs", Cpus.nanos(v))).build();
            case "dns" -> field(field).check((v, r) -> oneOrList(v, r, "dns", FieldTable::isIp, "an IP address such as \"8.8.8.8\""))
                    .docker(each("--dns"), hostList("Dns")).inspect(readList("Dns", s -> s))
                    .compose("dns").swarm(each("--dns"), (v, s) -> containerSpec(s).withObjectProperty("DNSConfig")
                            .set("Nameservers", array(strings(v)))).build();
            case "cap_add" -> field(field).check((v, r) -> list(v, r, "cap_add", s -> CAPABILITY.matcher(s).matches(),
                            "a capability name such as \"NET_ADMIN\""))
                    // docker writes NET_ADMIN back as CAP_NET_ADMIN
                    .docker(each("--cap-add"), capabilities("CapAdd")).inspect(readList("CapAdd", s -> s.replaceFirst("^CAP_", "")))
                    .compose("cap_add").swarm(each("--cap-add"), (v, s) -> containerSpec(s).set("CapabilityAdd", array(capabilityNames(v)))).build();
            case "cap_drop" -> field(field).check((v, r) -> list(v, r, "cap_drop", s -> CAPABILITY.matcher(s).matches(),
                            "a capability name such as \"NET_RAW\""))
                    .docker(each("--cap-drop"), capabilities("CapDrop")).inspect(readList("CapDrop", s -> s.replaceFirst("^CAP_", "")))
                    .compose("cap_drop").swarm(each("--cap-drop"), (v, s) -> containerSpec(s).set("CapabilityDrop", array(capabilityNames(v)))).build();
            case "privileged" -> field(field).check((v, r) -> bool(v, r, "privileged"))
                    .docker(flag("--privileged"), hostTrue("Privileged")).inspect(readTrue("Privileged"))
                    .compose("privileged").notCarried(Target.SWARM, "services cannot run privileged").build();
            case "read_only" -> field(field).check((v, r) -> bool(v, r, "read_only"))
                    .docker(flag("--read-only"), hostTrue("ReadonlyRootfs")).inspect(readTrue("ReadonlyRootfs"))
                    .compose("read_only").swarm(flag("--read-only"), specTrue("ReadOnly")).build();
            case "init" -> field(field).check((v, r) -> bool(v, r, "init"))
                    .docker(flag("--init"), hostTrue("Init")).inspect(readTrue("Init"))
                    .compose("init").swarm(flag("--init"), specTrue("Init")).build();
            case "volumes_from" -> field(field).check((v, r) -> list(v, r, "volumes_from", s -> VOLUMES_FROM_VALUE.matcher(s).matches(),
                            "a container name, optionally NAME:ro or NAME:rw"))
                    .docker(each("--volumes-from"), hostList("VolumesFrom")).inspect(readList("VolumesFrom", s -> s))
                    .compose("volumes_from").notCarried(Target.SWARM, "services share no volumes with other containers").build();
            case "extra_hosts" -> field(field).check((v, r) -> list(v, r, "extra_hosts", FieldTable::isExtraHost,
                            "HOST:IP, such as \"db.local:10.0.0.5\""))
                    .docker(each("--add-host"), hostList("ExtraHosts")).inspect(readList("ExtraHosts", s -> s))
                    .compose("extra_hosts").swarm(each("--host"), (v, s) -> containerSpec(s).set("Hosts", array(strings(v).stream()
                            .map(h -> h.substring(h.indexOf(':') + 1) + " " + h.substring(0, h.indexOf(':'))).toList()))).build();
            case "devices" -> field(field).check((v, r) -> list(v, r, "devices", s -> DEVICE.matcher(s).matches(),
                            "/dev/HOST[:/dev/CONTAINER][:PERMISSIONS rwm]"))
                    .docker(each("--device"), (v, c, h) -> {
                        ArrayNode devices = h.putArray("Devices");
                        for (String d : strings(v)) {
                            String[] p = d.split(":", 3);
                            boolean permissionsSecond = p.length == 2 && !p[1].startsWith("/");
                            devices.addObject().put("PathOnHost", p[0])
                                    .put("PathInContainer", p.length > 1 && !permissionsSecond ? p[1] : p[0])
                                    .put("CgroupPermissions", p.length == 3 ? p[2] : permissionsSecond ? p[1] : "rwm");
                        }
                    })
                    .inspect(e -> {
                        List<String> out = new ArrayList<>();
                        for (JsonNode d : e.hostConfig().path("Devices")) {
                            String host = d.path("PathOnHost").asText();
                            String inside = d.path("PathInContainer").asText(host);
                            String perms = d.path("CgroupPermissions").asText("rwm");
                            out.add(host + (inside.equals(host) ? "" : ":" + inside) + (perms.equals("rwm") ? "" : ":" + perms));
                        }
                        return out.isEmpty() ? null : array(out);
                    })
                    .compose("devices").notCarried(Target.SWARM, "docker service create has no devices option").build();
            case "tmpfs" -> field(field).check((v, r) -> oneOrList(v, r, "tmpfs", s -> TMPFS.matcher(s).matches(),
                            "an absolute path, optionally PATH:OPTIONS such as \"/run:size=64m\""))
                    .docker(each("--tmpfs"), (v, c, h) -> {
                        ObjectNode tmpfs = h.putObject("Tmpfs");
                        for (String t : strings(v)) {
                            String[] p = t.split(":", 2);
                            tmpfs.put(p[0], p.length > 1 ? p[1] : "");
                        }
                    })
                    .inspect(e -> {
                        List<String> out = new ArrayList<>();
                        new TreeMap<>(stringMap(e.hostConfig().path("Tmpfs")))
                                .forEach((path, options) -> out.add(options.isEmpty() ? path : path + ":" + options));
                        return out.isEmpty() ? null : array(out);
                    })
                    .compose("tmpfs").notCarried(Target.SWARM, "services mount tmpfs with --mount type=tmpfs, whose options differ")
                    .build();
            case "sysctls" -> field(field).check(FieldTable::checkSysctls)
                    .docker(pairs("--sysctl"), (v, c, h) -> {
                        ObjectNode sysctls = h.putObject("Sysctls");
                        v.properties().forEach(e -> sysctls.put(e.getKey(), e.getValue().asText()));
                    })
                    .inspect(e -> {
                        ObjectNode o = F.objectNode();
                        new TreeMap<>(stringMap(e.hostConfig().path("Sysctls"))).forEach(o::put);
                        return o.isEmpty() ? null : o;
                    })
                    .compose("sysctls").swarm(pairs("--sysctl"), (v, s) -> v.properties().forEach(
                            e -> containerSpec(s).withObjectProperty("Sysctls").put(e.getKey(), e.getValue().asText()))).build();
            case "ulimits" -> field(field).check(FieldTable::checkUlimits)
                    .docker(v -> ulimits(v).stream().map(u -> "--ulimit=" + u).toList(), (v, c, h) -> {
                        ArrayNode out = h.putArray("Ulimits");
                        v.properties().forEach(e -> out.addObject().put("Name", e.getKey())
                                .put("Soft", soft(e.getValue())).put("Hard", hard(e.getValue())));
                    })
                    .inspect(e -> {
                        ObjectNode o = F.objectNode();
                        for (JsonNode u : e.hostConfig().path("Ulimits")) {
                            long soft = u.path("Soft").asLong();
                            long hard = u.path("Hard").asLong();
                            if (soft == hard) {
                                o.put(u.path("Name").asText(), soft);
                            } else {
                                o.putObject(u.path("Name").asText()).put("soft", soft).put("hard", hard);
                            }
                        }
                        return o.isEmpty() ? null : o;
                    })
                    .compose("ulimits").swarm(v -> ulimits(v).stream().map(u -> "--ulimit=" + u).toList(), (v, s) -> {
                        ArrayNode out = containerSpec(s).putArray("Ulimits");
                        v.properties().forEach(e -> out.addObject().put("Name", e.getKey())
                                .put("Soft", soft(e.getValue())).put("Hard", hard(e.getValue())));
                    }).build();
            case "stop_signal" -> field(field).check((v, r) -> pattern(v, r, "stop_signal", SIGNAL, "a signal such as \"SIGTERM\" or \"9\""))
                    .docker(text("--stop-signal"), (v, c, h) -> c.put("StopSignal", v.asText()))
                    .inspect(configText("StopSignal"))
                    .compose("stop_signal").swarm(text("--stop-signal"), specText("StopSignal")).build();
            case "healthcheck" -> field(field).check(Healthcheck::check)
                    .docker(Healthcheck::runFlags, (v, c, h) -> c.set("Healthcheck", Healthcheck.body(v)))
                    .inspect(e -> {
                        JsonNode health = e.config().path("Healthcheck");
                        return !health.isObject() || health.isEmpty() || health.equals(e.imageValue("Healthcheck"))
                                ? null : Healthcheck.fromBody(health);
                    })
                    .compose("healthcheck").swarm(Healthcheck::runFlags, (v, s) -> containerSpec(s).set("HealthCheck", Healthcheck.body(v))).build();
            // acted on by cccf itself: no target passes these on
            case "depends_on" -> field(field).check(FieldTable::checkDependsOn).build();
            // how apply replaces a changed container; swarm's own words, and its option for services
            case "update_order" -> field(field).check((v, r) -> {
                if (!v.isTextual() || !UPDATE_ORDERS.contains(v.textValue())) {
                    r.problem("", code("update_order"), "update_order must be \"start-first\" or \"stop-first\", not " + Show.value(v));
                }
                }).compose("deploy.update_config.order")
                .swarm(text("--update-order"), (v, s) -> s.withObjectProperty("UpdateConfig").put("Order", v.asText())).build();
            // how a swarm rolls a service to a new spec, and back; engines replace a container as update_order says
            case "update_config" -> field(field).check(UpdateConfig.UPDATE::check).compose("deploy.update_config")
                    .swarm(UpdateConfig.UPDATE::flags, UpdateConfig.UPDATE::write).build();
            case "rollback_config" -> field(field).check(UpdateConfig.ROLLBACK::check).compose("deploy.rollback_config")
                    .swarm(UpdateConfig.ROLLBACK::flags, UpdateConfig.ROLLBACK::write).build();
            // apply pulls before it creates (cccf-docker's PreFlight); compose's if_not_present is missing
            case "pull_policy" -> field(field).check((v, r) -> pattern(v, r, "pull_policy", PULL_POLICY,
                            "\"missing\" (pull when the engine lacks the image), \"always\" or \"never\" (cccf builds no images)"))
                    .compose("pull_policy")
                    .notCarried(Target.SWARM, "every swarm node pulls a service's image itself when it starts a task").build();
            case "container_name" -> field(field).check((v, r) -> pattern(v, r, "container_name", CONTAINER_NAME_VALUE,
                    "a docker container name: a letter or digit, then letters, digits, '_', '.' or '-'")).build();
            case "state" -> field(field).check((v, r) -> {
                if (!v.isTextual() || !STATES.contains(v.textValue())) {
                    r.problem("", code("state"), "state must be one of " + String.join(", ", new TreeSet<>(STATES)));
                }
                }).build();
            // placement fields: cccf-host reads them for engines; a swarm places a service's tasks itself
            case "constraints" -> field(field).check(FieldTable::checkConstraints)
                    .service((v, s) -> v.properties().forEach(e -> task(s).withObjectProperty("Placement")
                            .withArrayProperty("Constraints").add("node.labels." + e.getKey() + "==" + e.getValue().asText())))
                    .build();
            // a glob matching the service's own name: at most one of its tasks per node
            case "conflicts" -> field(field).check(FieldTable::checkConflicts)
                    .service((v, s) -> {
                        if (strings(v).stream().anyMatch(g -> globPattern(g).matcher(s.path("Name").asText()).matches())) {
                            task(s).withObjectProperty("Placement").put("MaxReplicas", 1);
                        }
                    })
                    .notCarried(Target.SWARM, "a swarm keeps no service off the nodes of another; a glob matching the"
                            + " service's own id becomes at most one task per node")
                    .build();
            case "global" -> field(field).check((v, r) -> {
                if (!v.isBoolean()) {
                    r.problem("", "global-type", "global must be true or false, not " + Rules.kind(v));
                }
                }).service((v, s) -> {
                    if (v.asBoolean()) {
                        s.putObject("Mode").putObject("Global");
                    }
                }).build();
            // swarm only: a container's name resolves to itself and its ports are published on its own host
            case "endpoint_mode" -> field(field).check((v, r) -> pattern(v, r, "endpoint_mode", ENDPOINT_MODE,
                            "\"vip\" (one virtual IP in front of the tasks) or \"dnsrr\" (the name resolves to each task)"))
                    .compose("deploy.endpoint_mode").swarm(text("--endpoint-mode"), (v, s) -> s.withObjectProperty("EndpointSpec").put("Mode", v.asText()))
                    .build();
            // the swarm target writes each --publish in its long form with mode=host (Swarm); apply sets each port's mode
            case "publish_mode" -> field(field).check((v, r) -> pattern(v, r, "publish_mode", PUBLISH_MODE,
                            "\"ingress\" (every node answers on the port) or \"host\" (the nodes a task runs on)"))
                    .service((v, s) -> s.path("EndpointSpec").path("Ports").forEach(p -> ((ObjectNode) p).put("PublishMode", v.asText())))
                    .build();
            default -> null;
        };
    }

    // ------------------------------------------------------------------ building entries

    private static Builder field(String name) {
        return new Builder(name);
    }

    private static final class Builder {
        private final String name;
        private FieldCheck check;
        private Flags run;
        private Create create;
        private Inspect inspect;
        private String composeKey;
        private Flags swarm;
        private DockerField.Service service;
        private final Map<Target, String> notCarried = new EnumMap<>(Target.class);

        Builder(String name) {
            this.name = name;
        }

        Builder check(FieldCheck c) {
            this.check = c;
            return this;
        }

        Builder docker(Flags r, Create c) {
            this.run = r;
            this.create = c;
            return this;
        }

        Builder inspect(Inspect i) {
            this.inspect = i;
            return this;
        }

        Builder compose(String key) {
            this.composeKey = key;
            return this;
        }

        Builder swarm(Flags s, DockerField.Service spec) {
            this.swarm = s;
            this.service = spec;
            return this;
        }

        Builder service(DockerField.Service spec) {
            this.service = spec;
            return this;
        }

        Builder notCarried(Target target, String reason) {
            notCarried.put(target, reason);
            return this;
        }

        DockerField build() {
            return new DockerField(name, check, PLACEMENT.contains(name), run, create, inspect, composeKey, swarm, service, notCarried);
        }
    }

    private static Flags text(String flag) {
        return v -> List.of(flag + "=" + v.asText());
    }

    private static Flags flag(String flag) {
        return v -> v.asBoolean() ? List.of(flag) : List.of();
    }

    private static Flags each(String flag) {
        return v -> strings(v).stream().map(s -> flag + "=" + s).toList();
    }

    private static Flags pairs(String flag) {
        return v -> {
            List<String> out = new ArrayList<>();
            v.properties().forEach(e -> out.add(flag + "=" + e.getKey() + "=" + e.getValue().asText()));
            return out;
        };
    }

    private static Create hostList(String key) {
        return (v, c, h) -> h.set(key, array(strings(v)));
    }

    /** Capabilities as docker run sends them: upper case, with the {@code CAP_} prefix ({@code ALL} as it is). */
    private static Create capabilities(String key) {
        return (v, c, h) -> h.set(key, array(capabilityNames(v)));
    }

    private static List<String> capabilityNames(JsonNode v) {
        return strings(v).stream().map(cap -> {
            String upper = cap.toUpperCase(Locale.ROOT);
            return upper.equals("ALL") || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        }).toList();
    }

    /** A service spec's {@code TaskTemplate}. */
    private static ObjectNode task(ObjectNode spec) {
        return spec.withObjectProperty("TaskTemplate");
    }

    /** A service spec's {@code TaskTemplate.ContainerSpec}. */
    private static ObjectNode containerSpec(ObjectNode spec) {
        return task(spec).withObjectProperty("ContainerSpec");
    }

    private static ObjectNode limits(ObjectNode spec) {
        return task(spec).withObjectProperty("Resources").withObjectProperty("Limits");
    }

    private static DockerField.Service specText(String key) {
        return (v, s) -> containerSpec(s).put(key, v.asText());
    }

    private static DockerField.Service specTrue(String key) {
        return (v, s) -> {
            if (v.asBoolean()) {
                containerSpec(s).put(key, true);
            }
        };
    }

    private static Create hostTrue(String key) {
        return (v, c, h) -> {
            if (v.asBoolean()) {
                h.put(key, true);
            }
        };
    }

    private static Inspect readList(String key, UnaryOperator<String> each) {
        return e -> {
            List<String> items = strings(e.hostConfig().path(key));
            return items.isEmpty() ? null : array(items.stream().map(each).toList());
        };
    }

    private static Inspect readTrue(String key) {
        return e -> e.hostConfig().path(key).asBoolean(false) ? BooleanNode.TRUE : null;
    }

    /** A config string, unless empty or the image's own. */
    private static Inspect configText(String key) {
        return e -> {
            String v = e.config().path(key).asText("");
            return v.isEmpty() || (e.image() != null && v.equals(e.imageValue(key).asText(""))) ? null : TextNode.valueOf(v);
        };
    }

    // ------------------------------------------------------------------ typed values

    /** The words of an entrypoint: a string split by shell rules, an array as it is. */
    public static List<String> entrypointWords(JsonNode v) {
        return v.isTextual() ? ShellWords.split(v.textValue()) : strings(v);
    }

    /**
     * The words of {@code c}'s entrypoint after the first: {@code docker run --entrypoint} takes
     * only the program, so docker run and the create body both put these before the command's
     * words (empty without an entrypoint).
     */
    public static List<String> entrypointArguments(Container c) {
        JsonNode v = c.extensions().get("entrypoint");
        if (v == null || !check("entrypoint", v).isEmpty()) {
            return List.of();
        }
        List<String> words = entrypointWords(v);
        return words.subList(1, words.size());
    }

    private static String memoryText(JsonNode v) {
        return v.isTextual() ? v.textValue().trim().replace(" ", "") : v.asText();
    }

    /** {@code {"nofile": {"soft": 1024, "hard": 2048}, "nproc": 512}} as {@code nofile=1024:2048}, {@code nproc=512}. */
    private static List<String> ulimits(JsonNode v) {
        List<String> out = new ArrayList<>();
        v.properties().forEach(e -> {
            long soft = soft(e.getValue());
            long hard = hard(e.getValue());
            out.add(e.getKey() + "=" + soft + (soft == hard ? "" : ":" + hard));
        });
        return out;
    }

    private static long soft(JsonNode u) {
        return u.isObject() ? u.path("soft").asLong() : u.asLong();
    }

    private static long hard(JsonNode u) {
        return u.isObject() ? u.path("hard").asLong() : u.asLong();
    }

    /** docker's restart policies as swarm restart conditions: no -> none, always and unless-stopped -> any. */
    private static String restartCondition(String policy) {
        return switch (policy) {
            case "no" -> "none";
            case "on-failure" -> "on-failure";
            default -> "any";
        };
    }

    private static void serviceRestart(JsonNode v, ObjectNode spec) {
        String[] parts = v.asText().split(":", 2);
        ObjectNode policy = task(spec).putObject("RestartPolicy").put("Condition", restartCondition(parts[0]));
        if (parts.length == 2) {
            policy.put("MaxAttempts", Long.parseLong(parts[1]));
        }
    }

    private static List<String> swarmRestart(JsonNode v) {
        String[] parts = v.asText().split(":", 2);
        List<String> out = new ArrayList<>(List.of("--restart-condition=" + restartCondition(parts[0])));
        if (parts.length == 2) {
            out.add("--restart-max-attempts=" + parts[1]);
        }
        return out;
    }

    // ------------------------------------------------------------------ checks

    private static void checkRestart(JsonNode v, FieldCheck.Report r) {
        if (!v.isTextual() || !RESTART_VALUE.matcher(v.textValue()).matches()) {
            r.problem("", code("restart"), "restart must be \"no\", \"always\", \"unless-stopped\", \"on-failure\" or "
                    + "\"on-failure:N\", not " + Show.value(v));
        }
    }

    private static void checkLabels(JsonNode v, FieldCheck.Report r) {
        if (!v.isObject()) {
            r.problem("", code("labels"), "labels must be an object of KEY: \"value\", not " + Show.value(v));
            return;
        }
        v.properties().forEach(e -> {
            String key = e.getKey();
            String sub = "[" + Rules.quote(key) + "]";
            if (!LABEL_KEY.matcher(key).matches()) {
                r.problem(sub, code("labels"), "label key " + Rules.quote(key)
                        + " must start with a letter or digit and hold only letters, digits, '.', '_', '/' and '-'");
            } else if (key.startsWith(RESERVED_LABEL_PREFIX)) {
                r.problem(sub, RESERVED_LABEL, "label " + Rules.quote(key) + " is reserved: labels under "
                        + RESERVED_LABEL_PREFIX + " record what cccf created");
            }
            if (!e.getValue().isTextual() || e.getValue().textValue().indexOf('\0') >= 0) {
                r.problem(sub, code("labels"), "label " + Rules.quote(key) + " must have a string value without NUL, not "
                        + Show.value(e.getValue()));
            }
        });
    }

    private static void checkEntrypoint(JsonNode v, FieldCheck.Report r) {
        if (v.isTextual()) {
            String bad = ShellWords.check(v.textValue());
            if (bad == null && (ShellWords.split(v.textValue()).isEmpty() || ShellWords.split(v.textValue()).get(0).isEmpty())) {
                bad = "the first word, the program, is empty";
            }
            if (bad != null) {
                r.problem("", code("entrypoint"), "entrypoint " + Rules.quote(v.textValue()) + ": " + bad);
            }
            return;
        }
        if (!v.isArray() || v.isEmpty()) {
            r.problem("", code("entrypoint"), "entrypoint must be a string or a non-empty array of strings, not " + Show.value(v));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode w = v.get(i);
            if (!w.isTextual() || w.textValue().indexOf('\0') >= 0 || (i == 0 && w.textValue().isEmpty())) {
                r.problem("[" + i + "]", code("entrypoint"), "entrypoint arguments must be strings without NUL, the first"
                        + " (the program) not empty, not " + Show.value(w));
            }
        }
    }

    private static void checkSysctls(JsonNode v, FieldCheck.Report r) {
        if (!v.isObject()) {
            r.problem("", code("sysctls"), "sysctls must be an object such as {\"net.core.somaxconn\": \"1024\"}, not "
                    + Show.value(v));
            return;
        }
        v.properties().forEach(e -> {
            JsonNode x = e.getValue();
            if (!SYSCTL_KEY.matcher(e.getKey()).matches() || !(x.isTextual() || x.isIntegralNumber())
                    || x.asText().isEmpty() || x.asText().indexOf('\0') >= 0) {
                r.problem(Rules.pathStep(e.getKey()), code("sysctls"), "sysctl " + Rules.quote(e.getKey())
                        + " must be a dotted kernel parameter with a string or integer value");
            }
        });
    }

    private static void checkUlimits(JsonNode v, FieldCheck.Report r) {
        if (!v.isObject()) {
            r.problem("", code("ulimits"), "ulimits must be an object such as {\"nofile\": {\"soft\": 1024, \"hard\": 2048}},"
                    + " not " + Show.value(v));
            return;
        }
        v.properties().forEach(e -> {
            JsonNode x = e.getValue();
            boolean limits = x.isObject() ? x.size() == 2 && limit(x.get("soft")) && limit(x.get("hard"))
                    && x.get("soft").asLong() <= x.get("hard").asLong() : limit(x);
            if (!ULIMIT_NAME.matcher(e.getKey()).matches() || !limits) {
                r.problem(Rules.pathStep(e.getKey()), code("ulimits"), "ulimit " + Rules.quote(e.getKey())
                        + " must be a limit name (nofile, nproc, core ...) with an integer, or {\"soft\": N, \"hard\": M} with N <= M");
            }
        });
    }

    private static boolean limit(JsonNode x) {
        return x != null && x.isIntegralNumber() && x.canConvertToLong() && x.longValue() >= -1;
    }

    private static void checkDependsOn(JsonNode v, FieldCheck.Report r) {
        if (v.isObject()) { // compose's form: keyed by ids, conditions as values
            v.properties().forEach(e -> {
                String sub = Rules.pathStep(e.getKey());
                if (Rules.checkId(e.getKey()) != null) {
                    r.problem(sub, code("depends_on"), "depends_on keys must be container ids, not " + Rules.quote(e.getKey()));
                }
                JsonNode to = e.getValue();
                JsonNode condition = to.path("condition");
                if (!to.isObject() && !to.isNull()) {
                    r.problem(sub, code("depends_on"), "depends_on " + Rules.quote(e.getKey())
                            + " must be an object such as {\"condition\": \"service_healthy\"}, not " + Show.value(to));
                } else if (!condition.isMissingNode() && (!condition.isTextual() || !DEPENDS_ON_CONDITIONS.contains(condition.textValue()))) {
                    r.problem(sub + ".condition", code("depends_on"), "condition must be " + String.join(", ", DEPENDS_ON_CONDITIONS)
                            + ", not " + Show.value(condition));
                }
            });
            return;
        }
        list(v, r, "depends_on", s -> Rules.checkId(s) == null, "a container id");
    }

    private static void checkConstraints(JsonNode v, FieldCheck.Report report) {
        if (!v.isObject()) {
            report.problem("", "constraints-format", "constraints must be an object of host label -> required value,"
                    + " such as {\"zone\": \"a\"}, not " + Rules.kind(v));
            return;
        }
        v.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                report.problem("[" + Rules.quote(e.getKey()) + "]", "constraints-format",
                        "the required value of label " + Rules.quote(e.getKey()) + " must be a string, not " + Rules.kind(e.getValue()));
            }
        });
    }

    private static void checkConflicts(JsonNode v, FieldCheck.Report report) {
        if (!v.isArray()) {
            report.problem("", "conflicts-format", "conflicts must be an array of id globs such as [\"db-*\"], not " + Rules.kind(v));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode g = v.get(i);
            if (!g.isTextual() || !isGlob(g.asText())) {
                report.problem("[" + i + "]", "conflicts-format", "conflict " + (g.isTextual() ? Rules.quote(g.asText()) : Rules.kind(g))
                        + " must be an id glob: letters, digits, '_', '-', '/', with '*' and '?' as wildcards");
            }
        }
    }

    /** A glob of ids: letters, digits, {@code _ - /}, and {@code *} (any run) and {@code ?} (one character). */
    public static boolean isGlob(String s) {
        return GLOB.matcher(s).matches();
    }

    /** An id glob as a pattern: {@code *} any run, {@code ?} one character; a leading {@code /} is ignored like docker's. */
    public static Pattern globPattern(String glob) {
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        StringBuilder regex = new StringBuilder();
        for (char ch : g.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString());
    }

    private static void pattern(JsonNode v, FieldCheck.Report r, String field, Pattern p, String what) {
        if (!v.isTextual() || !p.matcher(v.textValue()).matches()) {
            r.problem("", code(field), field + " must be " + what + ", not " + Show.value(v));
        }
    }

    private static void bool(JsonNode v, FieldCheck.Report r, String field) {
        if (!v.isBoolean()) {
            r.problem("", code(field), field + " must be true or false, not " + Show.value(v));
        }
    }

    private static void list(JsonNode v, FieldCheck.Report r, String field, Predicate<String> ok, String what) {
        if (!v.isArray()) {
            r.problem("", code(field), field + " must be an array of strings, not " + Show.value(v));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || !ok.test(item.textValue())) {
                r.problem("[" + i + "]", code(field), field + " items must be " + what + ", not " + Show.value(item));
            }
        }
    }

    /** {@link #list}, or one string standing for a list of one item (as compose allows for dns and tmpfs). */
    private static void oneOrList(JsonNode v, FieldCheck.Report r, String field, Predicate<String> ok, String what) {
        if (v.isTextual() && !ok.test(v.textValue())) {
            r.problem("", code(field), field + " must be " + what + " or an array of them, not " + Show.value(v));
        } else if (!v.isTextual()) {
            list(v, r, field, ok, what);
        }
    }

    /** True for an IPv4 or IPv6 address (as docker's {@code --add-host} and {@code --dns} take them). */
    public static boolean isIpAddress(String s) {
        return isIp(s);
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || (IPV6.matcher(s).matches() && s.length() <= 64);
    }

    private static boolean isExtraHost(String s) {
        int colon = s.indexOf(':');
        return colon > 0 && HOST_NAME_PART.matcher(s.substring(0, colon)).matches() && isIp(s.substring(colon + 1));
    }

    // ------------------------------------------------------------------ JSON helpers

    static ArrayNode array(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    /** The strings of an array; a lone string is a list of one. */
    static List<String> strings(JsonNode array) {
        if (array.isTextual()) {
            return List.of(array.textValue());
        }
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object.isObject()) {
            object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
