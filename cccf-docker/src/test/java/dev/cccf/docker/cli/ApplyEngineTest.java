package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.cli.Tool;
import dev.cccf.diff.Diff;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.scale.Scale;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cccf apply} of examples/app.json on the two engines of {@code scripts/engines.sh start},
 * step by step: from nothing, again, with a change, and with engine h2 killed in the middle.
 * Every image of the example is {@code cccf/busybox:test} under a tag of this test's own,
 * {@code cccf-test/IMAGE} (no registry, and never under a real image's name, which would outlive
 * the run in the engine's data: a user trying the README on these engines would get busybox);
 * the tags are removed afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyEngineTest {
    static final List<String> IMAGES = List.of("nginx:1.27", "example/shop-web:2.4.1", "busybox:1.36", "postgres:16", "redis:7");
    static final Path EXAMPLE = Path.of("../examples/app.json");
    /** The example's images are tagged and named under this prefix. */
    static final String OURS = "cccf-test/";
    static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, DockerJavaEngine> engines = new LinkedHashMap<>();
    List<TestEngines.Engine> found;
    Path hostsFile;
    /** The example with each image under {@link #OURS}. */
    Path app;
    Set<String> ids;
    boolean backupsExisted;

    @BeforeAll
    void engines(@TempDir Path dir) throws Exception {
        found = TestEngines.require(2);
        StringBuilder hosts = new StringBuilder("[");
        for (int i = 0; i < 2; i++) {
            TestEngines.Engine e = found.get(i);
            DockerJavaEngine engine = new DockerJavaEngine(e.url());
            engines.put(e.id(), engine);
            for (String image : IMAGES) {
                String[] ref = image.split(":");
                engine.client().tagImageCmd(TestEngines.IMAGE, OURS + ref[0], ref[1]).withForce().exec();
            }
            hosts.append(i == 0 ? "" : ",").append("""
                    {"id": "%s", "docker": "%s", "labels": {"disk": "%s"}, "memory": "64g", "cpus": 64}"""
                    .formatted(e.id(), e.url(), i == 0 ? "ssd" : "hdd"));
        }
        hostsFile = dir.resolve("hosts.json");
        Files.writeString(hostsFile, hosts.append("]").toString());
        String example = Files.readString(EXAMPLE);
        for (String image : IMAGES) {
            assertThat(example).contains("\"" + image + "\"");
            example = example.replace("\"" + image + "\"", "\"" + OURS + image + "\"");
        }
        app = Files.createDirectories(dir.resolve("app")).resolve("app.json"); // the project is the folder's name
        Files.writeString(app, example);
        ids = Scale.up(Cccf.read(app).containers()).stream().map(Container::id).collect(Collectors.toSet());
        backupsExisted = Files.exists(Path.of("/srv/backups"));
        removeOurs();
    }

    @AfterAll
    void cleanUp() {
        if (engines.isEmpty()) {
            return;
        }
        removeOurs();
        for (DockerJavaEngine e : engines.values()) {
            for (String volume : List.of("proxy-certs", "pgdata")) {
                try {
                    e.client().removeVolumeCmd(volume).exec();
                } catch (RuntimeException gone) {
                    // never made, or gone
                }
            }
            for (String image : IMAGES) {
                try {
                    e.client().removeImageCmd(OURS + image).exec(); // the tag only: cccf/busybox:test keeps the image
                } catch (RuntimeException gone) {
                    // never tagged
                }
            }
            e.close();
        }
        if (!backupsExisted) {
            Path.of("/srv/backups").toFile().delete(); // made by docker for the example's bind mount
        }
    }

    /** Removes every container cccf created under one of the example's ids (by label). */
    void removeOurs() {
        engines.forEach((host, e) -> {
            for (JsonNode c : e.list(true)) {
                if (c.path("Labels").has(CccfLabels.VERSION) && ids.contains(name(c))) {
                    e.remove(name(c));
                }
            }
        });
    }

    /** {@code cccf VERB MORE... -H URL --project PROJECT}: one engine, one project. */
    static Run cccfOn(String url, String project, String verb, String... more) {
        List<String> argv = new ArrayList<>(List.of(verb));
        argv.addAll(List.of(more));
        argv.addAll(List.of("-H", url, "--project", project));
        return cccf(null, argv.toArray(String[]::new));
    }

    /** A shell command that serves {@code text} as {@code /} on port 8080 (busybox httpd), for a test container's cmd. */
    static String serving(String text) {
        return "mkdir -p /www && echo " + text + " > /www/index.html && exec httpd -f -p 8080 -h /www";
    }

    /** Removes every container of {@code engine} whose name starts with {@code prefix} (a test's own), stopped or not. */
    static void removeContainers(DockerJavaEngine engine, String prefix) {
        for (JsonNode c : engine.list(true)) {
            String name = name(c);
            if (name.startsWith(prefix)) {
                engine.remove(name);
            }
        }
    }

    /** The container's name: of its {@code Names}, the one that is not a link's ({@code /proxy/web} names web's link alias in proxy). */
    static String name(JsonNode summary) {
        for (JsonNode n : summary.path("Names")) {
            String name = n.asText().replaceFirst("^/", "");
            if (!name.contains("/")) {
                return name;
            }
        }
        return summary.path("Names").path(0).asText().replaceFirst("^/", "");
    }

    /** host -> (name -> [docker id, state]) of the example's containers. */
    Map<String, Map<String, List<String>>> onEngines() {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        engines.forEach((host, e) -> {
            Map<String, List<String>> here = new TreeMap<>();
            for (JsonNode c : e.list(true)) {
                if (ids.contains(name(c))) {
                    here.put(name(c), List.of(c.path("Id").asText(), c.path("State").asText(),
                            Boolean.toString(c.path("Labels").has(CccfLabels.CONFIG))));
                }
            }
            out.put(host, here);
        });
        return out;
    }

    record Run(int code, String out, String err) {
        JsonNode summary() throws Exception {
            return JSON.readTree(out);
        }

        List<String> ids(String field) throws Exception {
            List<String> out = new ArrayList<>();
            summary().path(field).forEach(n -> out.add(n.path("id").asText()));
            return out;
        }
    }

    static Run cccf(OutputStream errSink, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream both = errSink == null ? err : new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                err.write(b);
                errSink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                err.write(b, off, len);
                errSink.write(b, off, len);
            }
        };
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(both, true, StandardCharsets.UTF_8), Map.of());
        int code = DockerMain.run(argv, streams);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run apply(Path wanted, String... more) {
        List<String> argv = new ArrayList<>(List.of("apply", wanted.toString(), "--hosts", hostsFile.toString(), "--stop-timeout", "1",
                "--project", "app"));
        argv.addAll(List.of(more));
        return cccf(null, argv.toArray(String[]::new));
    }

    /** Inspect then diff against the scaled-up wanted state: nothing to add or remove, no duplicate, no orphan. */
    void assertConverged(Path wanted) throws Exception {
        Run inspect = cccf(null, "inspect", "--hosts", hostsFile.toString(), "--all");
        assertThat(inspect.code()).as(inspect.err()).isZero();
        List<Container> ours = Cccf.parse(inspect.out()).containers().stream().filter(c -> ids.contains(c.id())).toList();
        // what runs is the wanted config wired across hosts: a link across hosts became a dependency
        var diff = Diff.between(ours, Scale.up(Cccf.read(wanted).containers()), Set.of("links", "depends_on"));
        assertThat(diff.add()).isEmpty();
        assertThat(diff.remove()).isEmpty();
        List<String> names = new ArrayList<>();
        onEngines().values().forEach(m -> m.forEach((name, v) -> {
            names.add(name);
            assertThat(v.get(1)).as(name).isEqualTo("running");
            assertThat(v.get(2)).as(name + " carries cccf's labels").isEqualTo("true");
        }));
        assertThat(names).containsExactlyInAnyOrderElementsOf(ids);
    }

    Path changed(Path dir, String from, String to) throws Exception {
        Path p = app.resolveSibling("app-" + Integer.toHexString((from + to).hashCode()) + ".json");
        Files.writeString(p, Files.readString(app).replace(from, to));
        return p;
    }

    /**
     * Spread as cccf-host's README states it, worked by hand instead of by cccf-host: in document
     * order, each container to the host with the fewest containers (what runs included), then the
     * fewest of its service (ids X, X-scale-N), then the first in the hosts file; for this
     * example's rules, db needs disk=ssd (the first host only) and cache conflicts with db.
     */
    static Map<String, String> spreadByHand(List<Container> containers, Map<String, Integer> load) {
        Map<String, Integer> count = new LinkedHashMap<>(load);
        Map<String, String> placed = new LinkedHashMap<>();
        String ssd = count.keySet().iterator().next();
        for (Container c : containers) {
            String service = c.id().replaceFirst("-scale-[0-9]+$", "");
            String best = null;
            for (String host : count.keySet()) {
                boolean allowed = switch (c.id()) {
                    case "db" -> host.equals(ssd);
                    case "cache" -> !host.equals(placed.get("db"));
                    default -> true;
                };
                if (allowed && (best == null || count.get(host) < count.get(best)
                        || count.get(host).equals(count.get(best)) && sameService(placed, host, service) < sameService(placed, best, service))) {
                    best = host;
                }
            }
            placed.put(c.id(), best);
            count.merge(best, 1, Integer::sum);
        }
        return placed;
    }

    private static long sameService(Map<String, String> placed, String host, String service) {
        return placed.entrySet().stream().filter(e -> e.getValue().equals(host)
                && e.getKey().replaceFirst("-scale-[0-9]+$", "").equals(service)).count();
    }

    @Test
    @Order(1)
    void fromNothingEveryContainerRunsWhereCccfHostPlacesIt() throws Exception {
        // only the project's own containers count as load, as apply reads no other (other tests', a benchmark's)
        Map<String, Integer> load = new LinkedHashMap<>();
        engines.forEach((host, e) -> load.put(host, e.listLabelled(CccfLabels.PROJECT, "app").size()));
        Map<String, String> expected = spreadByHand(Scale.up(Cccf.read(app).containers()), load);

        Run r = apply(app);

        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> placed = new HashMap<>();
        r.summary().path("created").forEach(n -> placed.put(n.path("id").asText(), n.path("host").asText()));
        assertThat(placed).isEqualTo(expected);
        assertThat(r.summary().path("unchanged").asInt()).as("what this apply created is not 'unchanged'").isZero();
        assertThat(r.err()).contains(" " + placed.size() + " created, 0 started, 0 removed, 0 unchanged, 0 failed in ");
        onEngines().forEach((host, containers) -> assertThat(containers.keySet())
                .containsExactlyInAnyOrderElementsOf(placed.entrySet().stream()
                        .filter(e -> e.getValue().equals(host)).map(Map.Entry::getKey).toList()));
        assertThat(r.err()).contains("[wiring-address]"); // the test hosts file gives no address: links across hosts are left out
        assertConverged(app);
    }

    @Test
    @Order(2)
    void aSecondApplyChangesNothingAndSaysSoAndLeavesOtherContainersAloneUnreadButCounted() throws Exception {
        var before = onEngines();
        DockerJavaEngine h1 = engines.get(found.get(0).id());
        String bystander = "cccf-apply-it-bystander";
        h1.create(bystander, JSON.createObjectNode().put("Image", TestEngines.IMAGE));
        String host = found.get(0).id();
        long others = h1.list(true).stream().filter(c -> !"app".equals(c.path("Labels").path(CccfLabels.PROJECT).asText())).count();

        Run r;
        try {
            r = apply(app);
            assertThat(h1.inspect(bystander)).isPresent();
        } finally {
            h1.remove(bystander);
        }

        assertThat(r.code()).as(r.err()).isZero();
        // not of the project and not in the way of a wanted name: not even read, so not listed
        assertThat(r.summary().path("foreign")).isEmpty();
        assertThat(r.err()).doesNotContain(bystander);
        // but counted, with every other container of the engine: one count in the summary
        assertThat(others).isPositive();
        assertThat(r.summary().path("others").path(host).asLong()).isEqualTo(others);
        assertThat(r.err()).contains("cccf apply: " + others + " other container" + (others == 1 ? "" : "s") + " on " + host
                + " left alone");
        assertThat(r.ids("created")).isEmpty();
        assertThat(r.ids("removed")).isEmpty();
        assertThat(r.ids("started")).isEmpty();
        assertThat(r.summary().path("unchanged").asInt()).isEqualTo(ids.size());
        assertThat(r.err()).contains("nothing to do");
        assertThat(onEngines()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aDryRunPrintsTheStepsAndTouchesNothing(@TempDir Path dir) throws Exception {
        var before = onEngines();

        Run r = apply(changed(dir, "\"" + OURS + "redis:7\"", "\"" + OURS + "busybox:1.36\""), "--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("-/+ cache ").contains("image: \"" + OURS + "redis:7\" -> \"" + OURS + "busybox:1.36\"")
                .contains("Plan: 0 to add, 0 to change, ");
        assertThat(onEngines()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void changingAnImageAndAnEnvValueReplacesExactlyThoseContainers(@TempDir Path dir) throws Exception {
        // proxy's image and worker's env (both replicas): no container links to them, so no other is made again
        var before = onEngines();
        Path wanted = changed(dir, "\"" + OURS + "nginx:1.27\"", "\"" + OURS + "busybox:1.36\"");
        Files.writeString(wanted, Files.readString(wanted).replace("QUEUE=default", "QUEUE=high"));
        Set<String> replaced = Set.of("proxy", "worker", "worker-scale-1");

        Run r = apply(wanted);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.ids("removed")).containsExactlyInAnyOrderElementsOf(replaced);
        assertThat(r.ids("created")).containsExactlyInAnyOrderElementsOf(replaced);
        assertThat(r.summary().path("unchanged").asInt()).isEqualTo(ids.size() - replaced.size());
        var after = onEngines();
        before.forEach((host, containers) -> containers.forEach((name, v) -> {
            if (!replaced.contains(name)) {
                assertThat(after.get(host).get(name)).as(name).isEqualTo(v);
            } else {
                assertThat(after.get(host).get(name).get(0)).as(name + " is a new container").isNotEqualTo(v.get(0));
            }
        }));
        assertConverged(wanted);
    }

    @Test
    @Order(5)
    void anEngineKilledInTheMiddleConvergesOnTheNextApply(@TempDir Path dir) throws Exception {
        Path wanted = changed(dir, "example/shop-web:2.4.1", "busybox:1.36");
        TestEngines.Engine h2 = found.get(1);
        Path pidFile = h2.socket().getParent().resolve("started.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        CountDownLatch firstStep = new CountDownLatch(1);
        OutputStream watch = new OutputStream() {
            final StringBuilder seen = new StringBuilder();

            @Override
            public synchronized void write(int b) {
                seen.append((char) b);
                if (seen.indexOf("cccf apply: " + found.get(0).id() + ": removed") >= 0
                        || seen.indexOf("cccf apply: " + h2.id() + ": removed") >= 0) {
                    firstStep.countDown();
                }
            }
        };
        Run[] first = new Run[1];
        Thread applying = new Thread(() -> first[0] = cccf(watch, "apply", wanted.toString(), "--hosts", hostsFile.toString(),
                "--stop-timeout", "1", "--parallel", "1", "--project", "app"));
        applying.start();
        assertThat(firstStep.await(60, TimeUnit.SECONDS)).as("a first step was done").isTrue();
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroyForcibly();
        applying.join(120_000);
        for (int i = 0; i < 100 && daemon.isAlive(); i++) {
            Thread.sleep(100);
        }
        Process start = new ProcessBuilder("../scripts/engines.sh", "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(start.waitFor(60, TimeUnit.SECONDS) && start.exitValue() == 0).as("engines.sh start").isTrue();
        engines.get(h2.id()).close();
        engines.put(h2.id(), new DockerJavaEngine(h2.url()));

        assertThat(first[0].code()).as(first[0].err()).isEqualTo(3);
        assertThat(first[0].summary().path("failed")).isNotEmpty();
        assertThat(first[0].summary().path("failed").toString()).contains(h2.id());

        Run again = apply(wanted);

        assertThat(again.code()).as(again.err()).isZero();
        assertConverged(wanted);
    }
}
