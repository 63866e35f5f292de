package dev.cccf.core.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class HostsTest {

    @Test
    void readsTheDesignFormWithLabelsAndCapacity() {
        List<Host> hosts = Hosts.parse("""
                [{"id": "a", "docker": "unix:///var/run/docker.sock", "labels": {"zone": "x"}, "memory": "8g", "cpus": 4},
                 {"id": "b", "docker": "tcp://10.0.0.2:2375", "memory": 1048576, "cpus": 0.5}]""");

        assertThat(hosts).containsExactly(
                new Host("a", "unix:///var/run/docker.sock", Map.of("zone", "x"), 8L << 30, 4.0),
                new Host("b", "tcp://10.0.0.2:2375", Map.of(), 1L << 20, 0.5));
    }

    @Test
    void readsTheOriginalsHostAndPortAsATcpEndpoint() {
        assertThat(Hosts.parse("[{\"id\": \"a\", \"host\": \"127.0.0.1\", \"port\": 4243}]"))
                .containsExactly(Host.of("a").withDocker("tcp://127.0.0.1:4243"));
    }

    @Test
    void readsYaml() {
        assertThat(Hosts.parse("""
                - id: a
                  labels: {zone: x}
                - id: b
                """)).extracting(Host::id).containsExactly("a", "b");
    }

    @ParameterizedTest
    @CsvFileSource(resources = "/hosts/bad.csv", delimiter = '|', quoteCharacter = '\'')
    void reportsEachProblemWhereItStandsWithItsCode(String text, String at, String path, String code) {
        assertThatThrownBy(() -> Hosts.parse(text)).isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
            Problem p = e.problems().get(0);
            assertThat(p.location().orElseThrow() + " " + p.path() + " " + p.code()).isEqualTo("<string>:" + at + " " + path + " " + code);
        });
    }

    @Test
    void aHostIsReachedAtItsAddressElseAtItsEndpointsIp() {
        List<Host> hosts = Hosts.parse("""
                [{"id": "a", "docker": "unix:///a.sock", "address": "10.1.0.1"},
                 {"id": "b", "docker": "tcp://10.1.0.2:2375"},
                 {"id": "c", "docker": "tcp://node-c:2375"},
                 {"id": "d", "docker": "tcp://10.1.0.2:2376", "address": "192.168.0.4"}]
                """);
        assertThat(hosts).extracting(Host::reachableAt).containsExactly("10.1.0.1", "10.1.0.2", null, "192.168.0.4");
    }

    @Test
    void readsTheTlsFilesOfAHostsEngineAsTheyAreWritten() {
        List<Host> hosts = Hosts.parse("""
                - id: a
                  docker: tcp://10.0.0.2:2376
                  tls: {ca: certs/ca.pem, cert: certs/cert.pem, key: /etc/cccf/key.pem}
                - id: b
                  host: 10.0.0.3
                  port: 2376
                  tls: {ca: ca.pem}
                """);

        assertThat(hosts).extracting(Host::tls).containsExactly(
                new Host.Tls("certs/ca.pem", "certs/cert.pem", "/etc/cccf/key.pem"), new Host.Tls("ca.pem", null, null));
        assertThat(hosts.get(1).docker()).isEqualTo("tcp://10.0.0.3:2376");
        assertThat(hosts.get(0).withLabels(Map.of("x", "y")).tls()).isEqualTo(hosts.get(0).tls());
    }

    @Test
    void aHostsEngineMayBeADockerContextWhichNeedsNoDockerField() throws Exception {
        List<Host> hosts = Hosts.readWithEngines(new ByteArrayInputStream("""
                [{"id": "a", "context": "remote-1.prod", "labels": {"zone": "x"}}]""".getBytes(StandardCharsets.UTF_8)), "h.json");

        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.context()).isEqualTo("remote-1.prod");
            assertThat(h.docker()).isNull();
            assertThat(h.withDocker("tcp://10.0.0.9:2376").context()).isEqualTo("remote-1.prod");
        });
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        assertThatThrownBy(() -> Hosts.parse("""
                [{"id": "a", "memory": "x"},
                 {"id": "b", "cpus": -1},
                 {"id": "c", "color": "red"}]"""))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code).containsExactly("host-memory-format", "host-cpus-format", "host-unknown-field"));
    }

    @Test
    void aBadValueIsShownEscapedNeverRaw() { // found by HostsFuzzTest: a DEL character inside a memory size
        assertThatThrownBy(() -> Hosts.parse("""
                [{"id": "a", "memory": "8g\u007f"},
                 {"id": "b", "cpus": "4\u0085"},
                 {"id": "c", "host": "10.0.0.2", "port": {"n": "\u007f"}}]"""))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems()).extracting(Problem::message)
                        .containsExactly("memory \"8g\\u007f\" must be a docker size such as \"8g\" or a whole number of bytes > 0",
                                "cpus \"4\\u0085\" must be a number > 0",
                                "port must be a whole number in 1-65535, not an object"));
    }

    @Test
    void snakeYamlsOtherExceptionsAreLocatedSyntaxProblems() { // a NumberFormatException of SnakeYAML's scanner
        assertThatThrownBy(() -> Hosts.parse("- {id: a, docker: \"tcp://\\UDDDDDDDD\"}\n"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems()).extracting(Problem::format)
                        .containsExactly("<string>:1:28: $: [syntax] not valid YAML: For input string: \"DDDDDDDD\" under radix 16"));
    }

    @Test
    void readWithEnginesReportsEveryHostWithoutAnEndpointWhereItStands() {
        assertThatThrownBy(() -> Hosts.readWithEngines(stream("""
                [{"id": "a", "docker": "tcp://10.0.0.1:2375"},
                 {"id": "b", "labels": {"zone": "x"}},
                 {"id": "c", "host": "10.0.0.3"}]"""), "hosts.json"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::format).containsExactly(
                                "hosts.json:2:2: $[1]: [hosts-engine] host \"b\" needs \"docker\": \"unix:///...\" or"
                                        + " \"tcp://HOST:PORT\" (or \"host\" and \"port\", or \"context\")"));
    }

    @Test
    void readWithEnginesReadsWhatReadReadsWhenEveryHostHasAnEndpoint() throws IOException {
        String text = "[{\"id\": \"a\", \"docker\": \"unix:///var/run/docker.sock\"}, {\"id\": \"b\", \"host\": \"h\", \"port\": 1}]";

        assertThat(Hosts.readWithEngines(stream(text), "x")).isEqualTo(Hosts.parse(text))
                .extracting(Host::docker).containsExactly("unix:///var/run/docker.sock", "tcp://h:1");
    }

    @Test
    void endpointsMapsEachHostWithAnEndpointToItInHostsOrder() {
        List<Host> hosts = List.of(Host.of("z").withDocker("tcp://z:1"), Host.of("no-engine"), Host.ofEndpoint("unix:///s"));

        assertThat(Hosts.endpoints(hosts)).containsExactly(entry("z", "tcp://z:1"), entry("unix:///s", "unix:///s"));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
