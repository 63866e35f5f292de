package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conversions of real Engine API JSON (recorded from Docker 20.10 under src/test/resources/engine). */
class DockerStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = DockerStateTest.class.getResourceAsStream("/engine/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void rebuildsAForeignContainerWithoutTheImageDefaults() throws IOException {
        Container c = DockerState.toCccf(resource("container-web.json"), resource("image-busybox.json"), "h1");

        String expected = """
                {"id":"fixture_web","image":"cccf/busybox:test","cmd":["httpd","-f","-p","80","-h","/my www"],
                "ports":["8082:80","9090:90/udp"],"env":["FOO=bar"],"volumes":["/tmp:/data:ro"],"expose":["7000"],
                "links":["fixture-db.1:db"],"host":"h1","hostname":"web.local","user":"nobody","workdir":"/www",
                "cpus":0.5,"dns":["8.8.8.8"],"cap_add":["NET_ADMIN"],"read_only":true,
                "healthcheck":{"test":"true","interval":"1m30s","retries":3},"state":"exited"}
                """.replace("\n", "");
        assertThat(Cccf.toJson(c)).isEqualTo(expected);
    }

    @Test
    void keepsTheImageValuesWhenTheImageIsGone() throws IOException {
        Container c = DockerState.toCccf(resource("container-db.json"), null, "h1");

        assertThat(c.cmd()).isEqualTo(Cmd.line("sleep 3600"));
        assertThat(c.env()).containsExactly("PATH=/bin", "CCCF_IMAGE=busybox-test");
        assertThat(c.extension("workdir").orElseThrow().asText()).isEqualTo("/");
    }

    @Test
    void namesThatAreNotCccfIdsKeepTheirDockerNameApart() throws IOException {
        Container c = DockerState.toCccf(resource("container-db.json"), resource("image-busybox.json"), "h2");

        assertThat(c.id()).isEqualTo("fixture-db_1");
        assertThat(c.extension("container_name").orElseThrow().asText()).isEqualTo("fixture-db.1");
        assertThat(c.host()).isEqualTo("h2");
        assertThat(c.cmd()).isNull();
        assertThat(c.env()).isEmpty();
        assertThat(c.extension("state")).isEmpty(); // running
    }

    @Test
    void givesBackTheRecordedConfigOfAContainerCccfCreated() throws IOException {
        Container wanted = Cccf.parse("""
                {"id": "api", "image": "cccf/busybox:test", "cmd": "httpd -f", "env": ["PATH=/bin"],
                 "host": "elsewhere", "scale": 3, "restart": "always", "labels": {"team": "a"}}
                """).containers().get(0);
        ObjectNode container = (ObjectNode) resource("container-db.json");
        ObjectNode labels = ((ObjectNode) container.path("Config")).putObject("Labels");
        CccfLabels.labelsFor(wanted).forEach(labels::put);
        labels.put("team", "a");

        Container c = DockerState.toCccf(container, resource("image-busybox.json"), "h1");

        assertThat(c).isEqualTo(wanted.withHost("h1").withScale(null));
    }

    @Test
    void showsTheStateOfARecordedContainerThatIsNotRunning() throws IOException {
        Container wanted = Container.of("api", "cccf/busybox:test");
        ObjectNode container = (ObjectNode) resource("container-web.json");
        ObjectNode labels = ((ObjectNode) container.path("Config")).putObject("Labels");
        CccfLabels.labelsFor(wanted).forEach(labels::put);

        Container c = DockerState.toCccf(container, resource("image-busybox.json"), "h1");

        assertThat(c).isEqualTo(wanted.withHost("h1").withExtension("state", JSON.getNodeFactory().textNode("exited")));
    }

    @Test
    void publishedPortsAreSortedAndTheTwoAddressFamiliesCountOnce() throws IOException {
        JsonNode bindings = JSON.readTree("""
                {"53/udp": [{"HostIp": "", "HostPort": "5353"}],
                 "443/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8443"}, {"HostIp": "::", "HostPort": "8443"}],
                 "80/tcp": [{"HostIp": "", "HostPort": "8080"}, {"HostIp": "", "HostPort": "8081"}],
                 "9000/tcp": [{"HostIp": "", "HostPort": ""}]}
                """);

        assertThat(DockerState.ports(bindings)).containsExactly("5353:53/udp", "8080:80", "8081:80", "8443:443");
    }

    @Test
    void exposedPortsLeaveOutTheImagesAndThePublishedOnes() throws IOException {
        JsonNode exposed = JSON.readTree("""
                {"80/tcp": {}, "7000/tcp": {}, "53/udp": {}, "9000/tcp": {}}""");
        JsonNode image = JSON.readTree("""
                {"9000/tcp": {}}""");
        JsonNode bindings = JSON.readTree("""
                {"80/tcp": [{"HostIp": "", "HostPort": "8080"}], "53/udp": [{"HostIp": "", "HostPort": ""}]}""");

        assertThat(DockerState.expose(exposed, image, bindings)).containsExactly("53/udp", "7000");
    }

    @Test
    void linksLoseTheirSlashesAndKeepAnAliasOnlyWhenItDiffers() throws IOException {
        JsonNode links = JSON.readTree("""
                ["/db:/web/db", "/cache:/web/redis"]""");

        assertThat(DockerState.links(links)).containsExactly("db", "cache:redis");
    }

    @Test
    void bindAndVolumeMountsJoinTheBindsAndAnonymousVolumesThatTheImageDoesNotDeclareFollow() throws IOException {
        JsonNode hostConfig = JSON.readTree("""
                {"Binds": ["/srv:/srv"], "Mounts": [
                  {"Type": "bind", "Source": "/etc/app", "Target": "/config", "ReadOnly": true},
                  {"Type": "volume", "Source": "data", "Target": "/data"},
                  {"Type": "tmpfs", "Target": "/run"}]}""");

        JsonNode anonymous = JSON.readTree("{\"/cache\": {}, \"/var/lib/image-declared\": {}, \"/srv\": {}}");
        JsonNode imageVolumes = JSON.readTree("{\"/var/lib/image-declared\": {}}");

        assertThat(DockerState.volumes(hostConfig, anonymous, imageVolumes))
                .containsExactly("/srv:/srv", "/etc/app:/config:ro", "data:/data", "/cache");
    }

    @Test
    void plainCommandsBecomeOneLineAndOthersStayArgv() {
        assertThat(DockerState.commandOf(List.of("sleep", "3600"))).isEqualTo(Cmd.line("sleep 3600"));
        assertThat(DockerState.commandOf(List.of("sh", "-c", "echo hi"))).isEqualTo(Cmd.argv(List.of("sh", "-c", "echo hi")));
    }

    @Test
    void theConversionDoesNotChangeItsInput() throws IOException {
        JsonNode container = resource("container-web.json");
        JsonNode before = container.deepCopy();

        DockerState.toCccf(container, resource("image-busybox.json"), "h1");

        assertThat(container).isEqualTo(before);
    }
}
