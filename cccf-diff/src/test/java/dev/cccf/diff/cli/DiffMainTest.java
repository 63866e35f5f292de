package dev.cccf.diff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Tool;
import dev.cccf.scale.cli.ScaleMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiffMainTest {
    private static final String CURRENT = """
            [{"id": "web", "image": "nginx:1.25", "env": ["A=1", "DB_PASSWORD=old"], "host": "h1"},
             {"id": "db", "image": "postgres:16", "host": "h2", "x-team": {"owner": "data"}},
             {"id": "old", "image": "legacy"}]
            """;
    private static final String WANTED = """
            - id: web
              image: nginx:1.27
              env: [DB_PASSWORD=new, A=1]
              scale: 2
            - image: postgres:16
              x-team: {owner: data}
              id: db
            - id: new
              image: redis
            """;

    @TempDir
    Path dir;

    private Path current;
    private Path wanted;
    private String out;
    private String err;
    private final Map<String, String> env = new HashMap<>(Map.of("CCCF_STDOUT_TTY", "0"));

    @BeforeEach
    void files() throws Exception {
        current = Files.writeString(dir.resolve("current.json"), CURRENT);
        wanted = Files.writeString(dir.resolve("wanted.yaml"), WANTED);
    }

    private Tool.Streams streams(String stdin, ByteArrayOutputStream o, ByteArrayOutputStream e) {
        return new Tool.Streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), env);
    }

    private int diff(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = DiffMain.run(args, streams(stdin, o, e));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void writesAddRemoveKeepAndChangedWithSecretsMaskedOnlyInChanged() {
        assertThat(diff("", current.toString(), wanted.toString())).isZero();
        assertThat(err).isEmpty();
        assertThat(out).isEqualTo("{\"add\":[{\"id\":\"web\",\"image\":\"nginx:1.27\",\"env\":[\"DB_PASSWORD=new\",\"A=1\"],"
                + "\"scale\":2},{\"id\":\"new\",\"image\":\"redis\"}],"
                + "\"remove\":[{\"id\":\"web\",\"image\":\"nginx:1.25\",\"env\":[\"A=1\",\"DB_PASSWORD=old\"],\"host\":\"h1\"},"
                + "{\"id\":\"old\",\"image\":\"legacy\"}],"
                + "\"keep\":[{\"id\":\"db\",\"image\":\"postgres:16\",\"host\":\"h2\",\"x-team\":{\"owner\":\"data\"}}],"
                + "\"changed\":[{\"id\":\"web\",\"fields\":{\"image\":{\"from\":\"nginx:1.25\",\"to\":\"nginx:1.27\"},"
                + "\"env\":{\"from\":[\"A=1\",\"DB_PASSWORD=***\"],\"to\":[\"DB_PASSWORD=***\",\"A=1\"],"
                + "\"added\":[\"DB_PASSWORD=***\"],\"removed\":[\"DB_PASSWORD=***\"]}}}]}\n");
    }

    @Test
    void detailedExitcodeIsTwoWhenTheDocumentsDifferAndZeroWhenTheyDoNot() throws Exception {
        Path same = Files.writeString(dir.resolve("same.json"), CURRENT);

        assertThat(diff("", "--detailed-exitcode", current.toString(), wanted.toString())).isEqualTo(2);
        assertThat(diff("", "--detailed-exitcode", current.toString(), same.toString())).isZero();
        assertThat(diff("", current.toString(), wanted.toString())).isZero();
    }

    @Test
    void showSecretsShowsThemInChanged() {
        assertThat(diff("", "--show-secrets", current.toString(), wanted.toString())).isZero();
        assertThat(out).contains("\"added\":[\"DB_PASSWORD=new\"],\"removed\":[\"DB_PASSWORD=old\"]")
                .doesNotContain("***");
    }

    @Test
    void unknownFieldsSurviveScaleUpAndAppearIntactInTheDiff() throws Exception {
        String app = """
                [{"id":"web","image":"nginx","scale":2,"x-team":{"owner":"ops","tags":["a",1,null]},"restart":"always"}]""";
        ByteArrayOutputStream up = new ByteArrayOutputStream();
        assertThat(ScaleMain.run(new String[] {"up"}, streams(app, up, new ByteArrayOutputStream()))).isZero();
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        assertThat(diff(up.toString(StandardCharsets.UTF_8), empty.toString(), "-")).isZero();
        assertThat(out).isEqualTo("{\"add\":["
                + "{\"id\":\"web\",\"image\":\"nginx\",\"scale\":1,\"x-team\":{\"owner\":\"ops\",\"tags\":[\"a\",1,null]},"
                + "\"restart\":\"always\"},"
                + "{\"id\":\"web-scale-1\",\"image\":\"nginx\",\"x-team\":{\"owner\":\"ops\",\"tags\":[\"a\",1,null]},"
                + "\"restart\":\"always\"}],\"remove\":[],\"keep\":[],\"changed\":[]}\n");
    }

    @Test
    void readsTheScaledUpWantedSideFromAPipe() throws Exception {
        ByteArrayOutputStream up = new ByteArrayOutputStream();
        assertThat(ScaleMain.run(new String[] {"up", wanted.toString()}, streams("", up, new ByteArrayOutputStream())))
                .isZero();
        assertThat(diff(up.toString(StandardCharsets.UTF_8), current.toString(), "-", "--format", "text")).isZero();
        assertThat(out.lines()).contains("- old", "+ web-scale-1", "+ new", "2 to add, 1 to remove, 1 to change, 1 to keep");
    }

    @Test
    void textShowsAUnifiedDiffOfTheCanonicalYamlWithoutColourWhenNotATerminal() {
        assertThat(diff("", "--format", "text", current.toString(), wanted.toString())).isZero();
        assertThat(out).isEqualTo("""
                - old
                + new
                ~ web  image: nginx:1.25 -> nginx:1.27, env: +DB_PASSWORD=*** -DB_PASSWORD=***
                --- current/web
                +++ wanted/web
                @@ -2,4 +2,4 @@
                   - "A=1"
                   - "DB_PASSWORD=***"
                 id: "web"
                -image: "nginx:1.25"
                +image: "nginx:1.27"
                1 to add, 1 to remove, 1 to change, 1 to keep
                """);
    }

    @Test
    void textIsColouredOnATerminalUnlessNoColourIsSet() {
        env.put("CCCF_STDOUT_TTY", "1");
        assertThat(diff("", "--format", "text", current.toString(), wanted.toString())).isZero();
        assertThat(out).contains("\u001b[31m- old\u001b[0m", "\u001b[32m+ new\u001b[0m", "\u001b[32m+image: \"nginx:1.27\"");
        env.put("NO_COLOR", "1");
        assertThat(diff("", "--format", "text", current.toString(), wanted.toString())).isZero();
        assertThat(out).doesNotContain("\u001b[");
    }

    @Test
    void ignoreLeavesFieldsOut() {
        assertThat(diff("", "--ignore", "image", "--ignore=env", current.toString(), wanted.toString())).isZero();
        assertThat(out).contains("\"changed\":[]").contains("\"keep\":[{\"id\":\"web\"");
    }

    @Test
    void prettyAndYamlCarryTheSameData() {
        assertThat(diff("", "--yaml", current.toString(), wanted.toString())).isZero();
        assertThat(out).startsWith("add:\n").contains("changed:\n  - id: \"web\"\n    fields:\n");
        assertThat(diff("", "--pretty", current.toString(), wanted.toString())).isZero();
        assertThat(out).startsWith("{\n  \"add\": [\n");
    }

    @Test
    void invalidInputOnBothSidesIsListedWithLocationsAndExitsOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"id\": \"a b\", \"image\": \"x\"}]");
        assertThat(diff("{\"image\": \"x\"}", bad.toString(), "-")).isEqualTo(ExitCode.INVALID);
        assertThat(out).isEmpty();
        assertThat(err.lines().toList()).satisfiesExactlyInAnyOrder(
                l -> assertThat(l).startsWith("<stdin>:1:1: $: [id-required]"),
                l -> assertThat(l).startsWith(bad + ":1:9: $[0].id: [id-pattern]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one", "three", "stdin-twice", "format", "ignore-id", "ignore-bad", "unknown", "missing"})
    void usageErrorsExitTwoWithNothingOnStdout(String kind) {
        String c = current.toString();
        String w = wanted.toString();
        String[] args = switch (kind) {
            case "one" -> new String[] {c};
            case "three" -> new String[] {c, w, w};
            case "stdin-twice" -> new String[] {"-", "-"};
            case "format" -> new String[] {"--format", "html", c, w};
            case "ignore-id" -> new String[] {"--ignore", "id", c, w};
            case "ignore-bad" -> new String[] {"--ignore", "a b", c, w};
            case "unknown" -> new String[] {"--frobnicate", c, w};
            default -> new String[] {c, dir.resolve("nope.json").toString()};
        };
        assertThat(diff("[]", args)).isEqualTo(ExitCode.USAGE);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("cccf diff: ");
    }

    @Test
    void helpAndVersionGoToStdout() {
        assertThat(diff("", "--help")).isZero();
        assertThat(out).startsWith("Usage: cccf diff");
        assertThat(diff("", "--version")).isZero();
        assertThat(out).startsWith("cccf diff ");
    }
}
