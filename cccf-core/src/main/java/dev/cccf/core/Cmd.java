package dev.cccf.core;

import java.util.List;
import java.util.Objects;

/**
 * A container's command: either one string ({@code "python server.py"}, split into words by POSIX
 * shell rules without any expansion) or an argv array taken as it is.
 */
public sealed interface Cmd permits Cmd.Line, Cmd.Argv {

    /** The command as separate arguments, never passing through a shell. */
    List<String> words();

    static Cmd line(String line) {
        return new Line(line);
    }

    static Cmd argv(List<String> args) {
        return new Argv(args);
    }

    /** {@code "cmd": "python server.py"}. */
    record Line(String line) implements Cmd {
        public Line {
            Objects.requireNonNull(line, "line");
        }

        /** @throws IllegalArgumentException when a quote is left open */
        @Override
        public List<String> words() {
            return ShellWords.split(line);
        }
    }

    /** {@code "cmd": ["python", "server.py"]}. */
    record Argv(List<String> args) implements Cmd {
        public Argv {
            args = List.copyOf(args);
        }

        @Override
        public List<String> words() {
            return args;
        }
    }
}
