package dev.cccf.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class HostToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private String hosts;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void hostsFile() throws Exception {
        hosts = write("hosts.json", """
                [{"id": "a", "docker": "tcp://10.0.0.1:2375", "labels": {"zone": "x"}},
                 {"id": "b", "host": "10.0.0.2", "port": 2375}]""");
    }

    private String write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new HostTool(new Tool.Streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0"))).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void placesAListFromStdin() throws Exception {
        Run r = run("""
                [{"id": "x", "image": "i"}, {"id": "y", "image": "i"}, {"id": "z", "image": "i", "host": "b"}]""",
                "--hosts", hosts);

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                [{"id":"x","image":"i","host":"a"},{"id":"y","image":"i","host":"a"},{"id":"z","image":"i","host":"b"}]
                """);
    }

    @Test
    void placesTheAddOfADiffOnStdinWithTheCurrentStateAndLeavesTheRestAlone() throws Exception {
        String current = write("current.json", """
                [{"id": "web", "image": "web:1", "host": "tcp://10.0.0.1:2375"},
                 {"id": "db", "image": "pg:15", "host": "b"},
                 {"id": "old", "image": "x", "host": "b"}]""");
        String diff = """
                {"add": [{"id": "db", "image": "pg:16"}, {"id": "cache", "image": "redis"}, {"id": "api", "image": "api"}],
                 "remove": [{"id": "db", "image": "pg:15"}, {"id": "old", "image": "x"}],
                 "keep": [{"id": "web", "image": "web:1"}],
                 "changed": [{"id": "db", "fields": {"image": ["pg:15", "pg:16"]}}]}""";

        Run r = run(diff, "--hosts", hosts, "--current", current);

        // db is replaced where it runs (b), old leaves b, web stays on a: one each; cache takes a (a tie: hosts order), api b

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = r.json();
        assertThat(out.get("add").toString()).isEqualTo("""
                [{"id":"db","image":"pg:16","host":"b"},{"id":"cache","image":"redis","host":"a"},{"id":"api","image":"api","host":"b"}]""");
        assertThat(out.get("remove")).isEqualTo(JSON.readTree(diff).get("remove"));
        assertThat(out.get("keep")).isEqualTo(JSON.readTree(diff).get("keep"));
        assertThat(out.get("changed")).isEqualTo(JSON.readTree(diff).get("changed"));
        assertThat(out.fieldNames()).toIterable().containsExactly("add", "remove", "keep", "changed");
    }

    @Test
    void aContainerThatFitsNowhereIsALocatedErrorAndNothingIsWritten() throws Exception {
        String input = write("wanted.json", """
                [{"id": "x", "image": "i", "ports": ["80:80"]},
                 {"id": "y", "image": "i", "ports": ["80:80"]},
                 {"id": "z", "image": "i", "ports": ["80:80"]}]""");

        Run r = run("", "--hosts", hosts, input);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(input + ":3:2: $[2]: [no-fit] container \"z\" fits on no host\n"
                + "  a: host port 80/tcp is taken by x\n"
                + "  b: host port 80/tcp is taken by y\n");
    }

    @Test
    void aBadPlacementFieldIsALocatedError() {
        Run r = run("[{\"id\": \"x\", \"image\": \"i\", \"memory\": \"much\"}]", "--hosts", hosts);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("<stdin>:1:38: $[0].memory: [memory-format] memory \"much\"");
    }

    @Test
    void aBadHostsFileIsALocatedError() throws Exception {
        String bad = write("bad-hosts.json", "[{\"id\": \"a\", \"memory\": \"8 gigs\"}]");

        Run r = run("[]", "--hosts", bad);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(bad + ":1:24: $[0].memory: [host-memory-format]");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("[]").code()).isEqualTo(2);
        assertThat(run("[]", "--hosts", hosts, "--strategy", "best").err()).contains("unknown strategy \"best\"");
        assertThat(run("[]", "--hosts", dir.resolve("none.json").toString()).code()).isEqualTo(2);
        assertThat(run("[]", "--hosts", hosts, "--explain-format", "xml").code()).isEqualTo(2);
        assertThat(run("[]", "--hosts", hosts, "--explain=xml").err()).contains("--explain takes text or json, not xml");
        assertThat(run("[]", "--hosts", hosts, "--max-moves", "2").code()).isEqualTo(2);
    }

    @Test
    void explainShowsTheChoiceAndEveryRefusedHostOnStderr() {
        Run r = run("[{\"id\": \"x\", \"image\": \"i\", \"constraints\": {\"zone\": \"x\"}}]", "--hosts", hosts, "--explain");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"host\":\"a\"");
        assertThat(r.err()).isEqualTo("x -> a (spread, score 0)\n  refused by b: no label \"zone\" (needs \"x\")\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--explain=json", "--explain-format=json"})
    void explainAsJson(String option) throws Exception {
        Run r = run("[{\"id\": \"x\", \"image\": \"i\", \"constraints\": {\"zone\": \"x\"}}]", "--hosts", hosts,
                option);

        assertThat(JSON.readTree(r.err())).isEqualTo(JSON.readTree("""
                [{"id": "x", "host": "a", "how": "placed", "strategy": "spread", "score": 0.0,
                  "refused": {"b": "no label \\"zone\\" (needs \\"x\\")"}}]"""));
    }

    @Test
    void explainOutputKeepsTheJsonApartFromTheWarnings() throws Exception {
        String current = write("current.json", "[{\"id\": \"old\", \"image\": \"i\", \"host\": \"tcp://10.9.9.9:2375\"}]");
        Path why = dir.resolve("why.json");

        Run r = run("[{\"id\": \"x\", \"image\": \"i\", \"constraints\": {\"zone\": \"x\"}}]", "--hosts", hosts,
                "--current", current, "--explain-format", "json", "--explain-output", why.toString());

        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: [host-not-listed]").doesNotContain("refused");
        assertThat(JSON.readTree(Files.readString(why))).isEqualTo(JSON.readTree("""
                [{"id": "x", "host": "a", "how": "placed", "strategy": "spread", "score": 0.0,
                  "refused": {"b": "no label \\"zone\\" (needs \\"x\\")"}}]"""));
        assertThat(r.json().get(0).get("host").asText()).isEqualTo("a");
    }

    @Test
    void explainOutputAloneExplainsAsText() throws Exception {
        Path why = dir.resolve("why.txt");

        Run r = run("[{\"id\": \"x\", \"image\": \"i\"}]", "--hosts", hosts, "--explain-output", why.toString());

        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(why)).isEqualTo("x -> a (spread, score 0)\n");
        assertThat(run("[]", "--hosts", hosts, "--explain-output", "-").err())
                .startsWith("cccf host: --explain-output takes a file");
    }

    @Test
    void aCurrentContainerOnAnUnknownHostIsAWarning() throws Exception {
        String current = write("current.json", "[{\"id\": \"old\", \"image\": \"i\", \"host\": \"tcp://10.9.9.9:2375\"}]");

        Run r = run("[{\"id\": \"x\", \"image\": \"i\"}]", "--hosts", hosts, "--current", current);

        assertThat(r.code()).isZero();
        assertThat(r.err()).startsWith(current + ":1:2: $[0].host: warning: [host-not-listed] current container old runs on"
                + " \"tcp://10.9.9.9:2375\"");
    }

    @Test
    void aSingleObjectStaysASingleObject() {
        Run r = run("{\"id\": \"x\", \"image\": \"i\"}", "--hosts", hosts, "--strategy", "round-robin");

        assertThat(r.out()).isEqualTo("{\"id\":\"x\",\"image\":\"i\",\"host\":\"a\"}\n");
    }

    @Test
    void rebalanceWritesTheMovedContainersAndSaysWhatMoved() throws Exception {
        String current = write("current.json", """
                [{"id": "p", "image": "i", "host": "a"}, {"id": "q", "image": "i", "host": "a"},
                 {"id": "r", "image": "i", "host": "a"}, {"id": "s", "image": "i", "host": "a"}]""");

        Run r = run("", "--hosts", hosts, "--rebalance", "--current", current);

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("[{\"id\":\"s\",\"image\":\"i\",\"host\":\"b\"},{\"id\":\"r\",\"image\":\"i\",\"host\":\"b\"}]\n");
        assertThat(r.err()).isEqualTo("moved s: a -> b\nmoved r: a -> b\n2 moves; the hosts are within one container of each other\n");
    }

    @Test
    void endpointsWritesTheDockerEndpointOfTheHostsChosenNow() {
        Run r = run("[{\"id\": \"x\", \"image\": \"i\"}, {\"id\": \"y\", \"image\": \"i\"}, {\"id\": \"z\", \"image\": \"i\", \"host\": \"b\"}]",
                "--hosts", hosts, "--endpoints");

        assertThat(r.out()).isEqualTo("[{\"id\":\"x\",\"image\":\"i\",\"host\":\"tcp://10.0.0.1:2375\"},"
                + "{\"id\":\"y\",\"image\":\"i\",\"host\":\"tcp://10.0.0.1:2375\"},{\"id\":\"z\",\"image\":\"i\",\"host\":\"b\"}]\n");
    }

    @Test
    void helpAndVersion() {
        assertThat(run("", "--help").out()).startsWith("Usage: cccf host --hosts HOSTS");
        assertThat(run("", "--version").code()).isZero();
    }

    @Test
    void containersThatShareAVolumeOnTheNetworkSpreadAndOnesThatShareALocalOneDoNot() throws Exception {
        String doc = """
                {"volumes": {"media": {"options": {"type": "nfs", "o": "addr=10.0.0.5", "device": ":/media"}}, "db": {}},
                 "containers": [{"id": "w1", "image": "i", "volumes": ["media:/m"]}, {"id": "w2", "image": "i", "volumes": ["media:/m"]},
                                {"id": "d1", "image": "i", "volumes": ["db:/d"]}, {"id": "d2", "image": "i", "volumes": ["db:/d"]}]}""";

        Run r = run(doc, "--hosts", hosts, "--strategy", "spread");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode placed = r.json().get("containers");
        assertThat(placed.get(0).get("host").asText()).isNotEqualTo(placed.get(1).get("host").asText());
        assertThat(placed.get(2).get("host").asText()).isEqualTo(placed.get(3).get("host").asText());
    }
}
