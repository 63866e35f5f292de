package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateToolTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int cccf(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0"));
        int code = CoreMain.run(args, streams);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void writesValidInputToStdoutWithUnknownFieldsIntact() {
        assertThat(cccf("{\"id\":\"a\",\"image\":\"b\",\"x-team\":{\"owner\":\"ops\"},\"weight\":3}", "validate")).isZero();
        assertThat(out).isEqualTo("{\"id\":\"a\",\"image\":\"b\",\"x-team\":{\"owner\":\"ops\"},\"weight\":3}\n");
        assertThat(err).isEmpty();
    }

    @Test
    void readsTheFileAfterDoubleDashNotStdin() throws Exception {
        Path app = file("app.json", "{\"id\":\"a\",\"image\":\"b\"}");
        assertThat(cccf("{\"id\": \"stdin\"}", "validate", "--quiet", "--", app.toString())).isZero();
        assertThat(err).isEmpty();
        assertThat(cccf("{\"id\": \"stdin\"}", "validate", "--", app.toString())).isZero();
        assertThat(out).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}\n");
    }

    @Test
    void aFileNamedLikeAnOptionIsReadAfterDoubleDash() throws Exception {
        file("--pretty", "{\"id\":\"a\",\"image\":\"b\"}");
        assertThat(cccf("", "validate", "--", dir.resolve("--pretty").toString())).isZero();
        assertThat(out).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}\n");
    }

    @Test
    void bundledShortOptionsAndAnUnknownOneWithItsNearestName() throws Exception {
        Path app = file("app.json", "{\"id\":\"a\",\"image\":\"b\"}");
        Path copy = dir.resolve("copy.json");
        assertThat(cccf("", "validate", "-qo" + copy, app.toString())).isZero();
        assertThat(out).isEmpty();
        assertThat(copy).doesNotExist(); // --quiet writes nothing, not even to -o
        assertThat(cccf("", "validate", "-o", copy.toString(), app.toString())).isZero();
        assertThat(copy).hasContent("{\"id\":\"a\",\"image\":\"b\"}");
        assertThat(cccf("", "validate", "--qiuet", app.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("cccf validate: unknown option --qiuet; did you mean --quiet?\n"
                + "Try 'cccf validate --help'.\n");
    }

    @Test
    void saysOnceThatItReadsATerminalAndHowToEndIt() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Tool.Streams terminal = new Tool.Streams(new ByteArrayInputStream("{\"id\":\"a\",\"image\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0", "CCCF_STDIN_TTY", "1"));

        assertThat(CoreMain.run(new String[] {"validate"}, terminal)).isZero();

        assertThat(e.toString(StandardCharsets.UTF_8)).isEqualTo("cccf validate: reading stdin (a terminal): type or paste"
                + " the input, then Ctrl-D to end it; or give a FILE (cccf validate --help)\n");
        assertThat(o.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}\n");
    }

    @Test
    void saysNothingAboutAPipe() {
        assertThat(cccf("{\"id\":\"a\",\"image\":\"b\"}", "validate")).isZero();
        assertThat(err).isEmpty();
    }

    @Test
    void listsThreeProblemsOnThreeLinesAndExitsOne() throws Exception {
        Path bad = file("bad.json", """
                [{"id": "a b", "image": "x"},
                 {"id": "c", "image": "y", "ports": ["80"]},
                 {"id": "d"}]
                """);
        assertThat(cccf("", "validate", bad.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(out).isEmpty();
        assertThat(err.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith(bad + ":"));
        assertThat(err.lines().toList()).satisfiesExactly(
                l -> assertThat(l).contains(":1:9: $[0].id: [id-pattern]"),
                l -> assertThat(l).contains(":2:38: $[1].ports[0]: [port-format]"),
                l -> assertThat(l).contains(":3:2: $[2]: [image-required]"));
    }

    @Test
    void readsYamlFromStdin() {
        assertThat(cccf("- id: a\n  image: b\n", "validate")).isZero();
        assertThat(out).isEqualTo("[{\"id\":\"a\",\"image\":\"b\"}]\n");
    }

    @Test
    void joinsSeveralFilesAndChecksIdsAcrossThem() throws Exception {
        Path a = file("a.json", "{\"id\":\"a\",\"image\":\"x\"}");
        Path b = file("b.yaml", "- id: b\n  image: y\n");
        assertThat(cccf("", "validate", a.toString(), b.toString())).isZero();
        assertThat(out).isEqualTo("[{\"id\":\"a\",\"image\":\"x\"},{\"id\":\"b\",\"image\":\"y\"}]\n");
        Path c = file("c.yaml", "- id: a\n  image: z\n");
        assertThat(cccf("", "validate", a.toString(), c.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err).startsWith(c + ":1:7: $[0].id: [duplicate-id]").contains("already used at " + a + ":1:7");
    }

    @Test
    void reportsProblemsOfEveryFileTogether() throws Exception {
        Path a = file("a.json", "{\"id\":\"a\"}");
        Path b = file("b.json", "[1]");
        assertThat(cccf("", "validate", a.toString(), b.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.lines()).hasSize(2);
    }

    @Test
    void readsANamedPipeLikeBashProcessSubstitution() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "{\"id\":\"a\",\"image\":\"b\"}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        assertThat(cccf("", "validate", fifo.toString())).as(err).isZero();
        writer.join(10_000);
        assertThat(out).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}\n");
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(cccf("", "validate", dir.resolve("nope.json").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err).contains("nope.json: no such file");
        assertThat(out).isEmpty();
    }

    @Test
    void unknownOptionsAndCommandsAreUsageErrors() {
        assertThat(cccf("", "validate", "--frobnicate")).isEqualTo(ExitCode.USAGE);
        assertThat(err).contains("unknown option --frobnicate");
        assertThat(cccf("", "frobnicate")).isEqualTo(ExitCode.USAGE);
        assertThat(cccf("")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void quietWritesNothing() {
        assertThat(cccf("{\"id\":\"a\",\"image\":\"b\"}", "validate", "--quiet")).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void helpAndVersionGoToStdout() {
        assertThat(cccf("", "validate", "--help")).isZero();
        assertThat(out).startsWith("Usage: cccf validate");
        assertThat(cccf("", "validate", "--version")).isZero();
        assertThat(out).startsWith("cccf validate ");
    }

    @Test
    void writesYamlAndPrettyOnRequest() {
        assertThat(cccf("{\"id\":\"a\",\"image\":\"b\"}", "validate", "--yaml")).isZero();
        assertThat(out).isEqualTo("id: \"a\"\nimage: \"b\"\n");
        assertThat(cccf("{\"id\":\"a\",\"image\":\"b\"}", "validate", "--pretty")).isZero();
        assertThat(out).isEqualTo("{\n  \"id\": \"a\",\n  \"image\": \"b\"\n}\n");
    }

    @Test
    void outputFileIsReplacedOnlyWhenTheRunSucceeds() throws Exception {
        Path target = file("out.json", "old contents");
        assertThat(cccf("{\"id\":\"a\"}", "validate", "-o", target.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(Files.readString(target)).isEqualTo("old contents");
        assertThat(cccf("{\"id\":\"a\",\"image\":\"b\"}", "validate", "-o", target.toString())).isZero();
        assertThat(Files.readString(target)).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}\n");
        assertThat(out).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.json");
        }
    }

    @Test
    void neverWritesOverItsOwnInput() throws Exception {
        Path input = file("in.json", "{\"id\":\"a\",\"image\":\"b\"}");
        assertThat(cccf("", "validate", input.toString(), "-o", input.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(input)).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}");
    }

    @Test
    void randomIsDeterministicAndValid() {
        assertThat(cccf("", "random", "3", "--seed", "9")).isZero();
        String first = out;
        assertThat(cccf(first, "validate")).isZero();
        assertThat(out).isEqualTo(first);
        assertThat(cccf("", "random", "3", "--seed=9")).isZero();
        assertThat(out).isEqualTo(first);
        assertThat(cccf("", "random", "x")).isEqualTo(ExitCode.USAGE);
        assertThat(cccf("", "random", "3", "--seed")).isEqualTo(ExitCode.USAGE);
    }
}
