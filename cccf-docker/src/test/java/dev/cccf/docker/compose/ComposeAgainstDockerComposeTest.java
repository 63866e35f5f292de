package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.ShellWords;
import dev.cccf.core.fields.Networks;
import dev.cccf.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The corpus against docker-compose's own view: for each case that Debian's {@code docker-compose}
 * (v1) can read, {@code docker-compose config} and {@code cccf compose} agree on every service's
 * name, image, command, environment, ports, volumes, dependencies and networks (with the names
 * that reach it on each). A case docker-compose
 * refuses (syntax newer than v1) is listed and left out; most of the corpus must be compared.
 */
class ComposeAgainstDockerComposeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MISSING_BUILD = Pattern.compile("build path (\\S+) either does not exist");

    @TempDir
    Path tmp;

    @Test
    void dockerComposeConfigAndCccfComposeAgreeOnEveryServiceTheyBothRead() throws Exception {
        Prerequisites.require(dockerCompose(), "docker-compose (apt-get install docker-compose)");
        List<String> refused = new ArrayList<>();
        Map<String, List<String>> differences = new TreeMap<>();
        int compared = 0;
        List<ComposeCorpusTest.Case> cases = ComposeCorpusTest.cases().toList();
        for (ComposeCorpusTest.Case c : cases) {
            Path copy = tmp.resolve(c.name()); // the same folder name: the same project name
            copyTree(c.folder(), copy);
            ComposeCorpusTest.Case local = new ComposeCorpusTest.Case(copy,
                    c.files().stream().map(f -> copy.resolve(f.getFileName().toString())).toList());
            Map<String, Object> theirs = config(local, refused);
            if (theirs == null) {
                continue;
            }
            Compose.Result ours = ComposeCorpusTest.read(local);
            List<String> diffs = compare(theirs, ours);
            compared++;
            if (!diffs.isEmpty()) {
                differences.put(c.name(), diffs);
            }
        }
        System.out.printf("docker-compose config compared on %d of %d cases; refused by docker-compose: %s%n", compared,
                cases.size(), refused);
        assertThat(differences).isEmpty();
        assertThat(compared).as("cases docker-compose reads").isGreaterThanOrEqualTo(cases.size() * 3 / 4);
    }

    /**
     * What {@code cccf compose --format compose} writes is a file docker-compose reads as the same
     * services, networks and volumes (a few cases: one per source, and two whose services join several
     * networks; the top-level name left out, as 1.29 predates it).
     */
    @Test
    void aProjectWrittenBackIsAComposeFileDockerComposeReadsAsTheSameServices() throws Exception {
        Prerequisites.require(dockerCompose(), "docker-compose (apt-get install docker-compose)");
        List<String> names = List.of("airflow/docker-compose", "temporal/docker-compose", "awesome-compose/pihole-cloudflared-DoH",
                "awesome-compose/nginx-golang-mysql", "docker-compose-e2e/publish-oci", "awesome-compose/nginx-flask-mysql",
                "awesome-compose/react-express-mysql");
        Map<String, List<String>> differences = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        for (ComposeCorpusTest.Case c : ComposeCorpusTest.cases().filter(c -> names.contains(c.name())).toList()) {
            Compose.Result ours = ComposeCorpusTest.read(c);
            ObjectNode written = ComposeWriter.write(ours.declarations(), ours.containers());
            written.remove("name");
            Path folder = Files.createDirectories(tmp.resolve(c.name()));
            Path file = Files.writeString(folder.resolve("written.json"), JSON.writeValueAsString(written));
            Map<String, Object> theirs = config(new ComposeCorpusTest.Case(folder, List.of(file)), refused);
            if (theirs != null) {
                List<String> diffs = compare(theirs, ours);
                if (!diffs.isEmpty()) {
                    differences.put(c.name(), diffs);
                }
            }
        }
        assertThat(refused).isEmpty();
        assertThat(differences).isEmpty();
    }

    private static boolean dockerCompose() {
        try {
            Process p = new ProcessBuilder("docker-compose", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * {@code docker-compose config} of a case, parsed; null (and the case named in {@code refused})
     * when docker-compose cannot read it. docker-compose checks that build folders exist, which
     * the corpus does not keep: each one it names is made, empty, and it is asked again.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(ComposeCorpusTest.Case c, List<String> refused) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<String> command = new ArrayList<>(List.of("docker-compose"));
            c.files().forEach(f -> command.addAll(List.of("-f", f.toString())));
            command.add("config");
            ProcessBuilder pb = new ProcessBuilder(command).directory(c.folder().toFile());
            pb.environment().clear();
            pb.environment().putAll(ComposeCorpusTest.ENVIRONMENT);
            pb.environment().put("PATH", System.getenv("PATH"));
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                refused.add(c.folder().getFileName() + " (timeout)");
                return null;
            }
            if (p.exitValue() == 0) {
                return new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(out, StandardCharsets.UTF_8));
            }
            Matcher m = MISSING_BUILD.matcher(err);
            if (!m.find()) {
                refused.add(c.folder().getFileName() + " (" + err.strip().lines().reduce((a, b) -> b).orElse("") + ")");
                return null;
            }
            Files.createDirectories(Path.of(m.group(1)));
        }
        refused.add(c.folder().getFileName().toString());
        return null;
    }

    /** What differs between docker-compose's services and our containers, one line each. */
    @SuppressWarnings("unchecked")
    private static List<String> compare(Map<String, Object> theirs, Compose.Result ours) throws IOException {
        List<String> out = new ArrayList<>();
        Map<String, Object> services = new LinkedHashMap<>((Map<String, Object>) theirs.getOrDefault("services", Map.of()));
        // docker-compose 1.29's config lists the services of every profile; up starts those without one
        services.values().removeIf(s -> ((Map<String, Object>) s).get("profiles") instanceof List<?> p && !p.isEmpty());
        Map<String, String> ids = new HashMap<>();
        services.forEach((name, s) -> {
            Object containerName = ((Map<String, Object>) s).get("container_name");
            ids.put(name, containerName instanceof String n && n.matches("[A-Za-z0-9_-]+") ? n : name);
        });
        Map<String, JsonNode> containers = new LinkedHashMap<>();
        for (Container c : ours.containers()) {
            containers.put(c.id(), JSON.readTree(Cccf.toJson(c)));
        }
        assertThat(ours.errors()).isEmpty();
        if (!new TreeSet<>(ids.values()).equals(new TreeSet<>(containers.keySet()))) {
            out.add("services " + new TreeSet<>(ids.values()) + " but containers " + new TreeSet<>(containers.keySet()));
            return out;
        }
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            JsonNode c = containers.get(ids.get(e.getKey()));
            String at = e.getKey() + ": ";
            if (s.containsKey("image")) {
                same(out, at + "image", unescape(s.get("image")), c.path("image").asText());
            }
            same(out, at + "command", command(s.get("command")), command(c.get("cmd")));
            same(out, at + "environment", environment(s.get("environment")), new TreeSet<>(texts(c.path("env"))));
            same(out, at + "ports", ports(s.get("ports")), new TreeSet<>(texts(c.path("ports")).stream().map(p -> p.replace("/tcp", "")).toList()));
            same(out, at + "volumes", volumes(s.get("volumes")), new TreeSet<>(texts(c.path("volumes"))));
            TreeSet<String> dependsOn = new TreeSet<>();
            Object d = s.get("depends_on");
            if (d instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> dependsOn.add(ids.getOrDefault((String) k, (String) k)));
            } else if (d instanceof List<?> l) {
                l.forEach(k -> dependsOn.add(ids.getOrDefault((String) k, (String) k)));
            }
            TreeSet<String> ourDependsOn = new TreeSet<>();
            JsonNode cd = c.path("depends_on");
            if (cd.isObject()) { // the long form, with conditions
                cd.fieldNames().forEachRemaining(ourDependsOn::add);
            } else {
                ourDependsOn.addAll(texts(cd));
            }
            same(out, at + "depends_on", dependsOn, ourDependsOn);
            same(out, at + "networks", networks(e.getKey(), ids.get(e.getKey()), s, theirs, ours.project()), networks(c));
        }
        return out;
    }

    /**
     * The networks a service joins, each with the names that reach it there, as docker-compose
     * sees them: its networks (its {@code default} one when it names none and no network mode),
     * each under the name cccf gives it (its top-level {@code name}, else its key; {@code default}
     * is {@code PROJECT_default}), reached by the service's name, its container's and its aliases.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, TreeSet<String>> networks(String service, String id, Map<String, Object> s, Map<String, Object> theirs,
            String project) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        if (s.get("network_mode") != null) {
            return out;
        }
        Map<String, Object> declared = (Map<String, Object>) theirs.getOrDefault("networks", Map.of());
        Map<String, Object> joined = new LinkedHashMap<>();
        Object given = s.get("networks");
        if (given instanceof Map<?, ?> m) {
            m.forEach((k, v) -> joined.put((String) k, v));
        } else if (given instanceof List<?> l) {
            l.forEach(k -> joined.put((String) k, null));
        } else {
            joined.put("default", null);
        }
        joined.forEach((key, settings) -> {
            Object top = declared.get(key);
            Object name = top instanceof Map<?, ?> t ? t.get("name") : null;
            TreeSet<String> names = new TreeSet<>(List.of(service, id));
            if (settings instanceof Map<?, ?> m && m.get("aliases") instanceof List<?> aliases) {
                aliases.forEach(a -> names.add(String.valueOf(a)));
            }
            out.put(name != null ? String.valueOf(name) : key.equals("default") ? project + "_default" : key, names);
        });
        return out;
    }

    /** The networks a container joins, each with the names that reach it there: its id and its aliases. */
    private static Map<String, TreeSet<String>> networks(JsonNode c) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        if (c.has("networks")) {
            for (Networks.Attachment a : Networks.of(c.get("networks"))) {
                TreeSet<String> names = new TreeSet<>(a.aliases());
                names.add(c.path("id").asText());
                out.put(a.network(), names);
            }
        }
        return out;
    }

    private static void same(List<String> out, String what, Object theirs, Object ours) {
        if (!theirs.equals(ours)) {
            out.add(what + ": docker-compose " + theirs + ", cccf " + ours);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** docker-compose config writes every {@code $} as {@code $$}. */
    private static String unescape(Object v) {
        return String.valueOf(v).replace("$$", "$");
    }

    /** A command as the words it runs, from either side (a line split as compose splits it). */
    private static List<String> command(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof JsonNode n) {
            return n.isArray() ? texts(n) : ShellWords.split(n.asText());
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ComposeAgainstDockerComposeTest::unescape).toList();
        }
        return ShellWords.split(unescape(v));
    }

    /** KEY=VALUE of each variable that has a value (one without is not set in the container). */
    private static TreeSet<String> environment(Object v) {
        TreeSet<String> out = new TreeSet<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, value) -> {
                if (value != null) {
                    out.add(k + "=" + unescape(value));
                }
            });
        }
        return out;
    }

    /** HOST:CONTAINER[/udp] of each published port (the address left out; /tcp is the default). */
    private static TreeSet<String> ports(Object v) {
        TreeSet<String> out = new TreeSet<>();
        if (v instanceof List<?> l) {
            for (Object p : l) {
                if (p instanceof Map<?, ?> m) {
                    if (m.get("published") != null) {
                        String proto = m.get("protocol") == null || "tcp".equals(m.get("protocol")) ? "" : "/" + m.get("protocol");
                        out.add(m.get("published") + ":" + m.get("target") + proto);
                    }
                } else {
                    String[] parts = String.valueOf(p).split(":");
                    if (parts.length >= 2) {
                        out.add(parts[parts.length - 2] + ":" + parts[parts.length - 1]);
                    }
                }
            }
        }
        return out.stream().map(p -> p.replace("/tcp", "")).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
    }

    /** SOURCE:TARGET[:ro] of each mount ({@code :rw} is the default), TARGET alone for an anonymous volume. */
    private static TreeSet<String> volumes(Object v) {
        TreeSet<String> out = new TreeSet<>();
        if (v instanceof List<?> l) {
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    boolean readOnly = Boolean.TRUE.equals(m.get("read_only"));
                    out.add(m.get("source") == null ? String.valueOf(m.get("target"))
                            : m.get("source") + ":" + m.get("target") + (readOnly ? ":ro" : ""));
                } else {
                    String text = unescape(item);
                    out.add(text.endsWith(":rw") ? text.substring(0, text.length() - 3) : text);
                }
            }
        }
        return out;
    }
}
