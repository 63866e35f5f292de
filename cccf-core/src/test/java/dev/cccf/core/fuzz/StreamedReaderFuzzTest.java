package dev.cccf.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The streamed reads the CLIs use ({@code CccfReader.each}, and {@code eachJson} under
 * {@code cccf diff}) against the whole read ({@code CccfReader.read}), for any bytes: a valid
 * document hands over the containers {@code read} returns, in its order, and {@code eachJson}
 * with each the bytes {@code CccfWriter.json} writes for it; an invalid one throws exactly the
 * problems {@code read} throws (file, line, column, path, code and message, in the same order).
 * Any other exception is a bug. See docs/reliability.md for the runs.
 */
class StreamedReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void streamedReadsAgreeWithTheWholeRead(byte[] input) throws IOException {
        Read whole = Read.of(() -> Cccf.read(new ByteArrayInputStream(input), "fuzz").containers());

        List<Container> handed = new ArrayList<>();
        Read each = Read.of(() -> {
            int n = Cccf.reader().each(new ByteArrayInputStream(input), "fuzz", handed::add);
            assertThat(n).as("each's count").isEqualTo(handed.size());
            return handed;
        });

        List<Container> handedWithJson = new ArrayList<>();
        List<String> json = new ArrayList<>();
        Read eachJson = Read.of(() -> {
            int n = Cccf.reader().eachJson(new ByteArrayInputStream(input), "fuzz", (c, bytes, offset, length) -> {
                handedWithJson.add(c);
                json.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            });
            assertThat(n).as("eachJson's count").isEqualTo(handedWithJson.size());
            return handedWithJson;
        });

        if (whole.problems() != null) {
            Problems.assertLocatedAndClean(whole.problems());
        }
        assertThat(each).as("each").isEqualTo(whole);
        assertThat(eachJson).as("eachJson").isEqualTo(whole);
        if (whole.containers() != null) {
            assertThat(json).as("eachJson's bytes are the writer's")
                    .containsExactlyElementsOf(whole.containers().stream().map(CccfWriter::json).toList());
        }
    }
}
