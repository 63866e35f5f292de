package dev.cccf.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a document is not valid cccf. It carries every problem found, in source order,
 * not just the first.
 */
public final class InvalidDocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidDocumentException(List<Problem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid document has at least one problem");
        }
        this.problems = problems.stream().sorted(Problem.BY_LOCATION).toList();
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().sorted(Problem.BY_LOCATION).map(Problem::format)
                        .collect(Collectors.joining("\n"));
    }
}
