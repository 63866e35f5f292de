package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.TestEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacements, health and interrupts of {@code cccf apply} on engine h1 of
 * {@code scripts/engines.sh}: a start-first replacement keeps a service on two user-defined
 * networks answering by its name (a second container on one polls it with {@code busybox nc} the
 * whole time, a third on the other asks docker's DNS with {@code nslookup}) while a published one
 * is replaced stop-first; {@code --wait} with a healthcheck that passes and one that fails; SIGINT
 * at random points of an apply, then an apply that converges. Everything it makes is named
 * {@code hl-...}, in project {@code cccf-hl}, on networks {@code cccf-test-hl} and
 * {@code cccf-test-hl2}, and removed afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyHealthEngineTest {
    static final String PROJECT = "cccf-hl";
    static final String NETWORK = "cccf-test-hl";
    /** hl-srv's second network, where the resolver asks for it. */
    static final String NETWORK2 = "cccf-test-hl2";
    static final String POLLER = "hl-poller";
    static final String RESOLVER = "hl-resolver";

    DockerJavaEngine h1;
    Path hostsFile;
    Path dir;

    @BeforeAll
    void engines(@TempDir Path tmp) throws Exception {
        TestEngines.Engine e = TestEngines.require(1).get(0);
        h1 = new DockerJavaEngine(e.url());
        dir = tmp;
        hostsFile = tmp.resolve("hosts.json");
        Files.writeString(hostsFile, "[{\"id\": \"h1\", \"docker\": \"%s\"}]".formatted(e.url()));
        removeOurs();
        h1.client().createNetworkCmd().withName(NETWORK).exec();
        h1.client().createNetworkCmd().withName(NETWORK2).exec();
    }

    @AfterEach
    void removeOurs() {
        for (JsonNode c : h1.list(true)) {
            String name = c.path("Names").path(0).asText().replaceFirst("^/", "");
            if (name.startsWith("hl-")) {
                h1.remove(name);
            }
        }
    }

    @AfterAll
    void cleanUp() {
        if (h1 == null) {
            return;
        }
        removeOurs();
        for (String network : List.of(NETWORK, NETWORK2)) {
            try {
                h1.client().removeNetworkCmd(network).exec();
            } catch (RuntimeException gone) {
                // never made
            }
        }
        h1.close();
    }

    Path wanted(String name, String json) throws Exception {
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, json.replace("IMAGE", TestEngines.IMAGE).replace("NETWORK2", NETWORK2).replace("NETWORK", NETWORK));
        return p;
    }

    ApplyEngineTest.Run apply(Path wanted, String... more) {
        List<String> argv = new ArrayList<>(List.of("apply", wanted.toString(), "--hosts", hostsFile.toString(), "--stop-timeout", "0",
                "--project", PROJECT));
        argv.addAll(List.of(more));
        return ApplyEngineTest.cccf(null, argv.toArray(String[]::new));
    }

    /** A web server of {@code version} on NETWORK and NETWORK2, and one that publishes a host port. */
    Path servers(int version) throws Exception {
        return wanted("servers-" + version, """
                [{"id": "hl-srv", "image": "IMAGE", "networks": ["NETWORK", "NETWORK2"], "env": ["V=%d"],
                  "cmd": ["sh", "-c", "mkdir -p /www && echo v$V > /www/index.html && exec httpd -f -p 8000 -h /www"],
                  "healthcheck": {"test": "wget -q -O /dev/null http://127.0.0.1:8000/", "interval": "1s", "start_interval": "100ms",
                                  "start_period": "5s", "retries": 3}},
                 {"id": "hl-pub", "image": "IMAGE", "env": ["V=%d"], "ports": ["18095:8000"],
                  "cmd": ["sh", "-c", "mkdir -p /www && exec httpd -f -p 8000 -h /www"]}]""".formatted(version, version));
    }

    @Test
    void startFirstKeepsAServiceAnsweringByItsNameOnAUserNetworkWhileAPublishedOneIsStoppedFirst() throws Exception {
        ApplyEngineTest.Run first = apply(servers(1));
        assertThat(first.code()).as(first.err()).isZero();
        String oldSrv = h1.inspect("hl-srv").orElseThrow().path("Id").asText();
        // polls hl-srv by name, ten times a second, one line per answer: "v1", "v2", or "down" when a second try at once
        // fails too (as a client retries a cut connection: one the old container has open when it leaves the network is cut)
        h1.create(POLLER, ApplyEngineTest.JSON.readTree("""
                {"Image": "%s", "Cmd": ["sh", "-c", "get() { printf 'GET / HTTP/1.0\\\\r\\\\n\\\\r\\\\n' | nc -w 1 hl-srv 8000 \
                | grep -o '^v[0-9]*$'; }; while true; do get || get || echo down; sleep 0.1; done"],
                 "HostConfig": {"NetworkMode": "%s"}}"""
                .formatted(TestEngines.IMAGE, NETWORK)));
        h1.start(POLLER);
        // what docker's DNS on hl-srv's other network answers for its name, twenty times a second: the addresses, or "none"
        h1.create(RESOLVER, ApplyEngineTest.JSON.readTree("""
                {"Image": "%s", "Cmd": ["sh", "-c", "while true; do a=$(nslookup hl-srv 2>/dev/null | grep '^Address' | grep -v ':53$' \
                | cut -d' ' -f2 | sort); echo ${a:-none}; sleep 0.05; done"],
                 "HostConfig": {"NetworkMode": "%s"}}"""
                .formatted(TestEngines.IMAGE, NETWORK2)));
        h1.start(RESOLVER);
        awaitLog(POLLER, "v1");
        String oldAddress = address("hl-srv", NETWORK2);
        awaitLog(RESOLVER, oldAddress);

        ApplyEngineTest.Run second = apply(servers(2));
        String newAddress = address("hl-srv", NETWORK2);
        awaitLog(POLLER, "v2");
        awaitLog(RESOLVER, newAddress); // then what it answers after the rename
        Thread.sleep(1000);
        // the answers (nc's complaints on stderr about a try cut short, answered by the second try, left out)
        List<String> polls = h1.logs(POLLER, 100_000).stream().filter(line -> !line.startsWith("nc: ")).toList();
        List<String> answers = h1.logs(RESOLVER, 100_000);

        assertThat(second.code()).as(second.err()).isEqualTo(0);
        assertThat(polls).as("every poll answered").doesNotContain("down").contains("v1", "v2");
        // both answer while the new one joined with the name and the old one has not left yet; then v2 only
        assertThat(polls.subList(polls.lastIndexOf("v1") + 1, polls.size())).as("v2 once the old one left").hasSizeGreaterThan(5)
                .containsOnly("v2");
        assertThat(answers).as("the name always answers").doesNotContain("none");
        assertThat(answers.subList(answers.lastIndexOf(oldAddress), answers.size())).as("the old address, then both, then the new one")
                .containsOnly(oldAddress, String.join(" ", new TreeSet<>(List.of(oldAddress, newAddress))), newAddress);
        assertThat(answers.get(answers.size() - 1)).isEqualTo(newAddress);
        assertThat(h1.inspect("hl-srv").orElseThrow().path("Id").asText()).isNotEqualTo(oldSrv);
        // start-first on the user-defined network: the new one ran before the old one went
        assertThat(second.err()).contains("h1: removed hl-srv (the old one, once the new one ran)");
        // stop-first: its removal is a step of its own, before its creation
        assertThat(second.err().indexOf("h1: removed hl-pub (")).isNotNegative()
                .isLessThan(second.err().indexOf("h1: created and started hl-pub"));
        assertThat(names()).containsExactlyInAnyOrder("hl-srv", "hl-pub", POLLER, RESOLVER);
    }

    /** The address of container {@code name} on {@code network}. */
    String address(String name, String network) {
        return h1.inspect(name).orElseThrow().path("NetworkSettings").path("Networks").path(network).path("IPAddress").asText();
    }

    @Test
    void waitReturnsOnceHealthyAndFailsWithTheLastCheckAndTheLogOfAnUnhealthyContainer() throws Exception {
        Path healthy = wanted("healthy", """
                {"id": "hl-ok", "image": "IMAGE", "cmd": "sleep 3600",
                 "healthcheck": {"test": "test -e /tmp", "interval": "1s", "start_interval": "100ms", "start_period": "10s"}}""");
        Path unhealthy = wanted("unhealthy", """
                [{"id": "hl-ok", "image": "IMAGE", "cmd": "sleep 3600",
                  "healthcheck": {"test": "test -e /tmp", "interval": "1s", "start_interval": "100ms", "start_period": "10s"}},
                 {"id": "hl-bad", "image": "IMAGE", "cmd": ["sh", "-c", "echo hello from hl-bad; exec sleep 3600"],
                  "healthcheck": {"test": "echo not yet ready; exit 1", "interval": "1s", "retries": 1}},
                 {"id": "hl-after", "image": "IMAGE", "cmd": "sleep 3600", "depends_on": {"hl-ok": {"condition": "service_healthy"}}}]""");

        ApplyEngineTest.Run ok = apply(healthy, "--wait");
        JsonNode okState = h1.inspect("hl-ok").orElseThrow().path("State");
        ApplyEngineTest.Run bad = apply(unhealthy, "--wait", "--wait-timeout", "20");

        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(okState.path("Health").path("Status").asText()).isEqualTo("healthy");
        assertThat(bad.code()).as(bad.err()).isEqualTo(3);
        assertThat(bad.summary().path("failed")).hasSize(1);
        assertThat(bad.summary().path("failed").get(0).path("id").asText()).isEqualTo("hl-bad");
        assertThat(bad.summary().path("failed").get(0).path("error").asText()).isEqualTo(
                "hl-bad: it is unhealthy; its last health check said: not yet ready; the end of its log: hello from hl-bad");
        assertThat(bad.ids("created")).containsExactlyInAnyOrder("hl-bad", "hl-after");
        assertThat(h1.inspect("hl-after").orElseThrow().path("State").path("Status").asText()).isEqualTo("running");
    }

    @Test
    void sigintAtRandomPointsStopsApplyWith130AndTheNextApplyConverges() throws Exception {
        int count = Trials.count("cccf.trials.interrupts", 20);
        long seed = Long.getLong("cccf.trials.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("interrupt trials: " + count + ", seed " + seed);
        List<String> report = new ArrayList<>();
        int interrupted = 0;
        for (int trial = 0; trial < count; trial++) {
            Path next = wanted("trial-" + trial, """
                    [{"id": "hl-a", "image": "IMAGE", "cmd": "sleep 3600", "env": ["T=%1$d"]},
                     {"id": "hl-b", "image": "IMAGE", "cmd": "sleep 3600", "env": ["T=%1$d"], "depends_on": ["hl-a"]},
                     {"id": "hl-c", "image": "IMAGE", "cmd": "sleep 3600", "env": ["T=%1$d"], "ports": ["18096:80"]}]"""
                    .formatted(trial));
            int afterSteps = random.nextInt(5); // of 5 (2 start-first, 1 stop-first): before the first, between them
            int delay = random.nextInt(300);
            Process p = new ProcessBuilder(List.of("env", "--default-signal=INT", javaBin(), "-cp", System.getProperty("java.class.path"),
                    DockerMain.class.getName(), "apply", next.toString(), "--hosts", hostsFile.toString(), "--stop-timeout", "0",
                    "--project", PROJECT)).start();
            ApplyKillTrialsTest.Steps steps = new ApplyKillTrialsTest.Steps();
            StringBuilder errText = new StringBuilder();
            Thread reading = new Thread(() -> {
                try {
                    for (int b; (b = p.getErrorStream().read()) >= 0; ) {
                        steps.write(b);
                        synchronized (errText) {
                            errText.append((char) b);
                        }
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            reading.start();
            while (p.isAlive() && steps.done() < afterSteps && !errText.toString().contains("nothing to do")) {
                Thread.sleep(2);
            }
            Thread.sleep(delay);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("trial %d: apply ends after SIGINT", trial).isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            reading.join(10_000);
            String err;
            synchronized (errText) {
                err = errText.toString();
            }
            int code = p.exitValue();
            // a signal in the JVM's own start-up, before any of cccf runs, can make the JDK fail its
            // initialisation ("InternalError: Bad level: 2" in System.initPhase2; HotSpot says so on stdout)
            boolean beforeMain = code == 1 && out.contains("Error occurred during initialization of VM");
            assertThat(beforeMain || List.of(0, 130).contains(code)).as("trial %d: exit %d: %s%s", trial, code, err, out).isTrue();
            if (err.contains("cccf apply: interrupted (SIGINT)")) { // while it applied (before, the JVM's own handler ends it)
                interrupted++;
                assertThat(code).as("trial %d: %s", trial, err).isEqualTo(130);
                assertThat(ApplyEngineTest.JSON.readTree(out).has("created")).as("trial %d: the summary so far: %s", trial, out).isTrue();
            }
            ApplyEngineTest.Run again = apply(next);
            report.add("trial %d: after %d steps +%d ms, exit %d%s, then %d".formatted(trial, afterSteps, delay, code,
                    err.contains("cccf apply: interrupted (SIGINT)") ? " (while applying)" : beforeMain ? " (in the JVM's start-up)" : "",
                    again.code()));
            assertThat(again.code()).as("trial %d, the apply after: %s", trial, again.err()).isZero();
            assertThat(names()).as("trial %d: converged, no leftover", trial)
                    .containsExactlyInAnyOrder("hl-a", "hl-b", "hl-c");
            for (String name : List.of("hl-a", "hl-b", "hl-c")) {
                JsonNode c = h1.inspect(name).orElseThrow();
                assertThat(c.path("State").path("Status").asText()).as("trial %d: %s", trial, name).isEqualTo("running");
                assertThat(c.path("Config").path("Env").toString()).as("trial %d: %s", trial, name).contains("T=" + trial);
                assertThat(c.path("Config").path("Labels").path(CccfLabels.PROJECT).asText()).isEqualTo(PROJECT);
            }
        }
        report.forEach(System.out::println);
        assertThat(interrupted).as("trials that SIGINT interrupted while applying: %s", report).isGreaterThan(count / 2);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Our containers on h1, by name. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (JsonNode c : h1.list(true)) {
            String name = c.path("Names").path(0).asText().replaceFirst("^/", "");
            if (name.startsWith("hl-")) {
                out.add(name);
            }
        }
        return out;
    }

    void awaitLog(String name, String line) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!h1.logs(name, 20).contains(line)) {
            assertThat(System.nanoTime()).as("%s logs %s: %s", name, line, h1.logs(name, 20)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
