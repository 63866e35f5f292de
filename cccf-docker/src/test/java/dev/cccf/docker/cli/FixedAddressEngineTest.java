package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * A network declared with its subnet ({@code ipam}, as compose's pihole example declares it), on
 * the first engine of {@code scripts/engines.sh}: a container with a fixed {@code ipv4_address}
 * there is created (an engine refuses a fixed address on a network whose subnet it chose itself)
 * and answers at that address; inspect gives back the declaration, not what docker fills in; a
 * second apply has nothing to do. Everything under names of its own ({@code cccf-ipam-*}), removed
 * afterwards.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixedAddressEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String p = "cccf-ipam-" + UUID.randomUUID().toString().substring(0, 8);
    private final String net = p + "-net";
    /** A subnet of its own, away from docker's default pools (172.17-31, 192.168) and the test engines' bridges. */
    private final String prefix = "10.231." + ThreadLocalRandom.current().nextInt(256);
    private DockerJavaEngine engine;
    private String url;
    private Path wanted;
    private String declared;

    @BeforeAll
    void engine(@TempDir Path dir) throws Exception {
        url = TestEngines.require(1).get(0).url();
        engine = new DockerJavaEngine(url);
        String page = ApplyEngineTest.serving("at-fixed-address");
        declared = """
                {"%1$s": {"ipam": {"config": [{"subnet": "%2$s.0/24", "ip_range": "%2$s.128/25", "gateway": "%2$s.1"}]}}}"""
                .formatted(net, prefix);
        wanted = Files.writeString(dir.resolve("wanted.json"), """
                {"networks": %4$s,
                 "containers": [
                   {"id": "%1$s-web", "image": "%3$s", "cmd": ["sh", "-c", "%5$s"],
                    "networks": {"%2$s": {"ipv4_address": "%6$s.5"}}},
                   {"id": "%1$s-client", "image": "%3$s", "cmd": "sleep 3600", "networks": ["%2$s"]}]}
                """.formatted(p, net, TestEngines.IMAGE, declared, page, prefix));
    }

    @AfterAll
    void cleanUp() {
        if (engine == null) {
            return;
        }
        ApplyEngineTest.removeContainers(engine, p);
        engine.removeNetwork(net);
        engine.close();
    }

    private ApplyEngineTest.Run cccf(String verb, String... more) {
        return ApplyEngineTest.cccfOn(url, p, verb, more);
    }

    @Test
    @Order(1)
    void theNetworkHasTheDeclaredSubnetAndTheContainerAnswersAtItsFixedAddress() throws Exception {
        ApplyEngineTest.Run run = cccf("apply", wanted.toString(), "--stop-timeout", "1");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode network = engine.networksOf(p).stream().filter(n -> n.path("Name").asText().equals(net)).findFirst().orElseThrow();
        assertThat(network.path("IPAM").path("Config").get(0).path("Subnet").asText()).isEqualTo(prefix + ".0/24");
        assertThat(network.path("IPAM").path("Config").get(0).path("IPRange").asText()).isEqualTo(prefix + ".128/25");
        assertThat(network.path("IPAM").path("Config").get(0).path("Gateway").asText()).isEqualTo(prefix + ".1");
        assertThat(engine.inspect(p + "-web").orElseThrow().path("NetworkSettings").path("Networks").path(net)
                .path("IPAddress").asText()).isEqualTo(prefix + ".5");
        String client = engine.inspect(p + "-client").orElseThrow().path("NetworkSettings").path("Networks").path(net)
                .path("IPAddress").asText();
        assertThat(Integer.parseInt(client.substring(client.lastIndexOf('.') + 1))).as(client).isGreaterThanOrEqualTo(128);
        assertThat(WiringEngineTest.fetchFrom(url, p + "-client", prefix + ".5", 8080)).contains("at-fixed-address");
    }

    @Test
    @Order(2)
    void inspectGivesBackTheDeclarationAndASecondApplyHasNothingToDo() throws Exception {
        ApplyEngineTest.Run inspect = cccf("inspect", "--compact");
        ApplyEngineTest.Run again = cccf("apply", wanted.toString());

        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(JSON.readTree(inspect.out()).get("networks")).isEqualTo(JSON.readTree(declared));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("nothing to do: 2 container(s) as wanted").doesNotContain("not as declared");
    }
}
