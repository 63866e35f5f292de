package dev.cccf.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does, but performs no expansion at
 * all: no variables, no command substitution, no globbing. Single quotes keep everything;
 * double quotes keep everything but {@code \"}, {@code \\}, {@code \$} and {@code \`}; a
 * backslash outside quotes escapes the next character.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /**
     * @return the words, empty for a blank line
     * @throws IllegalArgumentException when a quote is left open or the line ends in a lone backslash
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("single quote at offset " + i + " is never closed");
                }
                word.append(line, i + 1, end);
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
                        if (line.charAt(j + 1) != '\n') {
                            word.append(line.charAt(j + 1));
                        }
                        j += 2;
                    } else {
                        word.append(d);
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
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
