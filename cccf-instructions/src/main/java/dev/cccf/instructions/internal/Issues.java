package dev.cccf.instructions.internal;

import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.instructions.InstructionsException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the errors and warnings of one rendering, each once: a container rendered twice (a
 * removed one is stopped, then removed) gives its problems once.
 */
public final class Issues {
    private final Set<Problem> errors = new LinkedHashSet<>();
    private final Set<Problem> warnings = new LinkedHashSet<>();

    public void error(Container c, String field, String code, String message) {
        errors.add(Problem.error(c.id() + field, code, message));
    }

    public void warning(Container c, String field, String code, String message) {
        warnings.add(Problem.warning(c.id() + field, code, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    /** @throws InstructionsException when an error was found */
    public void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new InstructionsException(List.copyOf(errors));
        }
    }
}
