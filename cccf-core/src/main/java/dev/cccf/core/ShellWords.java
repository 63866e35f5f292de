package dev.cccf.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits a command line into words the way a POSIX shell does, but performs no expansion at
 * all: no variables, no command substitution, no globbing. Single quotes keep everything;
 * double quotes keep everything but {@code \"}, {@code \\}, {@code \$} and {@code \`}; a
 * backslash outside quotes escapes the next character.
 */
public final class ShellWords {
    /** Words made only of these characters mean the same to every POSIX shell, wherever they stand. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /**
     * The word, unquoted when it is made only of safe characters, otherwise in single quotes with
     * each {@code '} written as {@code '\''}: {@link #split} (and any POSIX shell) gives it back as
     * it is. A newline inside single quotes stays part of the word.
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

    /** One command line: every word {@link #quote quoted} as needed, separated by spaces. */
    public static String quoteLine(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    /**
     * @return the words, empty for a blank line
     * @throws IllegalArgumentException when a quote is left open or the line ends in a lone backslash
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        scan(line, words);
        return words;
    }

    /**
     * Checks that {@code line} splits (quotes closed, no lone trailing backslash) without building
     * any word: validation runs this for every container's {@code cmd}.
     *
     * @return {@code null}, or why the line does not split
     */
    public static String check(String line) {
        if (line.indexOf('\'') < 0 && line.indexOf('"') < 0 && line.indexOf('\\') < 0) {
            return null; // nothing that opens or escapes: it splits (the common case, and a quick one)
        }
        try {
            scan(line, null);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Splits {@code line}, adding the words to {@code words}, or only checks it when that is null. */
    private static void scan(String line, List<String> words) {
        StringBuilder word = words == null ? null : new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord && word != null) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                inWord = false;
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("single quote at offset " + i + " is never closed");
                }
                if (word != null) {
                    word.append(line, i + 1, end);
                }
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = line.charAt(j);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\' && j + 1 < n && "\"\\$`\n".indexOf(line.charAt(j + 1)) >= 0) {
                        if (word != null && line.charAt(j + 1) != '\n') {
                            word.append(line.charAt(j + 1));
                        }
                        j += 2;
                    } else {
                        if (word != null) {
                            word.append(d);
                        }
                        j++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("double quote at offset " + i + " is never closed");
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("the line ends in a lone backslash");
                }
                char next = line.charAt(i + 1);
                if (next != '\n') { // backslash-newline is a line continuation
                    if (word != null) {
                        word.append(next);
                    }
                    inWord = true;
                }
                i += 2;
            } else {
                if (word != null) {
                    word.append(c);
                }
                inWord = true;
                i++;
            }
        }
        if (inWord && word != null) {
            words.add(word.toString());
        }
    }
}
