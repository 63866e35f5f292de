package dev.cccf.instructions;

import dev.cccf.core.ShellWords;
import java.util.List;

/**
 * Quoting for a POSIX shell ({@code sh}, {@code dash}, {@code bash}): a quoted word reaches the
 * program exactly as it was, whatever it holds: no expansion, no splitting, no globbing, no
 * command substitution.
 */
public final class Shell {
    private Shell() {
    }

    /**
     * The word, unquoted when it is made only of safe characters, otherwise in single quotes with
     * each {@code '} written as {@code '\''}. A newline inside single quotes stays part of the word.
     *
     * @throws IllegalArgumentException when the word holds a NUL character, which no argument can carry
     */
    public static String quote(String word) {
        return ShellWords.quote(word);
    }

    /** One command line: every word quoted as needed, separated by spaces. */
    public static String line(List<String> argv) {
        return ShellWords.quoteLine(argv);
    }
}
