package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.TestEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * A container on two networks, on the first engine of {@code scripts/engines.sh} (docker 20.10,
 * API 1.41, which refuses a create on several networks): it reaches a container on each by its
 * alias there; a second apply does nothing; inspect gives back the document (networks with their
 * aliases, the project's networks and named volume declared) so that a diff shows no change;
 * down removes the project's networks and keeps its named volume, down --volumes removes that.
 * Everything under names of its own ({@code cccf-nets-*}, project of the same name), removed
 * afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworksEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String p = "cccf-nets-" + UUID.randomUUID().toString().substring(0, 8);
    private final String front = p + "-front";
    private final String back = p + "-back";
    private final String data = p + "-data";
    private DockerJavaEngine engine;
    private String url;
    private Path wanted;

    @BeforeAll
    void engine(@TempDir Path dir) throws Exception {
        url = TestEngines.require(1).get(0).url();
        engine = new DockerJavaEngine(url);
        wanted = Files.writeString(dir.resolve("wanted.json"), """
                {"networks": {"%2$s": {"labels": {"tier": "web"}}, "%3$s": {"internal": true}},
                 "volumes": {"%4$s": {}},
                 "containers": [
                   {"id": "%1$s-web", "image": "%5$s", "cmd": ["sh", "-c", "%6$s"], "networks": {"%2$s": {"aliases": ["www"]}}},
                   {"id": "%1$s-db", "image": "%5$s", "cmd": ["sh", "-c", "%7$s"], "volumes": ["%4$s:/data"],
                    "networks": {"%3$s": {"aliases": ["database"]}}},
                   {"id": "%1$s-api", "image": "%5$s", "cmd": "sleep 3600",
                    "networks": {"%2$s": {"aliases": ["api"]}, "%3$s": {"aliases": ["api-internal", "v1"]}}}]}
                """.formatted(p, front, back, data, TestEngines.IMAGE, ApplyEngineTest.serving("from-web"), ApplyEngineTest.serving("from-db")));
    }

    @AfterAll
    void cleanUp() {
        if (engine == null) {
            return;
        }
        ApplyEngineTest.removeContainers(engine, p);
        engine.removeNetwork(front);
        engine.removeNetwork(back);
        engine.removeVolume(data);
        engine.close();
    }

    private ApplyEngineTest.Run cccf(String verb, String... more) {
        return ApplyEngineTest.cccfOn(url, p, verb, more);
    }

    private String fetch(String in, String name) throws Exception {
        return WiringEngineTest.fetchFrom(url, in, name, 8080);
    }

    private boolean hasNetwork(String name) {
        return engine.networks().stream().anyMatch(n -> n.path("Name").asText().equals(name));
    }

    private boolean hasVolume(String name) {
        return engine.volumes().stream().anyMatch(v -> v.path("Name").asText().equals(name));
    }

    @Test
    @Order(1)
    void aContainerOnTwoNetworksReachesAContainerOnEachByItsAlias() throws Exception {
        ApplyEngineTest.Run run = cccf("apply", wanted.toString(), "--stop-timeout", "1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(fetch(p + "-api", "www")).contains("from-web");
        assertThat(fetch(p + "-api", "database")).contains("from-db");
        JsonNode joined = engine.inspect(p + "-api").orElseThrow().path("NetworkSettings").path("Networks");
        assertThat(joined.path(back).path("Aliases").toString()).contains("\"api-internal\"", "\"v1\"");
    }

    @Test
    @Order(2)
    void aSecondApplyHasNothingToDo() throws Exception {
        ApplyEngineTest.Run run = cccf("apply", wanted.toString(), "--stop-timeout", "1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("nothing to do").doesNotContain("not as declared");
        assertThat(run.ids("created")).isEmpty();
        assertThat(run.ids("removed")).isEmpty();
    }

    @Test
    @Order(3)
    void inspectGivesBackTheWantedDocumentSoADiffShowsNoChange() throws Exception {
        ApplyEngineTest.Run inspect = cccf("inspect");

        assertThat(inspect.code()).as(inspect.err()).isZero();
        Document inspected = Cccf.parse(inspect.out());
        Document want = Cccf.read(wanted);
        DiffResult diff = Diff.between(inspected.containers(), want.containers(), Set.of());
        assertThat(diff.add()).isEmpty();
        assertThat(diff.remove()).isEmpty();
        assertThat(diff.changed()).isEmpty();
        assertThat(inspected.declarations().networks()).isEqualTo(want.declarations().networks());
        assertThat(inspected.declarations().volumes()).isEqualTo(want.declarations().volumes());
    }

    @Test
    @Order(4)
    void aContainerMadeByHandOnTwoNetworksIsReadBackWithTheAliasesGivenOnly() throws Exception {
        String hand = p + "-hand";
        for (List<String> step : List.of(
                List.of("create", "--name", hand, "--network", front, "--network-alias", "hf", TestEngines.IMAGE, "sleep", "3600"),
                List.of("network", "connect", "--alias", "hb", back, hand), List.of("start", hand))) {
            List<String> argv = new ArrayList<>(List.of("docker", "-H", url));
            argv.addAll(step);
            Process proc = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(proc.exitValue()).as(out).isZero();
        }

        ApplyEngineTest.Run inspect = ApplyEngineTest.cccf(null, "inspect", "-H", url);

        assertThat(inspect.code()).as(inspect.err()).isZero();
        Container c = Cccf.parse(inspect.out()).containers().stream().filter(x -> x.id().equals(hand)).findFirst().orElseThrow();
        assertThat(c.extensions().get("networks")).isEqualTo(JSON.readTree("""
                {"%s": {"aliases": ["hf"]}, "%s": {"aliases": ["hb"]}}""".formatted(front, back)));
        engine.remove(hand);
    }

    @Test
    @Order(5)
    void downRemovesTheProjectsNetworksAndKeepsItsNamedVolume() throws Exception {
        ApplyEngineTest.Run down = cccf("down", "--stop-timeout", "1");

        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.ids("removed")).containsExactlyInAnyOrder(p + "-web", p + "-db", p + "-api");
        assertThat(hasNetwork(front)).isFalse();
        assertThat(hasNetwork(back)).isFalse();
        assertThat(hasVolume(data)).isTrue();
        assertThat(down.err()).contains("volume " + data + " on " + url + " kept");
    }

    @Test
    @Order(6)
    void downWithVolumesRemovesTheNamedVolume() throws Exception {
        ApplyEngineTest.Run dry = cccf("down", "--volumes", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.err()).contains("would remove volume " + data + " from " + url);
        assertThat(hasVolume(data)).isTrue();

        ApplyEngineTest.Run down = cccf("down", "--volumes");

        assertThat(down.code()).as(down.err()).isZero();
        assertThat(hasVolume(data)).isFalse();
    }
}
