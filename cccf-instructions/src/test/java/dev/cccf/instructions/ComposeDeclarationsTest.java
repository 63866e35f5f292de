package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Document;
import dev.cccf.core.OutputFormat;
import dev.cccf.testkit.Prerequisites;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose target writes the networks and named volumes its services use, so compose accepts the file. */
class ComposeDeclarationsTest {
    private static final Document SHOP = Cccf.parse("""
            {"name": "shop",
             "networks": {"back": {"driver": "bridge", "internal": true, "labels": {"tier": "data"},
                                   "ipam": {"config": [{"subnet": "10.9.0.0/24", "gateway": "10.9.0.1"}], "options": {"x": "a$b"}}}},
             "volumes": {"pgdata": {"driver": "local", "options": {"type": "tmpfs", "device": "tmpfs"}}},
             "containers": [
               {"id": "db", "image": "postgres:16", "volumes": ["pgdata:/var/lib/postgresql/data", "/srv/b:/b"],
                "networks": {"back": {"aliases": ["database"], "ipv4_address": "10.9.0.5"}}},
               {"id": "web", "image": "shop:1", "volumes": ["cache:/cache"], "networks": ["front"]}]}
            """);

    private static ObjectNode compose() {
        return Instructions.compose(SHOP.containers(), SHOP.declarations(), Options.defaults()).get("default");
    }

    @Test
    void theNetworksAndNamedVolumesTheServicesUseAreDeclaredAsTheDocumentDeclaresThem() {
        ObjectNode doc = compose();

        assertThat(doc.get("networks").toString()).isEqualTo(
                "{\"back\":{\"name\":\"back\",\"driver\":\"bridge\",\"labels\":{\"tier\":\"data\"},\"internal\":true,"
                + "\"ipam\":{\"config\":[{\"subnet\":\"10.9.0.0/24\",\"gateway\":\"10.9.0.1\"}],\"options\":{\"x\":\"a$$b\"}}},"
                + "\"front\":{\"name\":\"front\"}}");
        assertThat(doc.get("volumes").toString()).isEqualTo("{\"pgdata\":{\"name\":\"pgdata\",\"driver\":\"local\","
                + "\"driver_opts\":{\"type\":\"tmpfs\",\"device\":\"tmpfs\"}},\"cache\":{\"name\":\"cache\"}}");
        assertThat(doc.path("services").path("db").get("networks").toString()).isEqualTo("{\"back\":{\"aliases\":[\"database\"],\"ipv4_address\":\"10.9.0.5\"}}");
    }

    @Test
    void aSwarmsUpdateAndRollbackSettingsGoUnderDeployWithTheReplicas() throws Exception {
        Document d = Cccf.parse("""
                [{"id": "api", "image": "api:1", "scale": 2, "update_order": "start-first", "endpoint_mode": "dnsrr",
                  "update_config": {"parallelism": 1, "delay": "10s"}, "rollback_config": {"failure_action": "pause"}}]
                """);

        ObjectNode deploy = (ObjectNode) Instructions.compose(d.containers(), d.declarations(), Options.defaults())
                .get("default").path("services").path("api").path("deploy");

        assertThat(deploy).isEqualTo(new ObjectMapper().readTree("{\"replicas\":2,\"update_config\":{\"order\":\"start-first\","
                + "\"parallelism\":1,\"delay\":\"10s\"},\"rollback_config\":{\"failure_action\":\"pause\"},"
                + "\"endpoint_mode\":\"dnsrr\"}"));
    }

    @Test
    void composeAcceptsTheFile(@TempDir Path dir) throws Exception {
        boolean haveCompose = Files.isExecutable(Path.of("/usr/bin/docker-compose"))
                || Files.isExecutable(Path.of("/usr/local/bin/docker-compose"));
        Prerequisites.require(haveCompose, "docker-compose");
        Path file = dir.resolve("docker-compose.yml");
        try (OutputStream out = Files.newOutputStream(file)) {
            CccfWriter.writeTree(compose(), out, OutputFormat.YAML);
        }
        Process p = new ProcessBuilder("docker-compose", "-f", file.toString(), "config").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("database").contains("subnet: 10.9.0.0/24").contains("ipv4_address: 10.9.0.5");
        // compose makes them under the names cccf apply gives them, not PROJECT_NAME
        assertThat(output).contains("name: back").contains("name: pgdata").doesNotContain("_back").doesNotContain("_pgdata");
    }
}
