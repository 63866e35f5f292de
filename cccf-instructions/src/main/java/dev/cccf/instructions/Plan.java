package dev.cccf.instructions;

import dev.cccf.core.Problem;
import java.util.List;

/**
 * Instructions, in the order to run them: each one an argv ({@code ["docker", "stop", "web"]}),
 * and the warnings found on the way.
 */
public record Plan(List<List<String>> commands, List<Problem> warnings) {
    public Plan {
        commands = commands.stream().map(List::copyOf).toList();
        warnings = List.copyOf(warnings);
    }

    /** Each command as one POSIX shell line, every argument quoted as it needs. */
    public List<String> lines() {
        return commands.stream().map(Shell::line).toList();
    }
}
