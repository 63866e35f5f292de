package dev.cccf.instructions;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quoting for a POSIX shell ({@code sh}, {@code dash}, {@code bash}): a quoted word reaches the
 * program exactly as it was, whatever it holds: no expansion, no splitting, no globbing, no
 * command substitution.
 */
public final class Shell {
    /** Words made only of these characters mean the same to every POSIX shell, wherever they stand. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {
    }

    /**
     * The word, unquoted when it is made only of safe characters, otherwise in single quotes with
     * each {@code '} written as {@code '\''}. A newline inside single quotes stays part of the word.
     *
     * @throws IllegalArgumentException when the word holds a NUL character, which no argument can carry
     */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument cannot hold a NUL character");
        }
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** One command line: every word quoted as needed, separated by spaces. */
    public static String line(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
