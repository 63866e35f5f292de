package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.DocumentParser;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.ShellWords;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A docker-compose file as cccf: one container per service, in file order. YAML anchors, aliases
 * and merge keys ({@code <<: *defaults}) are resolved (with limits against alias bombs). What a
 * compose file says that cccf cannot carry is a warning with its line and column; what is wrong
 * is an error.
 *
 * <pre>{@code
 * Compose.Result r = Compose.read(Files.readString(path), path.toString());
 * r.warnings().forEach(p -> System.err.println(p.format()));
 * List<Container> containers = r.orThrow();   // InvalidDocumentException when r.errors() is not empty
 * }</pre>
 */
public final class Compose {
    private Compose() {
    }

    /** Aliases to collections allowed in one compose file. */
    public static final int MAX_ALIASES = 100;
    /** Nesting deeper than this is refused. */
    public static final int MAX_DEPTH = 50;

    // rule codes (documented in the README)
    public static final String SERVICES = "compose-services";
    public static final String TYPE = "compose-type";
    public static final String IMAGE = "compose-image";
    public static final String UNSUPPORTED = "compose-unsupported";
    public static final String PARTIAL = "compose-partial";
    public static final String PORT = "compose-port";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> IGNORED_TOP = Set.of("version", "name");

    /** The containers of a compose file, what it could not carry (warnings) and what is wrong (errors). */
    public record Result(List<Container> containers, List<Problem> warnings, List<Problem> errors) {
        public Result {
            containers = List.copyOf(containers);
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }

        /** The containers; throws the errors when there are any. */
        public List<Container> orThrow() {
            if (!errors.isEmpty()) {
                throw new InvalidDocumentException(errors);
            }
            return containers;
        }
    }

    /** Reads a compose file held in {@code text}; {@code source} names it in messages. */
    public static Result read(String text, String source) {
        Run run = new Run(source);
        Node root;
        try {
            root = yaml().compose(new StringReader(text));
        } catch (ReaderException e) { // a character YAML does not allow: where it is, and which
            run.error(offset(text, e.getPosition(), source), "$", Rules.SYNTAX,
                    String.format(Locale.ROOT, "character U+%04X is not allowed in YAML", e.getCodePoint()));
            return run.result(List.of());
        } catch (MarkedYAMLException e) {
            run.error(e.getProblemMark(), "$", yamlCode(e), e.getProblem() == null ? "not valid YAML" : oneLine(e.getProblem()));
            return run.result(List.of());
        } catch (YAMLException e) {
            run.error((Mark) null, "$", yamlCode(e), yamlMessage(e));
            return run.result(List.of());
        }
        if (root == null) {
            run.error((Mark) null, "$", Rules.EMPTY_DOCUMENT, "the compose file is empty");
            return run.result(List.of());
        }
        new Merges(run).resolve(root, "$");
        return run.result(run.file(root));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false); // Merges does it, each mapping once
        options.setAllowDuplicateKeys(true); // reported by us, with a location
        options.setCodePointLimit(16 * 1024 * 1024);
        DumperOptions dump = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options);
    }

    private static String yamlCode(YAMLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("aliases")) {
            return Rules.YAML_ALIASES;
        }
        return m.contains("Nesting Depth") ? Rules.NESTING_DEPTH : Rules.SYNTAX;
    }

    private static String yamlMessage(YAMLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("aliases")) {
            return "more than " + MAX_ALIASES + " YAML aliases to collections (an alias bomb?)";
        }
        if (m.contains("Nesting Depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        return oneLine(m);
    }

    /** SnakeYAML's message on one line, with the characters a terminal would act on written as escapes. */
    static String oneLine(String message) {
        String text = message.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x202e || c == 0x200b || c == 0xfeff) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() > 300 ? out.substring(0, 300) + "..." : out.toString();
    }

    /** The line and column of the code point at {@code offset} (SnakeYAML counts code points) in {@code text}. */
    private static Location offset(String text, int offset, String source) {
        String before = text.substring(0, text.offsetByCodePoints(0, Math.min(offset, text.codePointCount(0, text.length()))));
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return new Location(source, line, before.codePointCount(lineStart, before.length()) + 1);
    }

    /** The state of one read. */
    private static final class Run {
        final String source;
        final List<Problem> warnings = new ArrayList<>();
        final List<Problem> errors = new ArrayList<>();

        Run(String source) {
            this.source = source;
        }

        Result result(List<Container> containers) {
            warnings.sort(Problem.BY_LOCATION);
            errors.sort(Problem.BY_LOCATION);
            return new Result(errors.isEmpty() ? containers : List.of(), warnings, errors);
        }

        Location at(Mark m) {
            return m == null ? new Location(source, 1, 1) : new Location(source, m.getLine() + 1, m.getColumn() + 1);
        }

        void error(Mark m, String path, String code, String message) {
            errors.add(new Problem(at(m), path, code, message));
        }

        void error(Location at, String path, String code, String message) {
            errors.add(new Problem(at, path, code, message));
        }

        void error(Node n, String path, String code, String message) {
            error(n.getStartMark(), path, code, message);
        }

        void warn(Node n, String path, String code, String message) {
            warnings.add(new Problem(at(n.getStartMark()), path, code, message));
        }

        // ------------------------------------------------------------ structure

        List<Container> file(Node root) {
            Map<String, NodeTuple> top = mapping(root, "$", "a compose file must be a mapping with \"services\"");
            if (top == null) {
                return List.of();
            }
            NodeTuple services = top.get("services");
            Map<String, NodeTuple> serviceMap;
            String base;
            if (services != null) {
                top.forEach((key, t) -> {
                    if (!key.equals("services") && !IGNORED_TOP.contains(key) && !key.startsWith("x-")) {
                        warn(t.getKeyNode(), "$" + Rules.pathStep(key), UNSUPPORTED, "top-level " + Rules.quote(key)
                                + " is not carried into cccf (containers only)");
                    }
                });
                serviceMap = mapping(services.getValueNode(), "$.services", "services must be a mapping of NAME: service");
                base = "$.services";
            } else if (top.containsKey("version")) {
                error(root, "$", SERVICES, "no \"services\" in this compose file");
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

        /** The entries of a mapping by key (keys as text), duplicate keys reported; null when not a mapping. */
        Map<String, NodeTuple> mapping(Node n, String path, String expected) {
            if (!(n instanceof MappingNode m)) {
                error(n, path, TYPE, expected + ", not " + describe(n));
                return null;
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    error(t.getKeyNode(), path, TYPE, "keys must be plain strings");
                    continue;
                }
                if (out.containsKey(key.getValue())) {
                    error(key, path + Rules.pathStep(key.getValue()), Rules.DUPLICATE_KEY,
                            "the key " + Rules.quote(key.getValue()) + " appears twice in one mapping");
                }
                out.put(key.getValue(), t);
            }
            return out;
        }

        Container service(String name, NodeTuple entry, String path) {
            Node keyNode = entry.getKeyNode();
            Map<String, NodeTuple> s = mapping(entry.getValueNode(), path, "a service must be a mapping");
            if (s == null) {
                return null;
            }
            String idProblem = Rules.checkId(name);
            if (idProblem != null) {
                error(keyNode, path, Rules.ID_PATTERN, "service name: " + idProblem);
            }
            NodeTuple image = s.get("image");
            if (image == null) {
                error(keyNode, path, IMAGE, "service " + Rules.quote(name) + " has no image"
                        + (s.containsKey("build") ? " (cccf runs images; build it, then name the image)" : ""));
                return null;
            }
            String imageText = scalarText(image.getValueNode(), path + ".image");
            if (imageText == null || imageText.isBlank()) {
                return null;
            }
            Container.Builder b = Container.builder(name, imageText);
            List<String> ports = new ArrayList<>();
            List<String> expose = new ArrayList<>();
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
                    case "ports" -> ports(v, p, ports, expose);
                    case "expose" -> {
                        for (Item i : items(v, p)) {
                            String x = scalarText(i.node, i.path);
                            if (x != null) {
                                addExpose(x, i, expose);
                            }
                        }
                    }
                    case "environment" -> b.env(environment(v, p));
                    case "volumes" -> b.volumes(volumes(v, p));
                    case "links" -> {
                        List<String> links = new ArrayList<>();
                        for (Item i : items(v, p)) {
                            String x = scalarText(i.node, i.path);
                            if (x != null) {
                                String problem = Rules.checkLink(x);
                                if (problem != null) {
                                    error(i.node, i.path, Rules.LINK_FORMAT, problem);
                                }
                                links.add(x);
                            }
                        }
                        b.links(links);
                    }
                    case "depends_on" -> ext(b, DockerFields.DEPENDS_ON, dependsOn(v, p), v, p);
                    case "labels" -> ext(b, DockerFields.LABELS, labels(v, p), v, p);
                    case "restart" -> ext(b, DockerFields.RESTART, text(v, p), v, p);
                    case "scale" -> scale(b, v, p);
                    case "deploy" -> deploy(b, v, p);
                    case "container_name" -> ext(b, DockerFields.CONTAINER_NAME, text(v, p), v, p);
                    case "hostname" -> ext(b, DockerFields.HOSTNAME, text(v, p), v, p);
                    case "user" -> ext(b, DockerFields.USER, text(v, p), v, p);
                    case "working_dir" -> ext(b, DockerFields.WORKDIR, text(v, p), v, p);
                    case "network_mode" -> ext(b, DockerFields.NETWORK, text(v, p), v, p);
                    case "dns" -> ext(b, DockerFields.DNS, stringList(v, p, true), v, p);
                    case "cap_add" -> ext(b, DockerFields.CAP_ADD, stringList(v, p, false), v, p);
                    case "volumes_from" -> ext(b, DockerFields.VOLUMES_FROM, stringList(v, p, false), v, p);
                    case "privileged" -> ext(b, DockerFields.PRIVILEGED, value(v), v, p);
                    case "read_only" -> ext(b, DockerFields.READ_ONLY, value(v), v, p);
                    case "mem_limit" -> ext(b, DockerFields.MEMORY, value(v), v, p);
                    case "cpus" -> ext(b, DockerFields.CPUS, number(v, p), v, p);
                    case "healthcheck" -> ext(b, DockerFields.HEALTHCHECK, healthcheck(v, p), v, p);
                    default -> {
                        if (!key.startsWith("x-")) {
                            warn(k, p, UNSUPPORTED, Rules.quote(key) + " is not carried into cccf");
                        }
                    }
                }
            }
            b.ports(ports);
            b.expose(new ArrayList<>(new LinkedHashSet<>(expose)));
            return b.build();
        }

        // ------------------------------------------------------------ fields

        Cmd command(Node v, String path) {
            if (v instanceof ScalarNode s) {
                try {
                    ShellWords.split(s.getValue());
                } catch (IllegalArgumentException e) {
                    error(v, path, Rules.CMD_SYNTAX, "command " + Rules.quote(s.getValue()) + ": " + e.getMessage());
                }
                return isNull(s) ? null : Cmd.line(s.getValue());
            }
            List<String> words = stringList(v, path, false) instanceof ArrayNode a ? texts(a) : null;
            return words == null ? null : Cmd.argv(words);
        }

        JsonNode commandNode(Node v, String path) {
            if (v instanceof ScalarNode s) {
                return TextNode.valueOf(s.getValue());
            }
            return stringList(v, path, false);
        }

        void ports(Node v, String path, List<String> ports, List<String> expose) {
            for (Item i : items(v, path)) {
                if (i.node instanceof MappingNode) {
                    longPort(i, ports, expose);
                    continue;
                }
                String text = scalarText(i.node, i.path);
                if (text != null) {
                    shortPort(text, i, ports, expose);
                }
            }
        }

        /** {@code "8080:80"}, {@code "127.0.0.1:8080:80/udp"}, {@code "9000-9001:90-91"}, {@code "80"}. */
        void shortPort(String text, Item i, List<String> ports, List<String> expose) {
            String spec = text;
            String proto = "";
            int slash = spec.lastIndexOf('/');
            if (slash >= 0) {
                proto = spec.substring(slash);
                spec = spec.substring(0, slash);
            }
            String ip = null;
            if (spec.startsWith("[")) {
                int close = spec.indexOf("]:");
                if (close > 0) {
                    ip = spec.substring(0, close + 1);
                    spec = spec.substring(close + 2);
                }
            }
            String[] parts = spec.split(":", -1);
            if (parts.length == 3 && ip == null) {
                ip = parts[0];
                parts = new String[] {parts[1], parts[2]};
            }
            if (ip != null && !ip.isEmpty() && !ip.equals("0.0.0.0")) {
                warn(i.node, i.path, PARTIAL, "port " + Rules.quote(text) + ": the host address " + Rules.quote(ip)
                        + " is not carried (cccf ports bind every address)");
            }
            if (parts.length == 1 || (parts.length == 2 && parts[0].isEmpty())) {
                String container = parts[parts.length - 1];
                warn(i.node, i.path, PARTIAL, "port " + Rules.quote(text)
                        + " has no host port: carried as expose (cccf has no random host ports)");
                for (String c : range(container, i)) {
                    addExpose(c + proto, i, expose);
                }
                return;
            }
            if (parts.length != 2) {
                error(i.node, i.path, PORT, "port " + Rules.quote(text) + " must be [IP:]HOST:CONTAINER[/PROTOCOL]");
                return;
            }
            List<String> hosts = range(parts[0], i);
            List<String> containers = range(parts[1], i);
            if (hosts.size() != containers.size()) {
                error(i.node, i.path, PORT, "port " + Rules.quote(text) + ": the host and container ranges differ in size");
                return;
            }
            for (int n = 0; n < hosts.size(); n++) {
                addPort(hosts.get(n) + ":" + containers.get(n) + proto, i, ports);
            }
        }

        List<String> range(String text, Item i) {
            int dash = text.indexOf('-');
            if (dash < 0) {
                return List.of(text);
            }
            try {
                int from = Integer.parseInt(text.substring(0, dash));
                int to = Integer.parseInt(text.substring(dash + 1));
                if (from < 1 || to > 65535 || to < from || to - from > 1000) {
                    throw new NumberFormatException();
                }
                List<String> out = new ArrayList<>();
                for (int n = from; n <= to; n++) {
                    out.add(Integer.toString(n));
                }
                return out;
            } catch (NumberFormatException e) {
                error(i.node, i.path, PORT, "port range " + Rules.quote(text) + " must be FROM-TO, at most 1001 ports in 1-65535");
                return List.of();
            }
        }

        void longPort(Item i, List<String> ports, List<String> expose) {
            Map<String, NodeTuple> m = mapping(i.node, i.path, "a port");
            String target = m.containsKey("target") ? scalarText(m.get("target").getValueNode(), i.path + ".target") : null;
            if (target == null) {
                error(i.node, i.path, PORT, "a port mapping needs \"target\" (the container port)");
                return;
            }
            String proto = m.containsKey("protocol") ? scalarText(m.get("protocol").getValueNode(), i.path + ".protocol") : null;
            String suffix = proto == null || proto.equals("tcp") ? "" : "/" + proto;
            if (m.containsKey("host_ip")) {
                warn(m.get("host_ip").getKeyNode(), i.path + ".host_ip", PARTIAL, "the host address is not carried");
            }
            String published = m.containsKey("published") ? scalarText(m.get("published").getValueNode(), i.path + ".published") : null;
            if (published == null) {
                warn(i.node, i.path, PARTIAL, "a port without \"published\" is carried as expose");
                addExpose(target + suffix, i, expose);
                return;
            }
            List<String> hosts = range(published, i);
            if (hosts.size() == 1) {
                addPort(hosts.get(0) + ":" + target + suffix, i, ports);
            } else {
                error(i.node, i.path, PORT, "a published range needs a target range: use the short form \"A-B:C-D\"");
            }
        }

        void addExpose(String port, Item i, List<String> expose) {
            check(i.node, i.path, Rules.checkExpose(port));
            expose.add(port);
        }

        void addPort(String port, Item i, List<String> ports) {
            check(i.node, i.path, Rules.checkPort(port));
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }

        List<String> environment(Node v, String path) {
            List<String> env = new ArrayList<>();
            if (v instanceof MappingNode) {
                mapping(v, path, "environment").forEach((key, t) -> {
                    Node value = t.getValueNode();
                    String p = path + Rules.pathStep(key);
                    if (value instanceof ScalarNode s && isNull(s)) {
                        warn(t.getKeyNode(), p, PARTIAL, "environment " + Rules.quote(key)
                                + " takes its value from the shell running compose: not carried");
                        return;
                    }
                    String text = scalarText(value, p);
                    if (text != null) {
                        addEnv(key + "=" + text, t.getKeyNode(), p, env);
                    }
                });
                return env;
            }
            for (Item i : items(v, path)) {
                String text = scalarText(i.node, i.path);
                if (text == null) {
                    continue;
                }
                if (!text.contains("=")) {
                    warn(i.node, i.path, PARTIAL, "environment " + Rules.quote(text)
                            + " takes its value from the shell running compose: not carried");
                    continue;
                }
                addEnv(text, i.node, i.path, env);
            }
            return env;
        }

        void addEnv(String entry, Node at, String path, List<String> env) {
            String problem = Rules.checkEnv(entry);
            if (problem != null) {
                error(at, path, Rules.ENV_FORMAT, problem);
            }
            env.add(entry);
        }

        List<String> volumes(Node v, String path) {
            List<String> out = new ArrayList<>();
            for (Item i : items(v, path)) {
                String volume;
                if (i.node instanceof MappingNode) {
                    volume = longVolume(i);
                } else {
                    volume = scalarText(i.node, i.path);
                    if (volume != null && !volume.contains(":")) {
                        warn(i.node, i.path, PARTIAL, "volume " + Rules.quote(volume)
                                + " is an anonymous volume: not carried (in cccf \"/path\" mounts the host's /path)");
                        volume = null;
                    }
                }
                if (volume != null) {
                    String problem = Rules.checkVolume(volume);
                    if (problem != null) {
                        error(i.node, i.path, Rules.VOLUME_FORMAT, problem);
                    }
                    out.add(volume);
                }
            }
            return out;
        }

        String longVolume(Item i) {
            Map<String, NodeTuple> m = mapping(i.node, i.path, "a volume");
            String type = m.containsKey("type") ? scalarText(m.get("type").getValueNode(), i.path + ".type") : "volume";
            String source = m.containsKey("source") ? scalarText(m.get("source").getValueNode(), i.path + ".source") : null;
            String target = m.containsKey("target") ? scalarText(m.get("target").getValueNode(), i.path + ".target") : null;
            if (!"bind".equals(type) && !"volume".equals(type) || source == null || target == null) {
                warn(i.node, i.path, PARTIAL, "only bind and named volume mounts with source and target are carried");
                return null;
            }
            boolean readOnly = m.containsKey("read_only") && "true".equals(String.valueOf(value(m.get("read_only").getValueNode())));
            for (String key : m.keySet()) {
                if (!Set.of("type", "source", "target", "read_only").contains(key)) {
                    warn(m.get(key).getKeyNode(), i.path + Rules.pathStep(key), UNSUPPORTED, Rules.quote(key) + " is not carried into cccf");
                }
            }
            return source + ":" + target + (readOnly ? ":ro" : "");
        }

        JsonNode dependsOn(Node v, String path) {
            ArrayNode out = F.arrayNode();
            if (v instanceof MappingNode) {
                mapping(v, path, "depends_on").keySet().forEach(out::add);
                return out;
            }
            return stringList(v, path, false);
        }

        JsonNode labels(Node v, String path) {
            ObjectNode out = F.objectNode();
            if (v instanceof MappingNode) {
                mapping(v, path, "labels").forEach((key, t) -> {
                    String text = t.getValueNode() instanceof ScalarNode s && isNull(s) ? "" : scalarText(t.getValueNode(), path + Rules.pathStep(key));
                    if (text != null) {
                        out.put(key, text);
                    }
                });
                return out;
            }
            for (Item i : items(v, path)) {
                String text = scalarText(i.node, i.path);
                if (text != null) {
                    int eq = text.indexOf('=');
                    out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
                }
            }
            return out;
        }

        void scale(Container.Builder b, Node v, String path) {
            JsonNode n = value(v);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0 || n.intValue() > Rules.MAX_SCALE) {
                error(v, path, Rules.SCALE_RANGE, "scale must be an integer from 0 to " + Rules.MAX_SCALE);
                return;
            }
            b.scale(n.intValue());
        }

        void deploy(Container.Builder b, Node v, String path) {
            Map<String, NodeTuple> m = mapping(v, path, "deploy must be a mapping");
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
                    warn(t.getKeyNode(), p, UNSUPPORTED, "deploy" + Rules.pathStep(key) + " is not carried into cccf");
                }
            });
        }

        void resources(Container.Builder b, Node v, String path) {
            Map<String, NodeTuple> m = mapping(v, path, "resources must be a mapping");
            if (m == null) {
                return;
            }
            m.forEach((key, t) -> {
                String p = path + Rules.pathStep(key);
                Map<String, NodeTuple> limits = key.equals("limits") ? mapping(t.getValueNode(), p, "limits must be a mapping") : null;
                if (limits == null) {
                    if (!key.equals("limits")) {
                        warn(t.getKeyNode(), p, UNSUPPORTED, "resources" + Rules.pathStep(key) + " is not carried into cccf");
                    }
                    return;
                }
                limits.forEach((limit, l) -> {
                    Node value = l.getValueNode();
                    switch (limit) {
                        case "memory" -> ext(b, DockerFields.MEMORY, value(value), value, p + ".memory");
                        case "cpus" -> ext(b, DockerFields.CPUS, number(value, p + ".cpus"), value, p + ".cpus");
                        default -> warn(l.getKeyNode(), p + Rules.pathStep(limit), UNSUPPORTED, "limits" + Rules.pathStep(limit) + " is not carried into cccf");
                    }
                });
            });
        }

        JsonNode healthcheck(Node v, String path) {
            Map<String, NodeTuple> m = mapping(v, path, "healthcheck must be a mapping");
            ObjectNode out = F.objectNode();
            if (m != null) {
                m.forEach((key, t) -> {
                    Node value = t.getValueNode();
                    out.set(key, key.equals("test") ? commandNode(value, path + ".test") : value(value));
                });
            }
            return out;
        }

        /** Sets an extension after the docker field's check, whose problems are placed at the value. */
        void ext(Container.Builder b, String field, JsonNode value, Node at, String path) {
            if (value == null) {
                return;
            }
            for (DockerFields.Violation violation : DockerFields.check(field, value)) {
                error(at, path + violation.subPath(), violation.code(), violation.message());
            }
            b.extension(field, value);
        }

        void check(Node at, String path, Rules.Violation v) {
            if (v != null) {
                error(at, path, v.code(), v.message());
            }
        }

        // ------------------------------------------------------------ values

        /** A list's items; a lone scalar counts as a list of one. */
        List<Item> items(Node v, String path) {
            List<Item> out = new ArrayList<>();
            if (v instanceof SequenceNode s) {
                for (int n = 0; n < s.getValue().size(); n++) {
                    out.add(new Item(s.getValue().get(n), path + "[" + n + "]"));
                }
            } else if (v instanceof ScalarNode s && !isNull(s)) {
                out.add(new Item(v, path));
            } else if (!(v instanceof ScalarNode)) {
                error(v, path, TYPE, "expected a list, not " + describe(v));
            }
            return out;
        }

        JsonNode stringList(Node v, String path, boolean scalarIsList) {
            if (v instanceof ScalarNode && !scalarIsList) {
                error(v, path, TYPE, "expected a list, not " + describe(v));
                return null;
            }
            ArrayNode out = F.arrayNode();
            for (Item i : items(v, path)) {
                String text = scalarText(i.node, i.path);
                if (text != null) {
                    out.add(text);
                }
            }
            return out;
        }

        JsonNode text(Node v, String path) {
            String t = scalarText(v, path);
            return t == null ? null : TextNode.valueOf(t);
        }

        String scalarText(Node v, String path) {
            if (v instanceof ScalarNode s) {
                return s.getValue();
            }
            error(v, path, TYPE, "expected a single value, not " + describe(v));
            return null;
        }

        /**
         * A number, from a YAML number or a numeric string; one the cccf reader would refuse (too
         * long, or a decimal exponent beyond ±1000) is a {@code limit} error, and null.
         */
        JsonNode number(Node v, String path) {
            JsonNode n = value(v);
            if (n.isTextual()) {
                String text = n.textValue().trim();
                try {
                    BigDecimal d = new BigDecimal(text);
                    if (Rules.isReadableNumber(d)) {
                        return F.numberNode(d);
                    }
                    String shown = text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
                    error(v, path, Rules.LIMIT, "the number " + shown + " is out of range: cccf takes numbers of at most "
                            + DocumentParser.MAX_NUMBER_LENGTH + " characters, with a decimal exponent from -1000 to 1000");
                    return null;
                } catch (NumberFormatException e) {
                    return n;
                }
            }
            return n;
        }
    }

    private record Item(Node node, String path) {
    }

    /**
     * Resolves merge keys ({@code <<: *defaults}, {@code <<: [*a, *b]}) in the composed graph:
     * a mapping gets its own entries, then those of each merged mapping whose key it does not
     * have yet, as SnakeYAML's merge would. Each mapping is merged once (aliases share the
     * result) and only string keys are merged: SnakeYAML's own merge flattens again at every
     * alias and copies every non-string key, so a few dozen aliases of aliases took exponential
     * time and memory (the compose fuzz test's third finding).
     */
    private static final class Merges {
        private final Run run;
        private final Map<Node, Boolean> merged = new IdentityHashMap<>(); // false while being merged
        private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        Merges(Run run) {
            this.run = run;
        }

        void resolve(Node n, String path) {
            if (n instanceof MappingNode m) {
                merge(m, path);
            } else if (n instanceof SequenceNode s && seen.add(s)) {
                for (int i = 0; i < s.getValue().size(); i++) {
                    resolve(s.getValue().get(i), path + "[" + i + "]");
                }
            }
        }

        private void merge(MappingNode m, String path) {
            Boolean done = merged.putIfAbsent(m, false);
            if (done != null) {
                if (!done) {
                    run.error(m, path, TYPE, "a mapping cannot merge itself (<<)");
                }
                return;
            }
            List<NodeTuple> own = new ArrayList<>();
            List<MappingNode> sources = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                String at = path + Rules.pathStep(key);
                resolve(t.getValueNode(), at);
                if (!t.getKeyNode().getTag().equals(Tag.MERGE)) {
                    own.add(t);
                } else if (t.getValueNode() instanceof MappingNode source) {
                    sources.add(source);
                } else if (t.getValueNode() instanceof SequenceNode list
                        && list.getValue().stream().allMatch(MappingNode.class::isInstance)) {
                    list.getValue().forEach(source -> sources.add((MappingNode) source));
                } else {
                    run.error(t.getValueNode(), at, TYPE, "a merge key (<<) takes a mapping or a list of mappings, not "
                            + describe(t.getValueNode()));
                }
            }
            if (own.size() < m.getValue().size()) { // it had a merge key
                Set<String> keys = new HashSet<>();
                own.forEach(t -> keys.add(t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null));
                for (MappingNode source : sources) {
                    for (NodeTuple t : source.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode k && keys.add(k.getValue())) {
                            own.add(t);
                        }
                    }
                }
                m.setValue(own);
            }
            merged.put(m, true);
        }
    }

    /** A scalar as the JSON value its YAML tag says (int, float, bool, null, string); collections as text. */
    static JsonNode value(Node v) {
        if (!(v instanceof ScalarNode s)) {
            return TextNode.valueOf(describe(v));
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        try {
            // a number the cccf reader would refuse (too long, or an exponent beyond ±1000) stays
            // text, for the field's own check to report: compose never writes cccf that does not read
            if (tag.equals(Tag.INT)) {
                String digits = text.replace("_", "");
                BigInteger i = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
                return Rules.isReadableNumber(new BigDecimal(i)) ? F.numberNode(i) : TextNode.valueOf(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                BigDecimal d = new BigDecimal(text.replace("_", ""));
                return Rules.isReadableNumber(d) ? F.numberNode(d) : TextNode.valueOf(text);
            }
        } catch (NumberFormatException e) {
            return TextNode.valueOf(text);
        }
        if (tag.equals(Tag.BOOL)) {
            return F.booleanNode(Set.of("true", "yes", "on", "y").contains(text.toLowerCase(Locale.ROOT)));
        }
        if (isNull(s)) {
            return F.nullNode();
        }
        return TextNode.valueOf(text);
    }

    private static boolean isNull(ScalarNode s) {
        return s.getTag().equals(Tag.NULL);
    }

    private static List<String> texts(ArrayNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return n instanceof ScalarNode s && isNull(s) ? "null" : "a single value";
    }
}
