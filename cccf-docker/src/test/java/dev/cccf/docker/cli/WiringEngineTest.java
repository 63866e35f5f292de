package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.Prerequisites;
import dev.cccf.testkit.TestEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * Containers wired across hosts and on a network, on the two engines of {@code scripts/engines.sh}
 * (whose hosts reach each other as a LAN: the file {@code addresses} beside the hosts file). A
 * client on h1 fetches a page from a busybox httpd on h2 by the name it links to, after apply and
 * after the server is replaced; two containers on one network reach each other by alias; a second
 * apply does nothing; the network goes when nothing uses it. Everything under names of its own
 * ({@code cccf-wire-*}, project of the same name), removed afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WiringEngineTest {
    private final String p = "cccf-wire-" + UUID.randomUUID().toString().substring(0, 8);
    private final String net = p + "-net";
    private final Map<String, DockerJavaEngine> engines = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private Path hostsFile;
    private Path dir;

    @BeforeAll
    void engines(@TempDir Path tmp) throws Exception {
        dir = tmp;
        List<TestEngines.Engine> found = TestEngines.require(2);
        Map<String, String> address = addresses();
        StringBuilder hosts = new StringBuilder("[");
        for (int i = 0; i < 2; i++) {
            TestEngines.Engine e = found.get(i);
            String id = "h" + (i + 1);
            Prerequisites.require(address.containsKey(e.id()), "the address of test host " + e.id());
            engines.put(id, new DockerJavaEngine(e.url()));
            urls.put(id, e.url());
            hosts.append(i == 0 ? "" : ",").append("{\"id\": \"%s\", \"docker\": \"%s\", \"address\": \"%s\"}"
                    .formatted(id, e.url(), address.get(e.id())));
        }
        hostsFile = dir.resolve("hosts.json");
        Files.writeString(hostsFile, hosts.append("]").toString());
    }

    @AfterAll
    void cleanUp() {
        engines.values().forEach(e -> {
            ApplyEngineTest.removeContainers(e, p);
            e.removeNetwork(net);
            e.close();
        });
    }

    /** The application: a page server on h2, a client on h1 linking to it, two containers on one network. */
    private Path wanted(String page, boolean withNetwork) throws Exception {
        String server = "mkdir -p /www && echo " + page + " > /www/index.html && exec httpd -f -p 18457 -h /www";
        String onNetwork = withNetwork ? """
                ,{"id": "%1$s-a", "image": "%2$s", "cmd": ["sh", "-c", "mkdir -p /www && echo from-a > /www/index.html && exec httpd -f -p 8080 -h /www"],
                  "networks": {"%3$s": {"aliases": ["alpha"]}}, "host": "h1"},
                 {"id": "%1$s-b", "image": "%2$s", "cmd": "sleep 3600", "networks": ["%3$s"], "host": "h1"}
                """.formatted(p, TestEngines.IMAGE, net) : "";
        String doc = """
                {"name": "%1$s", "networks": {"%3$s": {"labels": {"purpose": "test"}}},
                 "containers": [
                   {"id": "%1$s-srv", "image": "%2$s", "cmd": ["sh", "-c", "%4$s"], "expose": ["18457"], "host": "h2"},
                   {"id": "%1$s-cli", "image": "%2$s", "cmd": "sleep 3600", "links": ["%1$s-srv:backend"], "host": "h1"}
                   %5$s]}
                """.formatted(p, TestEngines.IMAGE, net, server, onNetwork);
        Path file = dir.resolve("wanted-" + page + "-" + withNetwork + ".json");
        Files.writeString(file, doc);
        return file;
    }

    private ApplyEngineTest.Run apply(Path file) {
        return ApplyEngineTest.cccf(null, "apply", file.toString(), "--hosts", hostsFile.toString(), "--project", p,
                "--stop-timeout", "1");
    }

    /** Each test host's address on the LAN between them: the file {@code addresses} beside the hosts file. */
    static Map<String, String> addresses() throws Exception {
        Path addresses = TestEngines.hostsFile().resolveSibling("addresses");
        Prerequisites.require(Files.isReadable(addresses), "the test hosts' addresses (" + addresses + ", from scripts/engines.sh)");
        Map<String, String> address = new LinkedHashMap<>();
        for (String line : Files.readAllLines(addresses)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                address.put(parts[0], parts[1]);
            }
        }
        return address;
    }

    /** What {@code in} on {@code host} reads from {@code name}:{@code port} with a hand-written GET (busybox nc). */
    private String fetch(String host, String in, String name, int port) throws Exception {
        return fetchFrom(urls.get(host), in, name, port);
    }

    /** What {@code in} on the engine at {@code url} reads from {@code name}:{@code port}, once it answers 200 (or after 40 tries). */
    static String fetchFrom(String url, String in, String name, int port) throws Exception {
        String out = "";
        for (int attempt = 0; attempt < 40; attempt++) { // httpd may still be starting
            Process proc = new ProcessBuilder("docker", "-H", url, "exec", in, "sh", "-c",
                    "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc " + name + " " + port).redirectErrorStream(true).start();
            out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (out.contains("200 OK")) {
                return out;
            }
            Thread.sleep(250);
        }
        return out;
    }

    private String dockerId(String host, String name) {
        return engines.get(host).inspect(name).orElseThrow().path("Id").asText();
    }

    @Test
    @Order(1)
    void aClientOnOneHostFetchesAPageFromItsDependencyOnTheOtherByTheNameItLinks() throws Exception {
        ApplyEngineTest.Run run = apply(wanted("hello-1", true));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(fetch("h1", p + "-cli", p + "-srv", 18457)).contains("hello-1");
        assertThat(fetch("h1", p + "-cli", "backend", 18457)).contains("hello-1");
        JsonNode network = engines.get("h1").networks().stream().filter(n -> n.path("Name").asText().equals(net))
                .findFirst().orElseThrow();
        assertThat(network.path("Labels").path(CccfLabels.PROJECT).asText()).isEqualTo(p);
        assertThat(network.path("Labels").path("purpose").asText()).isEqualTo("test");
        assertThat(engines.get("h2").networks()).noneMatch(n -> n.path("Name").asText().equals(net)); // nothing on h2 joins it
    }

    @Test
    @Order(2)
    void twoContainersOnOneNetworkReachEachOtherByAlias() throws Exception {
        assertThat(fetch("h1", p + "-b", "alpha", 8080)).contains("from-a");
    }

    @Test
    @Order(3)
    void aSecondApplyHasNothingToDo() throws Exception {
        ApplyEngineTest.Run run = apply(wanted("hello-1", true));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("nothing to do");
        assertThat(run.ids("created")).isEmpty();
        assertThat(run.ids("removed")).isEmpty();
    }

    @Test
    @Order(4)
    void theClientStillFetchesThePageOnceTheServerIsReplaced() throws Exception {
        String client = dockerId("h1", p + "-cli");
        String server = dockerId("h2", p + "-srv");

        ApplyEngineTest.Run run = apply(wanted("hello-2", true));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.ids("created")).containsExactly(p + "-srv");
        assertThat(dockerId("h2", p + "-srv")).isNotEqualTo(server);
        assertThat(dockerId("h1", p + "-cli")).isEqualTo(client); // the client is left as it is
        assertThat(fetch("h1", p + "-cli", p + "-srv", 18457)).contains("hello-2");
    }

    @Test
    @Order(5)
    void theProjectsNetworkGoesWhenNoContainerUsesItAnyMore() throws Exception {
        ApplyEngineTest.Run run = apply(wanted("hello-2", false));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(new ArrayList<>(run.ids("removed"))).containsExactlyInAnyOrder(p + "-a", p + "-b");
        assertThat(run.err()).contains("network " + net + " removed from h1");
        assertThat(engines.get("h1").networks()).noneMatch(n -> n.path("Name").asText().equals(net));
    }
}
