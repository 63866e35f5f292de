package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Engine;
import dev.cccf.scale.Scale;
import dev.cccf.testkit.TestEngines;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the fault and concurrency trials of {@code cccf apply} share: the two engines of
 * {@code scripts/engines.sh} as hosts h1 and h2, one project of containers on them (ids that
 * start with the project's name), the wanted documents, and the check after each trial:
 * converged (inspect, then diff against the wanted state: nothing to add, remove or change), no
 * duplicate (each wanted id once over both engines), no orphan (every container of the project
 * is wanted, running and carries the project's labels).
 *
 * <p>The trials' random choices come from a seed, printed, so that a failing run can be replayed:
 * {@code -Dcccf.trials.seed=N}; {@code scripts/trials.sh} runs them alone.
 */
final class Trials {
    /** The seed used when {@code cccf.trials.seed} is not set: CI runs the same trials every time. */
    static final long DEFAULT_SEED = 20261123L;

    final String project;
    final List<TestEngines.Engine> engines;
    final Path hostsFile;
    final Path dir;
    final long seed;

    Trials(Path dir, String project) throws IOException {
        this.dir = dir;
        this.project = project;
        this.engines = TestEngines.require(2).subList(0, 2);
        StringBuilder hosts = new StringBuilder("[");
        for (TestEngines.Engine e : engines) {
            hosts.append(hosts.length() == 1 ? "" : ",").append("""
                    {"id": "%s", "docker": "%s", "labels": {"side": "%s"}, "memory": "64g", "cpus": 64}"""
                    .formatted(e.id(), e.url(), hosts.length() == 1 ? "a" : "b"));
        }
        hostsFile = dir.resolve("hosts.json");
        Files.writeString(hostsFile, hosts.append("]").toString());
        String s = System.getProperty("cccf.trials.seed", "");
        seed = s.isBlank() ? DEFAULT_SEED : Long.parseLong(s.trim());
    }

    /** A count from a system property (e.g. {@code -Dcccf.trials.kills=100}), else {@code fallback}. */
    static int count(String property, int fallback) {
        String v = System.getProperty(property, "");
        return v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    /**
     * Version {@code v} of the wanted state: 8 or 9 containers with dependencies. Each version
     * changes the env of db (on h1), of cache and web's 3 replicas (on h2), and worker's scale (2
     * or 3, spread), so applying it over the one before removes, creates and starts on both hosts.
     * The constraints keep it so: placed freely, containers that ran on h2 could end up on h1
     * after a trial and leave the victim with nothing to do.
     */
    Path wanted(int v) {
        // a service that stops when asked (SIGTERM), as a well-behaved one does: a dockerd that
        // restarts after a kill stops what ran, and would wait 10 s for a bare "sleep" (PID 1 ignores TERM)
        String cmd = "sh -c \\\"trap 'exit 0' TERM; sleep 3600 & wait\\\"";
        String text = """
                [{"id": "%1$s-db", "image": "%2$s", "cmd": "%5$s", "env": ["V=%3$d"], "constraints": {"side": "a"}},
                 {"id": "%1$s-cache", "image": "%2$s", "cmd": "%5$s", "env": ["V=%3$d"], "constraints": {"side": "b"}},
                 {"id": "%1$s-web", "image": "%2$s", "cmd": "%5$s", "env": ["V=%3$d"], "scale": 3,
                  "constraints": {"side": "b"}, "depends_on": ["%1$s-db", "%1$s-cache"]},
                 {"id": "%1$s-worker", "image": "%2$s", "cmd": "%5$s", "scale": %4$d, "depends_on": ["%1$s-db"]},
                 {"id": "%1$s-proxy", "image": "%2$s", "cmd": "%5$s", "constraints": {"side": "a"}, "depends_on": ["%1$s-web"]}]
                """.formatted(project, TestEngines.IMAGE, v, 2 + v % 2, cmd);
        Path file = dir.resolve(project + "-v" + v + ".json");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code cccf apply WANTED} in-process, on both engines, as this project; stderr also to {@code watch}. */
    ApplyEngineTest.Run apply(Path wanted, OutputStream watch) {
        return ApplyEngineTest.cccf(watch, "apply", wanted.toString(), "--hosts", hostsFile.toString(), "--project", project,
                "--stop-timeout", "1");
    }

    /** host -> name -> summary of the containers of this project (by label) or named like them. */
    Map<String, Map<String, JsonNode>> ours() {
        Map<String, Map<String, JsonNode>> out = new TreeMap<>();
        for (TestEngines.Engine e : engines) {
            Map<String, JsonNode> here = new TreeMap<>();
            try (Engine engine = Engine.connect(e.url())) {
                for (JsonNode c : engine.list(true)) {
                    String name = ApplyEngineTest.name(c);
                    if (name.startsWith(project + "-") || project.equals(c.path("Labels").path(CccfLabels.PROJECT).asText())) {
                        here.put(name, c);
                    }
                }
            }
            out.put(e.id(), here);
        }
        return out;
    }

    /**
     * What is wrong with the engines' state against {@code wanted}: empty when it is converged,
     * without duplicate and without orphan.
     */
    List<String> problems(Path wanted) throws IOException {
        List<String> out = new ArrayList<>();
        List<Container> want = Scale.up(Cccf.read(wanted).containers());
        Set<String> ids = want.stream().map(Container::id).collect(Collectors.toSet());
        Map<String, List<String>> where = new TreeMap<>();
        ours().forEach((host, containers) -> containers.forEach((name, c) -> {
            where.computeIfAbsent(name, k -> new ArrayList<>()).add(host);
            String state = c.path("State").asText();
            if (!ids.contains(name)) {
                out.add("orphan: " + name + " on " + host + " (" + state + ")");
            } else if (!state.equals("running")) {
                out.add("not running: " + name + " on " + host + " (" + state + ")");
            }
            if (!project.equals(c.path("Labels").path(CccfLabels.PROJECT).asText())) {
                out.add("not made by cccf for " + project + ": " + name + " on " + host);
            }
        }));
        where.forEach((name, hosts) -> {
            if (hosts.size() > 1) {
                out.add("duplicate: " + name + " on " + hosts);
            }
        });
        ApplyEngineTest.Run inspect = ApplyEngineTest.cccf(null, "inspect", "--hosts", hostsFile.toString(), "--all");
        if (inspect.code() != 0) {
            out.add("inspect failed (" + inspect.code() + "): " + inspect.err().strip());
            return out;
        }
        List<Container> current = new ArrayList<>();
        for (JsonNode c : ApplyEngineTest.JSON.readTree(inspect.out())) { // one by one: a duplicate id is no error here
            if (where.containsKey(c.path("id").asText())) {
                current.addAll(Cccf.parse(c.toString()).containers());
            }
        }
        DiffResult diff = Diff.between(current, want, Set.of("links", "depends_on")); // links across hosts became dependencies
        diff.add().forEach(c -> out.add("missing: " + c.id()));
        diff.changed().forEach(c -> out.add("changed: " + c));
        return out;
    }

    /** Removes every container of this project (by label or name), on both engines. */
    void removeAll() {
        for (TestEngines.Engine e : engines) {
            try (Engine engine = Engine.connect(e.url())) {
                ours().getOrDefault(e.id(), Map.of()).keySet().forEach(engine::remove);
            }
        }
    }

    /** The second engine (h2), whose dockerd the fault trials kill. */
    TestEngines.Engine victim() {
        return engines.get(1);
    }

    /** The pid of the victim's dockerd, as scripts/engines.sh recorded it when it started it. */
    long victimPid() throws IOException {
        return Long.parseLong(Files.readString(victim().socket().getParent().resolve("started.pid")).trim());
    }

    /** Kills the victim's dockerd (SIGKILL, by its recorded pid) and waits until the process is gone. */
    void killVictim(long pid) throws InterruptedException {
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("dockerd " + pid + " is not running"));
        daemon.destroyForcibly();
        for (int i = 0; i < 200 && daemon.isAlive(); i++) {
            Thread.sleep(50);
        }
        assertThat(daemon.isAlive()).as("dockerd %d is gone", pid).isFalse();
    }

    /**
     * The containers the victim's containerd runs that its dockerd does not know, by id: what a
     * dockerd killed in the middle of a create or start leaves running (the container's shim, which
     * names this engine's containerd socket, outlives it). On the bridge such a container keeps an
     * address the next dockerd hands out again, so a later container's address answers twice.
     * Ids still unknown after 2 s (a shim of a container just removed may still be exiting).
     */
    List<String> strangers() throws InterruptedException {
        String address = victim().socket().resolveSibling("exec/containerd/containerd.sock").toString();
        List<String> unknown = List.of();
        try (Engine engine = Engine.connect(victim().url())) {
            for (int attempt = 0; attempt < 20; attempt++) {
                unknown = ProcessHandle.allProcesses().map(p -> p.info().arguments().map(List::of).orElse(List.of()))
                        .filter(args -> after(args, "-address").equals(address)).map(args -> after(args, "-id"))
                        .filter(id -> !id.isEmpty() && engine.inspect(id).isEmpty()).sorted().toList();
                if (unknown.isEmpty()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        return unknown;
    }

    /** The argument after {@code flag} in {@code args}, or "" when there is none. */
    private static String after(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "";
    }

    /** {@code scripts/engines.sh start}: the killed engine comes back (its log goes to the trial dir). */
    void restartEngines() throws IOException, InterruptedException {
        Path log = dir.resolve("engines-start.log");
        Process start = new ProcessBuilder("../scripts/engines.sh", "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        boolean done = start.waitFor(120, TimeUnit.SECONDS);
        assertThat(done && start.exitValue() == 0).as("scripts/engines.sh start; its output:\n%s",
                Files.exists(log) ? Files.readString(log) : "").isTrue();
    }
}
