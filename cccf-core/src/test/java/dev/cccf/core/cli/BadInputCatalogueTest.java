package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad inputs (src/test/resources/bad/catalogue.tsv): for each file, the exit
 * code of {@code cccf validate}, and the location, path and rule code of its first problem.
 * docs/bad-inputs.md lists the same rows for people.
 */
class BadInputCatalogueTest {
    private static final Path DIR = Path.of("src/test/resources/bad");

    record Row(String file, int exit, String location, String path, String code) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Row> rows() throws IOException {
        return Files.readAllLines(DIR.resolve("catalogue.tsv")).stream().skip(1).map(l -> l.split("\t"))
                .map(c -> new Row(c[0], Integer.parseInt(c[1]), c[2], c[3], c[4])).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void validateReportsTheCataloguedProblem(Row row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String file = DIR.resolve(row.file()).toString();
        int code = CoreMain.run(new String[] {"validate", file}, new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of()));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(row.exit());
        assertThat(out.size()).as("nothing on stdout").isZero();
        assertThat(stderr.lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith(file + ":" + row.location() + ": " + row.path() + ": [" + row.code() + "] "));
        assertThat(stderr).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everyBadFileIsCataloguedAndDocumented() throws IOException {
        List<String> catalogued = rows().stream().map(Row::file).toList();
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("catalogue.tsv")))
                    .containsExactlyInAnyOrderElementsOf(catalogued);
        }
        String doc = Files.readString(Path.of("../docs/bad-inputs.md"));
        assertThat(catalogued).allSatisfy(f -> assertThat(doc).contains("`" + f + "`"));
        assertThat(catalogued).hasSizeGreaterThanOrEqualTo(60);
    }
}
