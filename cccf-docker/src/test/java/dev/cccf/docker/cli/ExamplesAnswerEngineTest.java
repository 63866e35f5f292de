package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.scale.Scale;
import dev.cccf.testkit.Prerequisites;
import dev.cccf.testkit.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * examples/app.json applied on the two engines of {@code scripts/engines.sh} (two hosts on a LAN:
 * the file {@code addresses} beside the hosts file), and every dependency answers: each container
 * serves its declared container ports (busybox httpd, a page with its id), and from each container
 * each of its dependencies answers by the name the container uses for it (its id, a link's alias)
 * on each of its container ports, across hosts too (it once failed after the kill trials, when a
 * container a killed dockerd had left held cache's address on h2's bridge: docs/reliability.md,
 * "Apply under faults"). Each image of the example is
 * {@code cccf/busybox:test} under a tag of this test's own ({@value #OURS}IMAGE), removed
 * afterwards with the containers of its project and the example's volumes, unless they were there before.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExamplesAnswerEngineTest {
    static final String OURS = "cccf-test/examples-answer/";
    static final String PROJECT = "cccf-examples-answer";
    static final List<String> VOLUMES = List.of("proxy-certs", "pgdata");

    private final Map<String, DockerJavaEngine> engines = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    /** host -> the example's volumes that were there before the test (kept). */
    private final Map<String, Set<String>> volumesBefore = new HashMap<>();
    private final Set<String> images = new LinkedHashSet<>();
    private Path hostsFile;
    private Path app;
    private List<Container> containers;
    private boolean backupsExisted;

    @BeforeAll
    void engines(@TempDir Path dir) throws Exception {
        List<TestEngines.Engine> found = TestEngines.require(2);
        Map<String, String> address = WiringEngineTest.addresses();
        ArrayNode example = (ArrayNode) ApplyEngineTest.JSON.readTree(ApplyEngineTest.EXAMPLE.toFile());
        for (JsonNode c : example) {
            ObjectNode o = (ObjectNode) c;
            images.add(o.path("image").asText());
            o.put("image", OURS + o.path("image").asText());
            ArrayNode cmd = o.putArray("cmd");
            cmd.add("sh").add("-c").add(serve(Cccf.parse(o.toString()).containers().get(0)));
        }
        backupsExisted = Files.exists(Path.of("/srv/backups"));
        StringBuilder hosts = new StringBuilder("[");
        for (int i = 0; i < 2; i++) {
            TestEngines.Engine e = found.get(i);
            String id = "h" + (i + 1);
            Prerequisites.require(address.containsKey(e.id()), "the address of test host " + e.id());
            DockerJavaEngine engine = new DockerJavaEngine(e.url());
            engines.put(id, engine);
            urls.put(id, e.url());
            for (String image : images) {
                String[] ref = image.split(":");
                engine.client().tagImageCmd(TestEngines.IMAGE, OURS + ref[0], ref[1]).withForce().exec();
            }
            Set<String> before = new LinkedHashSet<>();
            engine.volumes().forEach(v -> before.add(v.path("Name").asText()));
            before.retainAll(VOLUMES);
            volumesBefore.put(id, before);
            // the example's db needs disk=ssd: h1 has it
            hosts.append(i == 0 ? "" : ",").append("{\"id\": \"%s\", \"docker\": \"%s\", \"address\": \"%s\", \"labels\": {\"disk\": \"%s\"}}"
                    .formatted(id, e.url(), address.get(e.id()), i == 0 ? "ssd" : "hdd"));
        }
        hostsFile = dir.resolve("hosts.json");
        Files.writeString(hostsFile, hosts.append("]").toString());
        app = dir.resolve("app.json");
        Files.writeString(app, example.toString());
        containers = Scale.up(Cccf.read(app).containers());
    }

    /**
     * A shell line that serves a page on each of the container's ports (or sleeps: it has none):
     * its hostname, which docker makes the start of the container's id, so a page says which
     * container answered (a replica too).
     */
    static String serve(Container c) {
        List<String> ports = new ArrayList<>(containerPorts(c));
        if (ports.isEmpty()) {
            return "exec sleep 2147483647";
        }
        StringBuilder b = new StringBuilder("mkdir -p /www && echo \"$HOSTNAME\" > /www/index.html");
        for (int i = 0; i < ports.size(); i++) {
            b.append(i == ports.size() - 1 ? " && exec httpd -f -p " : " && httpd -p ").append(ports.get(i)).append(" -h /www");
        }
        return b.toString();
    }

    /** The container ports a container declares: those of {@code ports} and {@code expose} (tcp: httpd). */
    static Set<String> containerPorts(Container c) {
        Set<String> out = new LinkedHashSet<>();
        c.ports().forEach(p -> out.add(p.split("/")[0].split(":")[1]));
        c.expose().forEach(e -> out.add(e.split("/")[0]));
        return out;
    }

    @AfterAll
    void cleanUp() {
        if (engines.isEmpty()) {
            return; // no engines: the test was skipped, and made nothing
        }
        engines.forEach((host, e) -> {
            for (JsonNode c : e.listLabelled(CccfLabels.PROJECT, PROJECT)) {
                e.remove(ApplyEngineTest.name(c));
            }
            for (String volume : VOLUMES) {
                if (!volumesBefore.getOrDefault(host, Set.of()).contains(volume)) {
                    try {
                        e.removeVolume(volume); // made by docker for the example's containers
                    } catch (RuntimeException inUse) {
                        // another container uses it: not ours to remove
                    }
                }
            }
            for (String image : images) {
                try {
                    e.client().removeImageCmd(OURS + image).exec(); // the tag only: cccf/busybox:test keeps the image
                } catch (RuntimeException gone) {
                    // never tagged
                }
            }
            e.close();
        });
        if (!backupsExisted) {
            Path.of("/srv/backups").toFile().delete(); // made by docker for db's bind mount
        }
    }

    private ApplyEngineTest.Run apply() {
        return ApplyEngineTest.cccf(null, "apply", app.toString(), "--hosts", hostsFile.toString(), "--project", PROJECT,
                "--stop-timeout", "1");
    }

    /** The container's host on the engines: where a container of that name runs. */
    private String hostOf(String id) {
        for (Map.Entry<String, DockerJavaEngine> e : engines.entrySet()) {
            if (e.getValue().inspect(id).isPresent()) {
                return e.getKey();
            }
        }
        throw new AssertionError(id + " runs on neither engine");
    }

    /** The hostname docker gives a container: the first 12 characters of its id. */
    private String shortId(String id) {
        return engines.get(hostOf(id)).inspect(id).orElseThrow().path("Id").asText().substring(0, 12);
    }

    @Test
    @Order(1)
    void theExampleAppliesOnTheTwoEnginesWithoutAWarning() throws Exception {
        ApplyEngineTest.Run run = apply();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("warning");
        assertThat(run.ids("created")).containsExactlyInAnyOrderElementsOf(containers.stream().map(Container::id).toList());
    }

    @Test
    @Order(2)
    void everyDependencyAnswersByTheNameItsDependantUsesOnEachOfItsPortsAcrossHostsToo() throws Exception {
        Map<String, Container> byId = new HashMap<>();
        containers.forEach(c -> byId.put(c.id(), c));
        List<String> answered = new ArrayList<>();
        int acrossHosts = 0;
        for (Container c : containers) {
            String here = hostOf(c.id());
            for (String dep : Dependencies.of(c).keySet()) {
                Container d = byId.get(dep);
                Set<String> names = new LinkedHashSet<>(List.of(dep));
                c.links().stream().map(Dependencies::linkSpec).filter(l -> l.startsWith(dep + ":"))
                        .forEach(l -> names.add(l.substring(dep.length() + 1)));
                for (String name : names) {
                    for (String port : containerPorts(d)) {
                        String page = WiringEngineTest.fetchFrom(urls.get(here), c.id(), name, Integer.parseInt(port));
                        assertThat(page).as("%s on %s reaches %s:%s", c.id(), here, name, port).contains("200 OK")
                                .endsWith("\r\n\r\n" + shortId(dep) + "\n");
                        answered.add(c.id() + " -> " + name + ":" + port);
                    }
                }
                if (!hostOf(dep).equals(here)) {
                    acrossHosts++;
                }
            }
        }
        // proxy -> web; web, web-scale-1, web-scale-2 -> db, cache; worker, worker-scale-1 -> db, cache
        assertThat(answered).hasSize(11).contains("proxy -> web:8000", "web -> db:5432", "worker-scale-1 -> cache:6379");
        assertThat(acrossHosts).as("db (disk=ssd: h1) and cache (conflicts with db: h2) are apart").isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(3)
    void aSecondApplyHasNothingToDo() throws Exception {
        ApplyEngineTest.Run run = apply();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("nothing to do");
        assertThat(run.ids("created")).isEmpty();
    }
}
