package dev.cccf.instructions.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI in-process: exit codes, stdout (data only), stderr (located messages). */
class InstructionsToolTest {
    /** test/config.json of cccf-docker-instructions 3.1.1. */
    private static final String CONFIG = original();

    private static String original() {
        try {
            return Files.readString(Path.of("src/test/resources/cccf-docker-instructions-3.1.1/config.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        List<List<String>> argv() throws Exception {
            List<List<String>> all = new ArrayList<>();
            for (JsonNode a : new ObjectMapper().readTree(out)) {
                List<String> words = new ArrayList<>();
                a.forEach(w -> words.add(w.textValue()));
                all.add(words);
            }
            return all;
        }
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0"));
        int code = InstructionsMain.run(args, streams);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void runWritesOneShellLinePerContainer() {
        Result r = run(CONFIG, "run");

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                docker run -d --name=app1 -p=80:80 --env=FOO=BAR --volume=/tmp:/tmp --expose=8000 --expose=3000 megacorp/webapp python server.py
                docker run -d --name=app2 -p=443:443 --env=FOO=BAR --volume=/tmp:/tmp --expose=8000 --expose=3000 megacorp/webapp python server.py
                """);
    }

    /** cli.js: "can will add any unreconized arguments to all containers", as options after {@code --}. */
    @Test
    void optionsAfterDashesAreAddedToEveryRunInstruction() throws Exception {
        String noEnvOnFirst = CONFIG.replaceFirst("\"env\"     : \\[\"FOO=BAR\"\\],", "");
        assertThat(noEnvOnFirst).isNotEqualTo(CONFIG);

        Result r = run(noEnvOnFirst, "run", "--format", "json", "--", "--env", "EPLE=KAKE", "--env=NISSE=PETTER",
                "--dns", "172.17.42.1");

        assertThat(r.code()).isZero();
        for (List<String> argv : r.argv()) {
            assertThat(String.join(" ", argv)).contains("--env EPLE=KAKE --env=NISSE=PETTER --dns 172.17.42.1 megacorp/webapp");
        }
    }

    /** cli.js: "can replace variables in the format ${var}". */
    @Test
    void varReplacesVariablesInStringValues() throws Exception {
        String withDomain = CONFIG.replaceFirst("python server.py", "python server.py --domain \\${DOMAIN}");

        Result r = run(withDomain, "run", "--var", "DOMAIN=google.com", "--format", "json");

        assertThat(r.code()).isZero();
        assertThat(r.argv().get(0)).endsWith("python", "server.py", "--domain", "google.com");
    }

    @Test
    void aVariableMayMakeAFieldValidAndAValueIsNeverExpandedTwice() throws Exception {
        Result r = run("""
                {"id": "web", "image": "nginx", "ports": ["${PORT}:80"], "env": ["A=${A}", "B=$${NOT}"]}
                """, "run", "--var", "PORT=8080", "--var", "A=${PORT} $(id)", "--format", "json");

        assertThat(r.err()).isEmpty();
        assertThat(r.argv().get(0)).contains("-p=8080:80", "--env=A=${PORT} $(id)", "--env=B=${NOT}");
    }

    @Test
    void aVariableSpelledWithEscapesIsReplacedToo() throws Exception {
        Result json = run("""
                {"id": "web", "image": "nginx", "env": ["A=\\u0024{A}"]}
                """, "run", "--var", "A=1", "--format", "json");
        Result yaml = run("""
                id: web
                image: nginx
                env: ["A=\\x24{A}"]
                """, "run", "--var", "A=1", "--format", "json");

        assertThat(json.err()).isEmpty();
        assertThat(json.argv().get(0)).contains("--env=A=1");
        assertThat(yaml.err()).isEmpty();
        assertThat(yaml.argv().get(0)).contains("--env=A=1");
    }

    @Test
    void anUnknownHostIsPlacedAtItsValueInALargeDocument() throws Exception {
        StringBuilder doc = new StringBuilder("[\n");
        for (int i = 0; i < 500; i++) {
            doc.append("  {\"id\": \"c").append(i).append("\", \"image\": \"nginx\", \"host\": \"")
                    .append(i == 321 ? "nowhere" : "h1").append("\"},\n");
        }
        doc.setLength(doc.length() - 2);
        Path f = file("big.json", doc.append("\n]\n").toString());
        Path hosts = file("hosts.json", "[{\"id\": \"h1\", \"docker\": \"tcp://10.0.0.1:2375\"}]");

        Result r = run("", "run", f.toString(), "--hosts", hosts.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(f + ":323:");
        assertThat(r.err()).contains("$[321].host");
    }

    @Test
    void anUndefinedVariableIsALocatedError() throws Exception {
        Path f = file("app.json", """
                [{"id": "web", "image": "nginx",
                  "cmd": "serve --domain ${DOMAIN}"}]
                """);

        Result r = run("", "run", f.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(f + ":2:10: $[0].cmd: [undefined-variable] variable DOMAIN is not defined:"
                + " give --var DOMAIN=VALUE (or write $${ for a literal ${)\n");
    }

    @Test
    void aProblemAfterReplacingIsPlacedInTheOriginalDocument() throws Exception {
        Path f = file("app.yaml", """
                id: web
                image: nginx
                ports:
                  - "${PORT}:80"
                """);

        Result r = run("", "run", f.toString(), "--var", "PORT=http");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(f + ":4:5: $.ports[0]: [port-format] ");
    }

    @Test
    void aDuplicateKeyNextToAVariableIsStillReported() {
        Result r = run("{\"id\": \"web\", \"image\": \"${IMAGE}\", \"image\": \"x\"}", "run", "--var", "IMAGE=nginx");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("[duplicate-key]");
    }

    @Test
    void formatJsonGivesArgvArrays() throws Exception {
        Result r = run("{\"id\": \"web\", \"image\": \"nginx\", \"env\": [\"A=a b\"]}", "run", "--format", "json");

        assertThat(r.argv()).containsExactly(List.of("docker", "run", "-d", "--name=web", "--env=A=a b", "nginx"));
    }

    @Test
    void noDetachLeavesOutDashD() {
        assertThat(run(CONFIG, "run", "--no-detach").out()).doesNotContain(" -d ");
    }

    @Test
    void excludeLeavesAFieldOut() {
        Result r = run("{\"id\": \"web\", \"image\": \"nginx\", \"dns\": \"8.8.8.8\", \"memory\": \"1g\"}",
                "run", "--exclude", "dns");

        assertThat(r.out()).isEqualTo("docker run -d --name=web --memory=1g nginx\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"id\": \"a\", \"docker\": \"unix:///var/run/docker.sock\"}]|unix:///var/run/docker.sock",
            "[{\"id\": \"a\", \"host\": \"10.0.0.2\", \"port\": 4243}]|tcp://10.0.0.2:4243",
    })
    void aHostIdIsResolvedThroughTheHostsFile(String hosts, String endpoint) throws Exception {
        Path f = file("hosts.json", hosts);

        Result r = run("{\"id\": \"web\", \"image\": \"nginx\", \"host\": \"a\"}", "stop", "--hosts", f.toString());

        assertThat(r.out()).isEqualTo("docker -H=" + endpoint + " stop web\n");
    }

    @Test
    void theHostsFileIsReadAsCccfHostReadsItWithTheSameLocatedProblems() throws Exception {
        Path f = file("hosts.json", """
                [{"id": "a", "docker": "tcp://10.0.0.1:2375", "labels": {"zone": "x"}, "memory": "8g"},
                 {"id": "b", "labels": {"zone": "y"}},
                 {"id": "c", "docker": "tcp://10.0.0.3:2375", "mem": "1g"}]""");

        Result r = run("{\"id\": \"web\", \"image\": \"nginx\", \"host\": \"a\"}", "stop", "--hosts", f.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(f + ":2:2: $[1]: [hosts-engine] host \"b\" needs \"docker\": \"unix:///...\" or"
                + " \"tcp://HOST:PORT\" (or \"host\" and \"port\", or \"context\")\n"
                + f + ":3:54: $[2].mem: [host-unknown-field] unknown host field \"mem\"; a host has id, docker (or host and port, or context),"
                + " tls, address, labels, memory, cpus\n");
    }

    @Test
    void anUnknownHostIsALocatedError() {
        Result r = run("""
                {"id": "web",
                 "image": "nginx", "host": "a"}
                """, "run");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("<stdin>:2:28: $.host: [unknown-host] host \"a\" is not a docker URL");
    }

    @Test
    void anInvalidDocumentIsALocatedError() {
        Result r = run("[{\"id\": \"web\", \"image\": \"nginx\", \"ports\": [\"80\"]}]", "run");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("<stdin>:1:44: $[0].ports[0]: [port-format]");
    }

    @Test
    void aFieldTheTableDoesNotKnowIsALocatedWarningAndNeverAnOption() {
        Result r = run("""
                [{"id": "web", "image": "nginx",
                  "X;rm": "1", "logging": {"driver": "none"}}]
                """, "run");

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("docker run -d --name=web nginx\n");
        assertThat(r.err()).isEqualTo("<stdin>:2:11: $[0][\"X;rm\"]: warning: [unknown-field] field \"X;rm\" is not a field cccf"
                + " knows: docker run, apply, compose, swarm and systemd leave it out (the fields: docs/fields.md)\n"
                + "<stdin>:2:27: $[0].logging: warning: [unknown-field] field \"logging\" is not a field cccf"
                + " knows: docker run, apply, compose, swarm and systemd leave it out (the fields: docs/fields.md)\n");
    }

    @Test
    void planOrdersTheDiffAndWarnsAboutAMissingLinkOnStderr() {
        Result r = run("""
                {"add": [{"id": "web", "image": "w:2", "links": ["db", "ghost"]}, {"id": "db", "image": "d"}],
                 "remove": [{"id": "web", "image": "w:1"}],
                 "keep": [], "changed": [{"id": "web", "fields": {}}]}
                """, "plan");

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                docker stop web
                docker rm web
                docker run -d --name=db d
                docker run -d --name=web --link=db --link=ghost w:2
                """);
        assertThat(r.err()).startsWith("<stdin>:1:56: $.add[0].links[1]: warning: [missing-dependency] web needs ghost");
    }

    @Test
    void planPrintsEachErrorOnceThoughARemovedContainerIsBothStoppedAndRemoved() {
        Result r = run("""
                {"add": [],
                 "remove": [{"id": "old", "image": "o", "host": "nowhere"}]}
                """, "plan");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("<stdin>:2:49: $.remove[0].host: [unknown-host] host \"nowhere\" is not a docker URL");
    }

    @Test
    void aDependencyCycleInAPlanIsALocatedError() {
        Result r = run("""
                {"add": [
                  {"id": "a", "image": "i", "depends_on": ["b"]},
                  {"id": "b", "image": "i", "links": ["a"]}]}
                """, "plan");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("<stdin>:2:44: $.add[0].depends_on[0]: [dependency-cycle] dependency cycle: a -> b -> a"
                + " (links and depends_on)\n");
    }

    @Test
    void planOfAPlainDocumentIsAnError() {
        Result r = run(CONFIG, "plan");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("<stdin>:1:1: $: [diff-expected]");
    }

    @Test
    void composeTargetWritesADocumentPerHost() throws Exception {
        Result r = run("[{\"id\": \"web\", \"image\": \"nginx\", \"env\": [\"A=$x\"]}, {\"id\": \"db\", \"image\": \"pg\","
                + " \"host\": \"tcp://h:2375\"}]", "run", "--target", "compose");

        JsonNode docs = new ObjectMapper().readTree(r.out());
        assertThat(docs.get("default").at("/services/web/environment/0").textValue()).isEqualTo("A=$$x");
        assertThat(docs.get("tcp://h:2375").at("/services/db/image").textValue()).isEqualTo("pg");
    }

    @Test
    void systemdTargetWritesAUnitPerContainer() throws Exception {
        Result r = run("[{\"id\": \"web\", \"image\": \"nginx\", \"global\": true}]", "run", "--target", "systemd");

        JsonNode units = new ObjectMapper().readTree(r.out());
        assertThat(units.get("web.service").textValue()).contains("ExecStart=/usr/bin/docker run --name=web nginx\n",
                "Restart=always", "[X-Fleet]\nGlobal=true\n");
    }

    @Test
    void outputGoesToAFileWithDashO() throws Exception {
        Path out = dir.resolve("run.sh");

        Result r = run(CONFIG, "stop", "-o", out.toString());

        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo("docker stop app2\ndocker stop app1\n");
    }

    static Stream<Arguments> usageErrors() {
        String tryRun = "\nTry 'cccf instructions run --help'.";
        return Stream.of(
                arguments("run --target nomad",
                        "cccf instructions run: --target must be docker, swarm, compose or systemd, not \"nomad\"" + tryRun),
                arguments("stop --target swarm", "cccf instructions stop: --target swarm has no stop (it has run, rm and plan)"
                        + "\nTry 'cccf instructions stop --help'."),
                arguments("kill --target compose", "cccf instructions kill: --target compose has no kill (it has run and plan)"
                        + "\nTry 'cccf instructions kill --help'."),
                arguments("run --format xml", "cccf instructions run: --format must be shell or json, not \"xml\"" + tryRun),
                arguments("run --var =x",
                        "cccf instructions run: --var needs KEY=VALUE with a KEY of letters, digits and _, not \"=x\"" + tryRun),
                arguments("run no-such-file.json", "cccf instructions run: no-such-file.json: no such file" + tryRun),
                arguments("run --frobnicate", "cccf instructions run: unknown option --frobnicate" + tryRun),
                arguments("launch", "cccf instructions: unknown command \"launch\"; commands: run, start, stop, kill, rm, plan"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExitWithTwoAndSayWhatIsWrong(String args, String message) {
        Result r = run(CONFIG, args.split(" "));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(message + "\n");
    }

    @Test
    void helpSaysStdoutIsShellLines() {
        Result r = run("", "run", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("not JSON", "--format json", "--target");
    }
}
