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

        // written out: a record's generated equals, hashCode and toString are linked through
        // method handles on first use, milliseconds of a small run's start (see Cmd.Argv)
        @Override
        public boolean equals(Object o) {
            return o instanceof Line other && line.equals(other.line);
        }

        @Override
        public int hashCode() {
            return line.hashCode();
        }

        @Override
        public String toString() {
            return "Line[line=" + line + "]";
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

        // written out: the generated ones are bootstrapped through java.lang.runtime.ObjectMethods
        // on first use, about 20 method-handle classes (10 ms of a cold cccf apply on JDK 17)
        @Override
        public boolean equals(Object o) {
            return o instanceof Argv other && args.equals(other.args);
        }

        @Override
        public int hashCode() {
            return args.hashCode();
        }

        @Override
        public String toString() {
            return "Argv[args=" + args + "]";
        }
    }
}
