package dev.cccf.instructions;

import java.util.List;
import java.util.stream.Collectors;

/** The containers cannot be turned into instructions; every issue found is listed. */
public final class InstructionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Issue> issues;

    public InstructionsException(List<Issue> issues) {
        super(issues.stream().map(Issue::toString).collect(Collectors.joining("\n")));
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("at least one issue");
        }
        this.issues = List.copyOf(issues);
    }

    public List<Issue> issues() {
        return issues;
    }
}
