package dev.cccf.instructions.internal;

import dev.cccf.core.Container;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Issue;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings of one rendering. */
public final class Issues {
    private final List<Issue> errors = new ArrayList<>();
    private final List<Issue> warnings = new ArrayList<>();

    public void error(Container c, String field, String code, String message) {
        errors.add(new Issue(c, field, code, message));
    }

    public void warning(Container c, String field, String code, String message) {
        warnings.add(new Issue(c, field, code, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Issue> warnings() {
        return List.copyOf(warnings);
    }

    /** @throws InstructionsException when an error was found */
    public void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw new InstructionsException(errors);
        }
    }
}
