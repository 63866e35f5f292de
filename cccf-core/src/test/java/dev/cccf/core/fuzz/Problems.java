package dev.cccf.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Problem;
import java.util.List;

/** What every reader's problems must be, whatever the input. */
final class Problems {
    private Problems() {
    }

    /** At least one, each located (1-based), on a JSON path, with a message a terminal can show. */
    static void assertLocatedAndClean(List<Problem> problems) {
        assertThat(problems).as("an invalid document says why").isNotEmpty();
        for (Problem p : problems) {
            assertThat(p.location()).as("located").isPresent();
            assertThat(p.location().orElseThrow().line()).isPositive();
            assertThat(p.location().orElseThrow().column()).isPositive();
            assertThat(p.path()).startsWith("$");
            assertThat(p.message()).isNotBlank();
            // messages go to terminals: no control character of the input comes through raw
            assertThat(p.message()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]");
        }
    }
}
