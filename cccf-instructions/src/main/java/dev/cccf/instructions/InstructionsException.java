package dev.cccf.instructions;

import dev.cccf.core.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The containers cannot be turned into instructions; every problem found is listed (errors only). */
public final class InstructionsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InstructionsException(List<Problem> problems) {
        super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Each error, its path anchored at the container's id ({@code web.host}), without location. */
    public List<Problem> problems() {
        return problems;
    }
}
