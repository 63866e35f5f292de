package dev.cccf.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad inputs (cccf-core/src/test/resources/bad/, docs/bad-inputs.md), run
 * through one CLI: every tool that reads a cccf document must refuse each bad input with the same
 * exit code and the same first located problem as {@code cccf validate}, write nothing on stdout
 * and show no stack trace. A CLI module extends this with the command line for one input.
 */
public abstract class BadInputContract {
    /** The catalogue, relative to a module's directory (where Maven runs its tests). */
    public static final Path DIR = Path.of("../cccf-core/src/test/resources/bad");

    /** One row of the catalogue. */
    public record Row(String file, int exit, String location, String path, String code) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** What a CLI run gives back. */
    public record Run(int exit, String stdout, String stderr) {
    }

    public static List<Row> rows() throws IOException {
        return Files.readAllLines(DIR.resolve("catalogue.tsv")).stream().skip(1).map(l -> l.split("\t"))
                .map(c -> new Row(c[0], Integer.parseInt(c[1]), c[2], c[3], c[4])).toList();
    }

    /** Runs the tool under test on the bad input {@code file} (a path to pass on its command line). */
    protected abstract Run run(String file);

    /** Helper for subclasses: runs {@code main}-like code with captured streams and no stdin. */
    protected static Run capture(Function<Tool.Streams, Integer> tool) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(new byte[0]);
        int code = tool.apply(new Tool.Streams(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("CCCF_STDOUT_TTY", "0")));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusesTheBadInputLikeValidate(Row row) {
        String file = DIR.resolve(row.file()).toString();
        Run r = run(file);
        assertThat(r.exit()).as("exit code").isEqualTo(row.exit());
        assertThat(r.stdout()).as("stdout").isEmpty();
        assertThat(r.stderr().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith(file + ":" + row.location() + ": " + row.path() + ": [" + row.code() + "] "));
        assertThat(r.stderr()).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
