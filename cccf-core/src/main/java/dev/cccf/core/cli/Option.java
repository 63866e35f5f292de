package dev.cccf.core.cli;

import java.util.List;
import java.util.Objects;

/**
 * One option of a tool, declared once: the parser ({@link Args}), {@code --help}, the shell
 * completion and the man page are all made from it, so they cannot drift apart.
 *
 * <pre>{@code
 * Option.flag("--quiet", "write nothing on success, only the exit code").withShort('q')
 * Option.value("--seed", "S", "the random seed (a whole number)")
 * Option.file("--hosts", "HOSTS", "the hosts file")                 // completes file names
 * Option.value("--format", "F", "json or text").withChoices("json", "text")
 * Option.optional("--explain", "FORMAT", "...")                    // --explain or --explain=json
 * }</pre>
 *
 * @param name the long name with its dashes, e.g. {@code "--seed"}
 * @param shortName the one-letter spelling with its dash, e.g. {@code "-q"}, or {@code ""}
 * @param argument what the value is called in help ({@code "FILE"}), or {@code ""} for a flag
 * @param valueOptional a flag that may carry a value after {@code =} ({@code --explain=json}),
 *     never taken from the next argument
 * @param file the value names a file (the shell completes file names)
 * @param choices the values it accepts, when they are a fixed few (completed by the shell)
 * @param help one sentence or a few for {@code --help} and the man page
 */
public record Option(String name, String shortName, String argument, boolean valueOptional, boolean file,
        List<String> choices, String help) {
    public Option {
        Objects.requireNonNull(help, "help");
        if (!isLongName(name)) {
            throw new IllegalArgumentException("an option's name is --lower-case-words, not " + name);
        }
        if (!shortName.isEmpty() && !(shortName.length() == 2 && shortName.charAt(0) == '-'
                && Character.isLetter(shortName.charAt(1)))) {
            throw new IllegalArgumentException("a short name is one letter after a dash, not " + shortName);
        }
        if (valueOptional && argument.isEmpty()) {
            throw new IllegalArgumentException(name + ": an optional value needs an argument name");
        }
        choices = List.copyOf(choices);
    }

    /** {@code --lower-case-words} (checked by hand: a regular expression costs start-up time). */
    private static boolean isLongName(String name) {
        if (name.length() < 3 || !name.startsWith("--") || name.charAt(2) == '-') {
            return false;
        }
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** An option without a value: {@code --quiet}. */
    public static Option flag(String name, String help) {
        return new Option(name, "", "", false, false, List.of(), help);
    }

    /** An option with a value that is not a file: {@code --seed S}, {@code --seed=S}. */
    public static Option value(String name, String argument, String help) {
        return new Option(name, "", argument, false, false, List.of(), help);
    }

    /** An option whose value is a file name: {@code --hosts HOSTS}. */
    public static Option file(String name, String argument, String help) {
        return new Option(name, "", argument, false, true, List.of(), help);
    }

    /** A flag that may carry a value after {@code =}: {@code --explain}, {@code --explain=json}. */
    public static Option optional(String name, String argument, String help) {
        return new Option(name, "", argument, true, false, List.of(), help);
    }

    /** The same option with a one-letter spelling: {@code withShort('q')} is {@code -q}. */
    public Option withShort(char letter) {
        return new Option(name, "-" + letter, argument, valueOptional, file, choices, help);
    }

    /** The same option, taking one of these values (the shell completes them). */
    public Option withChoices(String... values) {
        return new Option(name, shortName, argument, valueOptional, file, List.of(values), help);
    }

    /** True when the option takes no value, or only after {@code =}. */
    public boolean isFlag() {
        return argument.isEmpty() || valueOptional;
    }

    /** True when the value must follow: {@code --seed 7} or {@code --seed=7}. */
    public boolean takesValue() {
        return !argument.isEmpty() && !valueOptional;
    }

    /** How help shows it: {@code -o, --output FILE}, {@code --explain[=FORMAT]}. */
    public String synopsis() {
        String s = (shortName.isEmpty() ? "" : shortName + ", ") + name;
        if (valueOptional) {
            return s + "[=" + argument + "]";
        }
        return argument.isEmpty() ? s : s + " " + argument;
    }
}
