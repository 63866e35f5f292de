package dev.cccf.docker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cccf.core.Cccf;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import dev.cccf.core.cli.Tool;
import dev.cccf.docker.compose.Compose;
import dev.cccf.docker.DockerFields;
import dev.cccf.docker.cli.DockerMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Any bytes given to {@code cccf compose} either become cccf that {@code cccf validate} (with the
 * docker fields checked) reads back unchanged, or fail with located problems: exit 0 or 1, every
 * line on stderr a located warning or error, never a stack trace. Any other outcome is a bug. In
 * the test suite this runs its seed inputs (and fuzzes for a while with JAZZER_FUZZ=1: see
 * docs/reliability.md).
 */
class ComposeFuzzTest {
    /**
     * {@code FILE:LINE:COL: PATH: [code] message} on one line, as every located problem is
     * printed ({@code FILE:LINE:COL: PATH: warning: [code] message} for a warning); the path in the
     * reader's notation (odd keys quoted: {@code $.services["a b"]}); FILE is stdin, or a file the
     * input names ({@code include}, {@code env_file}), by its absolute path.
     */
    private static final Pattern LOCATED = Pattern.compile("(<stdin>|/[^:\\p{Cntrl}]+):[1-9][0-9]*:[1-9][0-9]*: "
            + "\\$(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[[0-9]+\\]|\\[\"([^\"\\\\\\p{Cntrl}]|\\\\.)*\"\\])*: "
            + "(warning: )?\\[[a-z0-9-]+\\] [^\\p{Cntrl}]+");

    @FuzzTest(maxDuration = "20s")
    void readsAnyComposeFileOrReportsLocatedProblems(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DockerMain.run(new String[] {"compose", "--compact"}, new Tool.Streams(new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isIn(0, 1);
        List<String> lines = stderr.lines().toList();
        for (String line : lines) {
            assertThat(line).as(stderr).matches(LOCATED);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            assertThat(code).isEqualTo(1);
            assertThat(stderr).contains("[encoding]");
            return;
        }
        // the CLI prints exactly the problems of the API, one line each (stdin: paths relative to the working directory)
        Compose.Result r = Compose.read(List.of(new Compose.Input(text.startsWith("\uFEFF") ? text.substring(1) : text, Location.STDIN, null)),
                new Compose.Options(Map.of(), Path.of("").toAbsolutePath(), List.of(), List.of(), null));
        assertThat(lines).as(stderr).hasSize(r.warnings().size() + r.errors().size());
        if (!r.errors().isEmpty()) {
            assertThat(code).isEqualTo(1);
            assertThat(out.size()).isZero();
            return;
        }
        assertThat(code).as(stderr).isZero();
        // what it wrote is valid cccf, docker fields included, and reads back as the same containers
        Document again;
        try {
            again = DockerFields.reader().read(out.toString(StandardCharsets.UTF_8), "compose output");
        } catch (InvalidDocumentException e) {
            throw new AssertionError("cccf compose wrote invalid cccf:\n" + out.toString(StandardCharsets.UTF_8) + "\n"
                    + String.join("\n", e.problems().stream().map(Problem::format).toList()), e);
        }
        assertThat(again.containers().stream().map(Cccf::canonical))
                .containsExactlyElementsOf(r.containers().stream().map(Cccf::canonical).toList());
    }
}
