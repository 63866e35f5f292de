package dev.cccf.core.fuzz;

import dev.cccf.core.Container;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.io.IOException;
import java.util.List;

/**
 * What one read of a fuzz input gave: its containers (when valid) or its problems, so that two
 * readers' outcomes compare with {@code equals}. Any other exception is not caught: it is a finding.
 */
record Read(List<Container> containers, List<Problem> problems) {

    /** A read that returns the containers, or throws the document's problems. */
    @FunctionalInterface
    interface Reading {
        List<Container> read() throws IOException;
    }

    Read {
        containers = containers == null ? null : List.copyOf(containers);
        problems = problems == null ? null : List.copyOf(problems);
    }

    static Read of(Reading reading) throws IOException {
        try {
            return new Read(reading.read(), null);
        } catch (InvalidDocumentException e) {
            return new Read(null, e.problems());
        }
    }
}
