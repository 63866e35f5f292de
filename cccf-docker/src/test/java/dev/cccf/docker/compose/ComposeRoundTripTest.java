package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.ShellWords;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * compose -> cccf -> compose keeps meaning: every real file of the corpus that converts, written
 * back with {@link ComposeWriter#write}, reads again as the same document (a command line as the words
 * compose splits it into; services in the order of their dependencies, as the compose target writes them).
 */
class ComposeRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<ComposeCorpusTest.Case> converting() throws IOException {
        return ComposeCorpusTest.cases().filter(c -> {
            try {
                return ComposeCorpusTest.read(c).errors().isEmpty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("converting")
    void aRealFileWrittenBackReadsAsTheSameDocument(ComposeCorpusTest.Case c) throws IOException {
        Compose.Result first = ComposeCorpusTest.read(c);
        String written = JSON.writeValueAsString(ComposeWriter.write(first.declarations(), first.containers()));

        Compose.Result again = Compose.read(List.of(new Compose.Input(written, "written.json", null)),
                new Compose.Options(ComposeCorpusTest.ENVIRONMENT, null, List.of(), List.of(), null));

        assertThat(again.errors()).isEmpty();
        assertThat(again.declarations()).isEqualTo(first.declarations());
        assertThat(again.containers().stream().map(ComposeRoundTripTest::words).map(Cccf::canonical))
                .containsExactlyInAnyOrderElementsOf(first.containers().stream().map(ComposeRoundTripTest::words).map(Cccf::canonical).toList());
    }

    /** The command as words: the compose target writes a line as the words compose would split it into. */
    private static Container words(Container c) {
        if (c.cmd() instanceof Cmd.Line line) {
            return c.withCmd(Cmd.argv(ShellWords.split(line.line())));
        }
        return c;
    }
}
