package dev.cccf.docker.compose;

import dev.cccf.core.Location;
import dev.cccf.core.Rules;
import dev.cccf.docker.compose.NodeReader.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A compose project as {@code docker compose config} builds it, before its services become
 * containers: the variables (the {@code .env} beside the first file or {@code --env-file}, under
 * the process environment), each file composed, its merge keys resolved and its values
 * substituted, its {@code include}s added and its {@code extends} resolved; the files merged in
 * order ({@link Overrides}); services whose profiles are all off left out; each service's
 * {@code env_file} read under its {@code environment}; the project name chosen. The files named
 * by {@code include}, {@code extends} and {@code env_file} are read here (relative to the file
 * naming them); nothing else does I/O.
 */
final class ProjectLoader {
    /** The largest file an include, extends, env_file or env file may name. */
    static final long MAX_FILE_SIZE = 16L * 1024 * 1024;
    /** How deep includes and extends may nest. */
    static final int MAX_FILE_DEPTH = 20;
    private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "include", "networks", "volumes",
            "secrets", "configs");

    /** A service: the key that names it (for locations) and its mapping. */
    record Service(Node key, MappingNode body) {
    }

    /** One file's part: its top-level name, if any, its services in file order, and the networks and volumes it declares. */
    private record Part(String name, Node nameNode, Map<String, Service> services, Map<String, NodeTuple> networks,
            Map<String, NodeTuple> volumes) {
    }

    private final Problems problems;
    private final Compose.Options options;
    private final Overrides overrides;
    private final Map<String, Path> folders = new HashMap<>();
    private final Map<Path, Part> extendedFiles = new HashMap<>();
    private Map<String, String> variables = Map.of();
    private final Map<String, NodeTuple> networks = new LinkedHashMap<>();
    private final Map<String, NodeTuple> volumes = new LinkedHashMap<>();

    ProjectLoader(Problems problems, Compose.Options options) {
        this.problems = problems;
        this.options = options;
        this.overrides = new Overrides(problems);
    }

    /** The networks the project's files declare, by name (a later file's over an earlier's). */
    Map<String, NodeTuple> networks() {
        return networks;
    }

    /** The named volumes the project's files declare, by name (a later file's over an earlier's). */
    Map<String, NodeTuple> volumes() {
        return volumes;
    }

    /** The variables substitution used (the environment over the env files). */
    Map<String, String> variables() {
        return variables;
    }

    /** The folder relative paths at {@code n} are resolved against, or null when unknown. */
    Path folderOf(Node n) {
        return folders.get(problems.sourceOf(n));
    }

    /** The project's services, merged, in order; {@code project} gets the project's name. */
    Map<String, Service> load(List<Compose.Input> inputs, String[] project) {
        Path folder = inputs.get(0).path() != null ? inputs.get(0).path().toAbsolutePath().normalize().getParent()
                : options.directory() == null ? null : options.directory().toAbsolutePath().normalize();
        variables = variables(folder);
        Map<String, Service> services = new LinkedHashMap<>();
        String name = null;
        Node nameNode = null;
        for (Compose.Input input : inputs) {
            folders.put(input.source(), folder); // every -f file's paths are relative to the project's folder, as compose
            Part part = file(input.text(), problems.file(input.source()), folder, false, 0);
            if (part == null) {
                continue;
            }
            if (part.name() != null) {
                name = part.name();
                nameNode = part.nameNode();
            }
            networks.putAll(part.networks());
            volumes.putAll(part.volumes());
            part.services().forEach((n, s) -> services.merge(n, s,
                    (base, over) -> new Service(base.key(), (MappingNode) overrides.merge("", base.body(), over.body()))));
        }
        project[0] = projectName(name, nameNode, folder);
        Map<String, Service> on = profiles(services);
        on.replaceAll((n, s) -> new Service(s.key(), envFiles(s.body(), "$.services" + Rules.pathStep(n))));
        if (on.isEmpty() && !problems.hasErrors() && services.isEmpty()) {
            problems.warn(new Location(inputs.get(0).source(), 1, 1), "$", Compose.SERVICES, "no services in this compose file");
        }
        return on;
    }

    // ------------------------------------------------------------------ variables

    private Map<String, String> variables(Path folder) {
        Map<String, String> out = new HashMap<>();
        List<Path> files = new ArrayList<>(options.envFiles());
        if (files.isEmpty() && folder != null && Files.isRegularFile(folder.resolve(".env"))) {
            files.add(folder.resolve(".env"));
        }
        for (Path f : files) {
            String text = read(f, null, null, "$", f);
            if (text != null) {
                out.putAll(DotEnv.parse(text, options.environment(), problems.file(f.toString())));
            }
        }
        out.putAll(options.environment()); // the environment wins over env files, as compose
        return Map.copyOf(out);
    }

    // ------------------------------------------------------------------ files

    /** One file's part, or null when it cannot be read as one (the problem is reported). */
    private Part file(String text, Problems p, Path folder, boolean forExtends, int depth) {
        Node root = ComposeYaml.compose(text, p);
        if (root == null) {
            return null;
        }
        p.adopt(root);
        new MergeKeys(p).resolve(root, "$");
        root = Interpolation.apply(root, variables, p);
        NodeReader nodes = new NodeReader(p);
        Map<String, NodeTuple> top = nodes.mapping(root, "$", "a compose file must be a mapping with \"services\"");
        if (top == null) {
            return null;
        }
        boolean version1 = !top.containsKey("services") && top.keySet().stream().anyMatch(k -> !TOP_LEVEL.contains(k) && !k.startsWith("x-"));
        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, NodeTuple> serviceMap = version1 ? top
                : top.containsKey("services") ? nodes.mapping(top.get("services").getValueNode(), "$.services",
                        "services must be a mapping of NAME: service") : Map.of();
        String base = version1 ? "$" : "$.services";
        if (serviceMap != null) {
            serviceMap.forEach((n, t) -> {
                if (!n.startsWith("x-") && nodes.mapping(t.getValueNode(), base + Rules.pathStep(n), "a service must be a mapping") != null) {
                    services.put(n, new Service(t.getKeyNode(), (MappingNode) t.getValueNode()));
                }
            });
        }
        String name = null;
        Node nameNode = null;
        Map<String, NodeTuple> declaredNetworks = new LinkedHashMap<>();
        Map<String, NodeTuple> declared = new LinkedHashMap<>();
        if (!version1 && !forExtends) {
            for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
                String key = e.getKey();
                Node v = e.getValue().getValueNode();
                if (key.equals("name")) {
                    name = nodes.scalarText(v, "$.name");
                    nameNode = v;
                } else if (key.equals("include")) {
                    include(v, p, folder, services, depth);
                } else if (key.equals("volumes") || key.equals("networks")) {
                    Map<String, NodeTuple> m = v instanceof ScalarNode s && NodeReader.isNull(s) ? Map.of()
                            : nodes.mapping(v, "$." + key, key + " must be a mapping of NAME: " + key.substring(0, key.length() - 1));
                    (key.equals("volumes") ? declared : declaredNetworks).putAll(m == null ? Map.of() : m);
                } else if (!TOP_LEVEL.contains(key) && !key.startsWith("x-") || Set.of("secrets", "configs").contains(key)) {
                    p.warn(e.getValue().getKeyNode(), "$" + Rules.pathStep(key), Compose.UNSUPPORTED, "top-level " + Rules.quote(key)
                            + " is not carried into cccf (containers only)");
                }
            }
        }
        Map<String, Service> resolved = new LinkedHashMap<>();
        Map<String, MappingNode> done = new HashMap<>();
        services.forEach((n, s) -> resolved.put(n, new Service(s.key(), extended(n, services, base, p, folder, done,
                new LinkedHashSet<>(), depth))));
        return new Part(name, nameNode, resolved, declaredNetworks, declared);
    }

    /** Reads a file named in a compose file (or the env file); null, and an error at {@code at}, when it cannot. */
    private String read(Path file, Node at, Problems p, String path) {
        return read(file, at, p, path, null);
    }

    /** {@code at} null: the problem is placed at the start of {@code self}. */
    private String read(Path file, Node at, Problems p, String path, Path self) {
        String problem;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                problem = file + ": not a regular file";
            } else if (Files.exists(file) && Files.size(file) > MAX_FILE_SIZE) {
                problem = file + ": larger than " + MAX_FILE_SIZE + " bytes";
            } else {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            problem = file + ": no such file";
        } catch (IOException | RuntimeException e) { // a folder, unreadable, not UTF-8
            problem = file + ": cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        if (at == null) {
            problems.error(new Location(self.toString(), 1, 1), path, Compose.FILE, problem);
        } else {
            p.error(at, path, Compose.FILE, problem);
        }
        return null;
    }

    /** The file a compose file names, relative to its folder; null (and a warning) when there is no folder. */
    private Path named(String name, Node at, Problems p, Path folder, String path, String what) {
        Path given = Path.of(name.startsWith("~/") && variables.containsKey("HOME") ? variables.get("HOME") + name.substring(1) : name);
        if (given.isAbsolute()) {
            return given.normalize();
        }
        if (folder == null) {
            p.warn(at, path, Compose.UNSUPPORTED, what + " " + Rules.quote(name) + " is not read: the compose file has no folder");
            return null;
        }
        return folder.resolve(given).normalize();
    }

    // ------------------------------------------------------------------ include

    private void include(Node v, Problems p, Path folder, Map<String, Service> services, int depth) {
        NodeReader nodes = new NodeReader(p);
        for (Item i : nodes.items(v, "$.include")) {
            List<Item> paths = new ArrayList<>();
            if (i.node() instanceof MappingNode) {
                Map<String, NodeTuple> m = nodes.mapping(i.node(), i.path(), "an include");
                m.forEach((key, t) -> {
                    if (key.equals("path")) {
                        paths.addAll(nodes.items(t.getValueNode(), i.path() + ".path"));
                    } else {
                        p.warn(t.getKeyNode(), i.path() + Rules.pathStep(key), Compose.UNSUPPORTED, "include's "
                                + Rules.quote(key) + " is not carried (the project's variables and folder are used)");
                    }
                });
            } else {
                paths.add(i);
            }
            for (Item f : paths) {
                String name = nodes.scalarText(f.node(), f.path());
                Path file = name == null ? null : named(name, f.node(), p, folder, f.path(), "include");
                if (file == null) {
                    continue;
                }
                if (depth >= MAX_FILE_DEPTH) {
                    p.error(f.node(), f.path(), Compose.FILE, "includes and extends nest deeper than " + MAX_FILE_DEPTH + " files (a cycle?)");
                    continue;
                }
                String text = read(file, f.node(), p, f.path());
                if (text == null) {
                    continue;
                }
                folders.put(file.toString(), file.getParent());
                Part part = file(text, problems.file(file.toString()), file.getParent(), false, depth + 1);
                if (part == null) {
                    continue;
                }
                part.services().forEach((n, s) -> {
                    if (services.containsKey(n)) {
                        p.error(f.node(), f.path(), Compose.CONFLICT, "the included service " + Rules.quote(n)
                                + " is also defined here (compose refuses the conflict)");
                    } else {
                        services.put(n, s);
                    }
                });
            }
        }
    }

    // ------------------------------------------------------------------ extends

    /** The service {@code name} of a file's {@code services} with its {@code extends} resolved (and remembered in {@code done}). */
    private MappingNode extended(String name, Map<String, Service> services, String base, Problems p, Path folder,
            Map<String, MappingNode> done, Set<String> chain, int depth) {
        MappingNode known = done.get(name);
        if (known != null) {
            return known;
        }
        Service s = services.get(name);
        String path = base + Rules.pathStep(name);
        NodeTuple ext = s.body().getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("extends")).findFirst().orElse(null);
        if (ext == null) {
            done.put(name, s.body());
            return s.body();
        }
        List<NodeTuple> own = new ArrayList<>(s.body().getValue());
        own.remove(ext);
        MappingNode body = new MappingNode(Tag.MAP, true, own, s.body().getStartMark(), s.body().getEndMark(),
                DumperOptions.FlowStyle.BLOCK);
        p.sameSource(body, s.body());
        if (!chain.add(name)) {
            p.error(ext.getValueNode(), path + ".extends", Compose.EXTENDS, "extends makes a cycle: "
                    + String.join(" -> ", chain) + " -> " + name);
            return body;
        }
        MappingNode parent = parent(ext.getValueNode(), services, base, p, folder, done, chain, depth, path + ".extends");
        chain.remove(name);
        MappingNode out = parent == null ? body : (MappingNode) overrides.merge("", parent, body);
        done.put(name, out);
        return out;
    }

    private MappingNode parent(Node v, Map<String, Service> services, String base, Problems p, Path folder,
            Map<String, MappingNode> done, Set<String> chain, int depth, String path) {
        NodeReader nodes = new NodeReader(p);
        String service;
        String fileName = null;
        Node fileNode = null;
        if (v instanceof ScalarNode s) {
            service = s.getValue();
        } else {
            Map<String, NodeTuple> m = nodes.mapping(v, path, "extends must be a service name or {service, file}");
            if (m == null) {
                return null;
            }
            service = m.containsKey("service") ? nodes.scalarText(m.get("service").getValueNode(), path + ".service") : null;
            if (m.containsKey("file")) {
                fileNode = m.get("file").getValueNode();
                fileName = nodes.scalarText(fileNode, path + ".file");
            }
            if (service == null) {
                p.error(v, path, Compose.EXTENDS, "extends needs \"service\"");
                return null;
            }
        }
        if (fileName == null) {
            if (!services.containsKey(service)) {
                p.error(v, path, Compose.EXTENDS, "extends an unknown service " + Rules.quote(service));
                return null;
            }
            return extended(service, services, base, p, folder, done, chain, depth);
        }
        Path file = named(fileName, fileNode, p, folder, path + ".file", "extends file");
        if (file == null) {
            return null;
        }
        if (depth >= MAX_FILE_DEPTH) {
            p.error(fileNode, path + ".file", Compose.FILE, "includes and extends nest deeper than " + MAX_FILE_DEPTH + " files (a cycle?)");
            return null;
        }
        Part part = extendedFiles.get(file);
        if (part == null) {
            String text = read(file, fileNode, p, path + ".file");
            if (text == null) {
                return null;
            }
            folders.put(file.toString(), file.getParent());
            part = file(text, problems.file(file.toString()), file.getParent(), true, depth + 1);
            if (part == null) {
                return null;
            }
            extendedFiles.put(file, part);
        }
        Service found = part.services().get(service);
        if (found == null) {
            p.error(v, path, Compose.EXTENDS, "extends an unknown service " + Rules.quote(service) + " of " + file);
            return null;
        }
        return found.body();
    }

    // ------------------------------------------------------------------ profiles, env_file, name

    /** The services that are on: those without profiles, and those with a profile that is on. */
    private Map<String, Service> profiles(Map<String, Service> services) {
        Set<String> on = new HashSet<>(options.profiles());
        String fromEnv = variables.get("COMPOSE_PROFILES");
        if (on.isEmpty() && fromEnv != null) {
            for (String s : fromEnv.split(",")) {
                on.add(s.strip());
            }
        }
        Map<String, Service> out = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            List<String> profiles = new ArrayList<>();
            for (NodeTuple t : s.body().getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("profiles")) {
                    Node v = t.getValueNode();
                    new NodeReader(problems).items(v, "$.services" + Rules.pathStep(name) + ".profiles").forEach(i -> {
                        if (i.node() instanceof ScalarNode p) {
                            profiles.add(p.getValue());
                        }
                    });
                }
            }
            if (profiles.isEmpty() || on.contains("*") || profiles.stream().anyMatch(on::contains)) {
                out.put(name, s);
            }
        });
        return out;
    }

    /** A service with its {@code env_file}s read into its {@code environment}, which wins over them. */
    private MappingNode envFiles(MappingNode body, String path) {
        NodeTuple envFile = body.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("env_file")).findFirst().orElse(null);
        if (envFile == null) {
            return body;
        }
        NodeReader nodes = new NodeReader(problems);
        List<NodeTuple> fromFiles = new ArrayList<>();
        for (Item i : nodes.items(envFile.getValueNode(), path + ".env_file")) {
            Node nameNode = i.node();
            String itemPath = i.path();
            boolean required = true;
            if (i.node() instanceof MappingNode) {
                Map<String, NodeTuple> m = nodes.mapping(i.node(), i.path(), "an env_file");
                if (m == null || !m.containsKey("path")) {
                    problems.error(i.node(), i.path(), Compose.TYPE, "an env_file entry needs \"path\"");
                    continue;
                }
                nameNode = m.get("path").getValueNode();
                itemPath = i.path() + ".path";
                required = !m.containsKey("required") || !"false".equals(NodeReader.value(m.get("required").getValueNode()).asText());
            }
            String name = nodes.scalarText(nameNode, itemPath);
            Path file = name == null ? null : named(name, nameNode, problems, folderOf(nameNode), itemPath, "env_file");
            if (file == null || !required && !Files.exists(file)) {
                continue;
            }
            String text = read(file, nameNode, problems, itemPath);
            if (text == null) {
                continue;
            }
            Map<String, String> values = DotEnv.parse(text, variables, problems.file(file.toString()));
            for (Map.Entry<String, String> e : values.entrySet()) {
                fromFiles.add(new NodeTuple(scalar(e.getKey(), nameNode), scalar(e.getValue(), nameNode)));
            }
        }
        List<NodeTuple> tuples = new ArrayList<>();
        MappingNode fileEnv = new MappingNode(Tag.MAP, true, fromFiles, envFile.getKeyNode().getStartMark(),
                envFile.getKeyNode().getEndMark(), DumperOptions.FlowStyle.BLOCK);
        problems.sameSource(fileEnv, envFile.getKeyNode());
        boolean merged = false;
        for (NodeTuple t : body.getValue()) {
            if (t == envFile) {
                continue;
            }
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("environment")) {
                tuples.add(new NodeTuple(t.getKeyNode(), overrides.merge("environment", fileEnv, t.getValueNode())));
                merged = true;
            } else {
                tuples.add(t);
            }
        }
        if (!merged) {
            tuples.add(new NodeTuple(scalar("environment", envFile.getKeyNode()), fileEnv));
        }
        MappingNode out = new MappingNode(Tag.MAP, true, tuples, body.getStartMark(), body.getEndMark(), DumperOptions.FlowStyle.BLOCK);
        problems.sameSource(out, body);
        return out;
    }

    private ScalarNode scalar(String value, Node at) {
        ScalarNode s = new ScalarNode(Tag.STR, value, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        problems.sameSource(s, at);
        return s;
    }

    /**
     * The project's name: {@code -p}, else {@code COMPOSE_PROJECT_NAME}, else the top-level
     * {@code name}, else the project folder's name, as compose chooses it; lowercased, with what
     * is not a letter, digit, {@code _} or {@code -} dropped, as compose normalises a folder's name.
     */
    private String projectName(String name, Node nameNode, Path folder) {
        if (options.projectName() != null) {
            return normalise(options.projectName());
        }
        String fromEnv = variables.get("COMPOSE_PROJECT_NAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return normalise(fromEnv);
        }
        if (name != null) {
            String problem = Compose.projectNameProblem(name);
            if (problem != null) {
                problems.error(nameNode, "$.name", Compose.PROJECT, problem);
            }
            return normalise(name);
        }
        String folderName = folder == null || folder.getFileName() == null ? "" : normalise(folder.getFileName().toString());
        return folderName.isEmpty() ? "default" : folderName;
    }

    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return lower.replaceFirst("^[_-]+", "");
    }
}
