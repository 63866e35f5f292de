package dev.cccf.scale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaleMainTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int scale(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0"));
        int code = ScaleMain.run(args, streams);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void scalesUpStdinToCompactJson() {
        assertThat(scale("{\"id\":\"web\",\"image\":\"x\",\"scale\":3}", "up")).isZero();
        assertThat(out).isEqualTo("[{\"id\":\"web\",\"image\":\"x\",\"scale\":1},{\"id\":\"web-scale-1\",\"image\":\"x\"},"
                + "{\"id\":\"web-scale-2\",\"image\":\"x\"}]\n");
        assertThat(err).isEmpty();
    }

    @Test
    void aDocumentObjectKeepsWhatItDeclaresThroughScaleUpAndDown() {
        String doc = "{\"name\":\"shop\",\"networks\":{\"front\":{}},\"volumes\":{\"data\":{}},"
                + "\"containers\":[{\"id\":\"web\",\"image\":\"x\",\"scale\":2}]}";
        assertThat(scale(doc, "up")).isZero();
        assertThat(out).isEqualTo("{\"name\":\"shop\",\"networks\":{\"front\":{}},\"volumes\":{\"data\":{}},"
                + "\"containers\":[{\"id\":\"web\",\"image\":\"x\",\"scale\":1},{\"id\":\"web-scale-1\",\"image\":\"x\"}]}\n");
        assertThat(scale(out, "down")).isZero();
        assertThat(out).isEqualTo(doc + "\n");
    }

    @Test
    void scalesDownAFileOfReplicasIntoOneContainer() throws Exception {
        Path f = Files.writeString(dir.resolve("up.json"),
                "[{\"id\":\"web\",\"image\":\"x\",\"scale\":1},{\"id\":\"web-scale-1\",\"image\":\"x\"}]");
        assertThat(scale("", "down", f.toString())).isZero();
        assertThat(out).isEqualTo("[{\"id\":\"web\",\"image\":\"x\",\"scale\":2}]\n");
    }

    @Test
    void readsYamlAndSetOverridesTheScale() {
        assertThat(scale("- id: web\n  image: x\n  scale: 4\n- id: db\n  image: y\n", "up", "--set", "web=2",
                "--set=db=2")).isZero();
        assertThat(out).isEqualTo("[{\"id\":\"web\",\"image\":\"x\",\"scale\":1},{\"id\":\"web-scale-1\",\"image\":\"x\"},"
                + "{\"id\":\"db\",\"image\":\"y\",\"scale\":1},{\"id\":\"db-scale-1\",\"image\":\"y\"}]\n");
    }

    @Test
    void scaleZeroOfTheOnlyContainerWritesAnEmptyArray() {
        assertThat(scale("{\"id\":\"web\",\"image\":\"x\"}", "up", "--set", "web=0")).isZero();
        assertThat(out).isEqualTo("[]\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope=2", "web=two", "web=-1", "web=1000001", "web", "=3"})
    void aBadSetIsAUsageError(String set) {
        assertThat(scale("{\"id\":\"web\",\"image\":\"x\"}", "up", "--set", set)).isEqualTo(ExitCode.USAGE);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("cccf scale up: --set");
    }

    @Test
    void aCollisionCreatedBySetIsInvalidInputWithItsLocation() throws Exception {
        Path f = Files.writeString(dir.resolve("app.json"), """
                [{"id": "web", "image": "x"},
                 {"id": "web-scale-1", "image": "y"}]
                """);
        assertThat(scale("", "up", "--set", "web=3", f.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo(f + ":2:9: $[1].id: [scale-id-collision] id \"web-scale-1\" is also replica 1 of"
                + " \"web\" (scale 3) at " + f + ":1:9\n");
    }

    @Test
    void aCollisionInTheInputIsReportedByTheReader() {
        assertThat(scale("[{\"id\":\"web\",\"image\":\"x\",\"scale\":2},{\"id\":\"web-scale-1\",\"image\":\"y\"}]", "up"))
                .isEqualTo(ExitCode.INVALID);
        assertThat(err).isEqualTo("<stdin>:1:43: $[1].id: [scale-id-collision] id \"web-scale-1\" is also replica 1 of"
                + " \"web\" (scale 2) at <stdin>:1:8\n");
    }

    @Test
    void invalidInputIsLocatedOnStderr() {
        assertThat(scale("[{\"id\":\"a b\",\"image\":\"x\"}]", "down")).isEqualTo(ExitCode.INVALID);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("<stdin>:1:8: $[0].id: [id-pattern] id \"a b\" must match ^/?[A-Za-z0-9_-]+$"
                + " (letters, digits, '_' and '-')\n");
    }

    @Test
    void upsOutputPipesBackIntoDown() {
        String doc = "[{\"id\":\"web\",\"image\":\"x\",\"scale\":3,\"x-a\":[1]},{\"id\":\"db\",\"image\":\"y\"}]";
        assertThat(scale(doc, "up")).isZero();
        assertThat(scale(out, "down")).isZero();
        assertThat(out).isEqualTo(doc + "\n");
    }

    @Test
    void setIsNotAnOptionOfDown() {
        assertThat(scale("[]", "down", "--set", "a=1")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aMistypedCommandNamesTheNearestOne() {
        assertThat(scale("", "upp")).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("cccf scale: unknown command \"upp\"; did you mean up? commands: up, down\n");
        assertThat(scale("", "dwon")).isEqualTo(ExitCode.USAGE);
        assertThat(err).contains("did you mean down?");
    }

    @Test
    void anUnknownCommandOrNoneIsAUsageError() {
        assertThat(scale("", "sideways")).isEqualTo(ExitCode.USAGE);
        assertThat(err).contains("unknown command \"sideways\"");
        assertThat(scale("")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void helpGoesToStdout() {
        assertThat(scale("", "up", "--help")).isZero();
        assertThat(out).contains("Usage: cccf scale up");
    }
}
