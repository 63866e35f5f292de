package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cccf.core.cli.Tool;
import dev.cccf.diff.cli.DiffMain;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.swarm.SwarmManager;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cccf apply --swarm} on the swarm of {@code scripts/engines.sh swarm} (h1 the manager, h2
 * a worker), step by step in one test (a swarm takes seconds per step): an application with
 * replicas, a global service, a constraint on a node label and an overlay network; every task
 * where it should be; a service reaching another by name; apply again; a rolling update of a
 * 2-replica service polled throughout; a service removed; the worker's dockerd killed, the swarm
 * rescheduling, inspect and diff showing WANTED; the worker restarted. Its services, network,
 * image tag and project are named after this run ({@code cst-XXXX}) and removed afterwards.
 */
@Tag("engine")
class SwarmApplyEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run = "cst" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private final String v2 = "cccf-test/busybox:" + run;
    private TestEngines.Swarm swarm;
    private SwarmManager manager;

    /** The swarm (or the test skips), its manager, and the test image tagged v2 on both nodes. */
    @BeforeEach
    void swarmAndImage() throws Exception {
        swarm = TestEngines.requireSwarm();
        manager = SwarmManager.connect(Endpoint.of(swarm.manager()));
        for (String url : List.of(swarm.manager(), swarm.worker())) {
            assertThat(docker(url, "tag", TestEngines.IMAGE, v2)).isZero();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (swarm == null) {
            return; // skipped
        }
        if (!TestEngines.ping(socket(swarm.worker()))) {
            restartWorker();
        }
        for (JsonNode s : manager.services()) {
            if (s.path("Spec").path("Name").asText().startsWith(run)) {
                manager.remove(s.path("ID").asText());
            }
        }
        await(() -> List.of(swarm.manager(), swarm.worker()).stream().allMatch(url -> output(url, "ps", "-aq", "--filter", "name=" + run)
                .isBlank()), 60);
        for (String url : List.of(swarm.manager(), swarm.worker())) {
            docker(url, "image", "rm", v2);
        }
        docker(swarm.manager(), "network", "rm", run + "-net");
        docker(swarm.manager(), "network", "rm", run + "-back");
        manager.close();
    }

    @Test
    void applyConvergesTheSwarmInPlaceAndAfterANodeFails(@TempDir Path dir) throws Exception {
        int port = 20_000 + (int) (System.nanoTime() % 10_000);
        String wanted = """
                [{"id": "%1$s-web", "image": "%2$s", "cmd": "httpd -f -p 80 -h /www", "scale": 2, "ports": ["%3$d:80"],
                  "publish_mode": "host", "conflicts": ["%1$s-web"], "network": "%1$s-net", "endpoint_mode": "dnsrr"},
                 {"id": "%1$s-agent", "image": "%2$s", "cmd": "sleep 3600", "global": true, "network": "%1$s-net"},
                 {"id": "%1$s-pinned", "image": "%2$s", "cmd": "sleep 3600", "constraints": {"zone": "b"},
                  "healthcheck": {"test": "test -d /www", "interval": "1s"}},
                 {"id": "%1$s-client", "image": "%2$s", "cmd": "sleep 3600", "scale": 2, "network": "%1$s-net",
                  "endpoint_mode": "dnsrr"}]
                """;
        Path app = dir.resolve(run + ".json");
        Files.writeString(app, wanted.formatted(run, TestEngines.IMAGE, port));
        String h1 = swarm.node("h1").id();
        String h2 = swarm.node("h2").id();

        // from nothing: four services, their tasks where they should be
        Result first = cli(new ApplyTool(streams()), "apply", app, "--wait", "--wait-timeout", "60");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.json().path("created").findValuesAsText("id"))
                .containsExactly(run + "-web", run + "-agent", run + "-pinned", run + "-client");
        assertThat(first.json().path("networks").get(0).asText()).isEqualTo(run + "-net");
        assertThat(nodesRunning("web")).containsExactlyInAnyOrder(h1, h2); // 2 replicas, at most one per node
        assertThat(nodesRunning("agent")).containsExactlyInAnyOrder(h1, h2); // global
        assertThat(nodesRunning("pinned")).containsExactly(h2); // zone=b, and healthy: --wait waited for it
        assertThat(containerOf("pinned", "{{.State.Health.Status}}")).isEqualTo("healthy\n");
        assertThat(nodesRunning("client")).containsExactlyInAnyOrder(h1, h2); // spread

        // a service reaches another by its name on the overlay network
        assertThat(execInTask("client", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc " + run + "-web 80"))
                .contains("cccf test image");

        // again: nothing changes
        Result again = cli(new ApplyTool(streams()), "apply", app);
        assertThat(again.json().path("unchanged").asInt()).isEqualTo(4);
        assertThat(again.json().path("created")).isEmpty();
        assertThat(again.json().path("updated")).isEmpty();

        // a new image: the service is updated in place, one task at a time, while it keeps answering
        String webId = serviceJson("web").path("ID").asText();
        Files.writeString(app, wanted.formatted(run, v2, port));
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger down = new AtomicInteger();
        Result update = applyPolling(app, 100, () -> {
            rounds.incrementAndGet();
            if (swarm.nodes().stream().noneMatch(n -> answers(n.address(), port))) {
                down.incrementAndGet();
            }
        });
        assertThat(update.code()).as(update.err()).isZero();
        assertThat(update.json().path("updated").findValuesAsText("id")).containsExactlyInAnyOrder(
                run + "-web", run + "-agent", run + "-pinned", run + "-client");
        JsonNode web = serviceJson("web");
        assertThat(web.path("ID").asText()).isEqualTo(webId);
        assertThat(web.path("UpdateStatus").path("State").asText()).isEqualTo("completed");
        assertThat(rounds.get()).isGreaterThan(10);
        assertThat(down.get()).as("polls that no node answered, of " + rounds.get()).isZero();
        assertThat(imagesRunning("web")).containsOnly(v2);

        // a container gone from WANTED: its service goes; the others stay as they are
        JsonNode apps = JSON.readTree(app.toFile());
        ((ArrayNode) apps).remove(2);
        Files.writeString(app, apps.toString());
        Result removed = cli(new ApplyTool(streams()), "apply", app);
        assertThat(removed.json().path("removed").findValuesAsText("id")).containsExactly(run + "-pinned");
        assertThat(removed.json().path("unchanged").asInt()).isEqualTo(3);
        assertThat(serviceJson("pinned")).isNull();

        // the worker's dockerd killed: the swarm moves what can move to h1; the services still read as WANTED
        long pid = Long.parseLong(Files.readString(swarm.workerPidFile()).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly)).contains(true);
        await(() -> nodeState(h2).equals("down"), 60);
        await(() -> nodesRunning("client").equals(List.of(h1, h1)), 60);
        Result inspected = cli(new InspectTool(streams()), "inspect", null, "--swarm");
        assertThat(inspected.code()).as(inspected.err()).isZero();
        Path current = dir.resolve("current.json");
        Files.writeString(current, inspected.out());
        Result diff = diff(current, app);
        assertThat(diff.out()).endsWith("0 to add, 0 to remove, 0 to change, 3 to keep\n");
        assertThat(cli(new ApplyTool(streams()), "apply", app).json().path("unchanged").asInt()).isEqualTo(3);

        restartWorker();
        await(() -> nodeState(h2).equals("ready"), 60);
    }

    /**
     * A declared overlay network two services join, one by an alias; an update config of one task
     * at a time with a delay, seen in the spec and in the roll; again: nothing; the services gone:
     * the network goes with them.
     */
    @Test
    void updateConfigRollsOneTaskAtATimeAndServicesMeetByAliasOnTheirDeclaredNetwork(@TempDir Path dir) throws Exception {
        String wanted = """
                {"name": "%1$s", "networks": {"%1$s-back": {"driver": "overlay", "labels": {"purpose": "cccf-test"}}},
                 "containers": [
                   {"id": "%1$s-api", "image": "%2$s", "cmd": "httpd -f -p 80 -h /www", "scale": 2, "init": true,
                    "networks": {"%1$s-back": {"aliases": ["%1$s-backend"]}}, "endpoint_mode": "dnsrr",
                    "update_config": {"parallelism": 1, "delay": "3s", "failure_action": "pause", "monitor": "1s"}},
                   {"id": "%1$s-probe", "image": "%3$s", "cmd": "sleep 3600", "init": true, "networks": ["%1$s-back"],
                    "endpoint_mode": "dnsrr"}]}
                """;
        Path app = dir.resolve(run + ".json");
        Files.writeString(app, wanted.formatted(run, TestEngines.IMAGE, TestEngines.IMAGE));

        Result first = cli(new ApplyTool(streams()), "apply", app, "--wait", "--wait-timeout", "60");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.json().path("networks").toString()).isEqualTo("[\"" + run + "-back\"]");
        JsonNode network = JSON.readTree(output(swarm.manager(), "network", "inspect", "--format", "{{json .}}", run + "-back"));
        assertThat(network.path("Driver").asText()).isEqualTo("overlay");
        assertThat(network.path("Attachable").asBoolean()).isTrue();
        assertThat(network.path("Labels").path("purpose").asText()).isEqualTo("cccf-test");
        assertThat(network.path("Labels").path("dev.cccf.project").asText()).isEqualTo(run);
        JsonNode updateConfig = serviceJson("api").path("Spec").path("UpdateConfig");
        assertThat(List.of(updateConfig.path("Parallelism").asLong(), updateConfig.path("Delay").asLong(),
                updateConfig.path("Monitor").asLong())).containsExactly(1L, 3_000_000_000L, 1_000_000_000L);
        assertThat(updateConfig.path("FailureAction").asText()).isEqualTo("pause");

        // the probe reaches the api by the alias it has on the network
        assertThat(execInTask("probe", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc " + run + "-backend 80"))
                .contains("cccf test image");

        Result again = cli(new ApplyTool(streams()), "apply", app);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.json().path("unchanged").asInt()).isEqualTo(2);
        assertThat(again.json().path("created").size() + again.json().path("updated").size()
                + again.json().path("networks").size() + again.json().path("removed_networks").size()).isZero();

        // a new image: one task at a time, 3 s apart: a moment with one task on each image, never none running
        Files.writeString(app, wanted.formatted(run, v2, TestEngines.IMAGE));
        AtomicLong mixedSince = new AtomicLong(-1);
        AtomicLong longestMixed = new AtomicLong(); // ms with one task on each image, in one stretch
        AtomicInteger fewest = new AtomicInteger(2);
        Result update = applyPolling(app, 150, () -> {
            List<String> images = runningTasks("api").stream()
                    .map(t -> t.path("Spec").path("ContainerSpec").path("Image").asText()).toList();
            fewest.accumulateAndGet(images.size(), Math::min);
            if (images.size() == 2 && images.contains(v2) && !images.stream().allMatch(v2::equals)) {
                mixedSince.compareAndSet(-1, System.nanoTime());
                longestMixed.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - mixedSince.get()), Math::max);
            } else {
                mixedSince.set(-1);
            }
        });
        assertThat(update.code()).as(update.err()).isZero();
        assertThat(update.json().path("updated").findValuesAsText("id")).containsExactly(run + "-api");
        assertThat(serviceJson("api").path("UpdateStatus").path("State").asText()).isEqualTo("completed");
        // the first new task runs, then swarm waits the delay (3 s) before it stops the second old one
        assertThat(longestMixed.get()).as("ms with one task on each image").isGreaterThanOrEqualTo(2_000);
        assertThat(fewest.get()).as("the fewest tasks running at a poll").isPositive();
        assertThat(imagesRunning("api")).containsOnly(v2);

        // no service left: the network goes too
        Files.writeString(app, "{\"name\": \"" + run + "\", \"containers\": []}");
        Result gone = cli(new ApplyTool(streams()), "apply", app);
        assertThat(gone.code()).as(gone.err()).isZero();
        assertThat(gone.json().path("removed").findValuesAsText("id")).containsExactlyInAnyOrder(run + "-api", run + "-probe");
        assertThat(gone.json().path("removed_networks").toString()).isEqualTo("[\"" + run + "-back\"]");
        // the manager forgets it at once; its node lets go of its attachment a moment later
        await(() -> output(swarm.manager(), "network", "ls", "-q", "--filter", "name=" + run + "-back").isBlank(), 20);
    }

    /** {@code apply --wait} of {@code app} in-process, {@code poll} run every {@code millis} ms until it returns. */
    private Result applyPolling(Path app, long millis, Runnable poll) throws InterruptedException {
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                poll.run();
                sleep(millis);
            }
        });
        poller.start();
        Result update = cli(new ApplyTool(streams()), "apply", app, "--wait", "--wait-timeout", "90");
        polling.set(false);
        poller.join();
        return update;
    }

    // ------------------------------------------------------------------ the swarm, read

    private JsonNode serviceJson(String name) {
        return manager.services().stream().filter(s -> s.path("Spec").path("Name").asText().equals(run + "-" + name))
                .findFirst().orElse(null);
    }

    private List<JsonNode> runningTasks(String name) {
        JsonNode s = serviceJson(name);
        if (s == null) {
            return List.of();
        }
        return manager.tasks().stream().filter(t -> t.path("ServiceID").asText().equals(s.path("ID").asText())
                && t.path("DesiredState").asText().equals("running") && t.path("Status").path("State").asText().equals("running"))
                .toList();
    }

    private List<String> nodesRunning(String name) {
        return runningTasks(name).stream().map(t -> t.path("NodeID").asText()).sorted().toList();
    }

    private Set<String> imagesRunning(String name) {
        return runningTasks(name).stream().map(t -> t.path("Spec").path("ContainerSpec").path("Image").asText())
                .collect(Collectors.toSet());
    }

    private String nodeState(String id) {
        return manager.nodes().stream().filter(n -> n.path("ID").asText().equals(id)).findFirst()
                .map(n -> n.path("Status").path("State").asText()).orElse("");
    }

    /** {@code docker inspect --format FORMAT} of the container of {@code name}'s first running task. */
    private String containerOf(String name, String format) {
        JsonNode task = runningTasks(name).get(0);
        String url = task.path("NodeID").asText().equals(swarm.node("h1").id()) ? swarm.manager() : swarm.worker();
        return output(url, "inspect", "--format", format, task.path("Status").path("ContainerStatus").path("ContainerID").asText());
    }

    /** The output of {@code sh -c command} in the container of {@code name}'s first running task. */
    private String execInTask(String name, String command) throws Exception {
        JsonNode task = runningTasks(name).get(0);
        String url = task.path("NodeID").asText().equals(swarm.node("h1").id()) ? swarm.manager() : swarm.worker();
        String container = task.path("Status").path("ContainerStatus").path("ContainerID").asText();
        ProcessBuilder pb = new ProcessBuilder("docker", "-H", url, "exec", container, "sh", "-c", command).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static boolean answers(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 300);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ helpers

    private void restartWorker() throws Exception {
        Process p = new ProcessBuilder(swarm.restart()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static int docker(String url, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", url));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static String output(String url, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", url));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Path socket(String url) {
        return Path.of(url.substring("unix://".length()));
    }

    private static void await(BooleanSupplier done, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + seconds + " s").isLessThan(deadline);
            sleep(250);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private Tool.Streams streams() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new Tool.Streams(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    /** {@code tool} run in-process on the manager, as project {@code run}. */
    private Result cli(Tool tool, String verb, Path file, String... more) {
        List<String> args = new ArrayList<>();
        if (file != null) {
            args.add(file.toString());
        }
        if (verb.equals("apply")) {
            args.add("--swarm");
        }
        args.addAll(List.of("-H", swarm.manager()));
        args.addAll(List.of(more));
        int code = tool.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result diff(Path current, Path wanted) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = DiffMain.run(new String[] {"--format", "text", current.toString(), wanted.toString()},
                new Tool.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
                        new PrintStream(e, true, StandardCharsets.UTF_8), Map.of()));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
