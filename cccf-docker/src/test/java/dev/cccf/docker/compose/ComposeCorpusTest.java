package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.CccfWriter;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real compose files from public projects (src/test/resources/compose-corpus, sources and
 * licences in its README), each read as {@code cccf compose} reads it and compared with its
 * expected result beside it ({@code cccf.expected}: the warnings, the errors and the document it
 * writes, the case's folder written {@code <folder>}). {@code -Dcccf.corpus.update=true} writes the
 * expected results (and the summary) from what the reader does now, to be reviewed in the diff.
 */
class ComposeCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/compose-corpus");
    /** The environment every case is read with: fixed, so that results do not depend on the machine. */
    static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/home/user");
    private static final boolean UPDATE = Boolean.getBoolean("cccf.corpus.update");

    /** One case: the compose files of one folder (the main one, then an override if there is one). */
    record Case(Path folder, List<Path> files) {
        String name() {
            return CORPUS.relativize(folder).toString();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(CORPUS)) {
            all.filter(p -> isCompose(p.getFileName().toString()) && !p.getFileName().toString().contains("override"))
                    .sorted()
                    .forEach(main -> {
                        List<Path> files = new ArrayList<>(List.of(main));
                        try (Stream<Path> beside = Files.list(main.getParent())) {
                            beside.filter(p -> isCompose(p.getFileName().toString()) && p.getFileName().toString().contains("override"))
                                    .sorted().forEach(files::add);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        out.add(new Case(main.getParent(), files));
                    });
        }
        return out.stream();
    }

    private static boolean isCompose(String name) {
        return name.matches("(docker-)?compose[a-z0-9.-]*\\.ya?ml") && !name.contains(".included");
    }

    static Compose.Result read(Case c) throws IOException {
        List<Compose.Input> inputs = new ArrayList<>();
        for (Path f : c.files()) {
            inputs.add(new Compose.Input(Files.readString(f), f.getFileName().toString(), f));
        }
        return Compose.read(inputs, new Compose.Options(ENVIRONMENT, null, List.of(), List.of(), null));
    }

    /** What the reader makes of a case, as the expected file holds it. */
    static String outcome(Case c, Compose.Result r) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# warnings\n");
        r.warnings().forEach(p -> out.append(p.format()).append('\n'));
        out.append("# errors\n");
        r.errors().forEach(p -> out.append(p.format()).append('\n'));
        out.append("# document\n");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        CccfWriter.write(r.declarations(), r.containers(), false, json, OutputFormat.PRETTY);
        out.append(json.toString(StandardCharsets.UTF_8).strip()).append('\n');
        String folder = c.folder().toAbsolutePath().normalize().toString();
        return out.toString().replace(folder, "<folder>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRealFileReadsAsExpected(Case c) throws IOException {
        String actual = outcome(c, read(c));
        Path expected = c.folder().resolve("cccf.expected");
        if (UPDATE) {
            Files.writeString(expected, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected));
    }

    /** How many cases convert, with and without warnings: the figure the module's README gives. */
    static String summary() throws IOException {
        int total = 0;
        int clean = 0;
        int warned = 0;
        Map<String, Integer> codes = new java.util.TreeMap<>();
        for (Case c : cases().toList()) {
            Compose.Result r = read(c);
            total++;
            if (r.errors().isEmpty()) {
                if (r.warnings().isEmpty()) {
                    clean++;
                } else {
                    warned++;
                }
            }
            r.warnings().stream().map(Problem::code).distinct().forEach(code -> codes.merge(code, 1, Integer::sum));
        }
        StringBuilder out = new StringBuilder();
        out.append(clean + warned).append(" of ").append(total).append(" files convert: ").append(clean)
                .append(" without a warning, ").append(warned).append(" with warnings; ").append(total - clean - warned)
                .append(" fail\n");
        codes.forEach((code, n) -> out.append(code).append(": ").append(n).append(" files\n"));
        return out.toString();
    }

    @Test
    void theSummaryIsTheOneTheReadmeGives() throws IOException {
        String actual = summary();
        Path expected = CORPUS.resolve("SUMMARY");
        if (UPDATE) {
            Files.writeString(expected, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected));
    }
}
