package dev.cccf.docker.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The set-up of a trials test: its project's {@link Trials}, with no container of it before and after. */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrialsBase {
    Trials trials;

    /** The project (and prefix of every id) of the test's containers. */
    abstract String project();

    @BeforeAll
    void engines(@TempDir Path dir) throws IOException {
        trials = new Trials(dir, project());
        trials.removeAll();
    }

    @AfterAll
    void cleanUp() {
        if (trials != null) {
            trials.removeAll();
        }
    }
}
