package dev.cccf.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.OutputFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Any bytes either read as valid cccf, which then survives a round trip through every output
 * format unchanged, or fail with at least one located problem. Any other exception is a bug. In
 * the test suite this runs its seed inputs (and fuzzes for a while with JAZZER_FUZZ=1: see
 * docs/reliability.md).
 */
class ReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void readsAnyBytesOrReportsLocatedProblems(byte[] input) throws IOException {
        Document doc;
        try {
            doc = Cccf.read(new ByteArrayInputStream(input), "fuzz");
        } catch (InvalidDocumentException e) {
            Problems.assertLocatedAndClean(e.problems());
            return;
        }
        for (OutputFormat format : OutputFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CccfWriter.write(doc.containers(), doc.isSingleObject(), out, format);
            Document again = Cccf.read(new ByteArrayInputStream(out.toByteArray()), "again");
            if (format == OutputFormat.CANONICAL) { // numbers are normalised there: 1.5E+3 -> 1500
                assertThat(again.containers().stream().map(Cccf::canonical))
                        .containsExactlyElementsOf(doc.containers().stream().map(Cccf::canonical).toList());
            } else {
                assertThat(again.containers()).as(format.name()).isEqualTo(doc.containers());
            }
        }
    }
}
