package dev.cccf.core.cli;

import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: flags ({@code --pretty}), options with values ({@code --seed 7},
 * {@code --seed=7}, repeatable), flags with an optional value (a name declared as both:
 * {@code --explain} or {@code --explain=json}, the value only after {@code =}), and positional
 * arguments. {@code --} ends the options; what
 * follows it is kept apart in {@link #afterDashes()}. A lone {@code -} is positional (stdin).
 */
public final class Args {
    private final List<String> positional;
    private final Set<String> flags;
    private final Map<String, List<String>> options;
    private final List<String> afterDashes;

    private Args(List<String> positional, Set<String> flags, Map<String, List<String>> options, List<String> afterDashes) {
        this.positional = List.copyOf(positional);
        this.flags = Set.copyOf(flags);
        this.options = options;
        this.afterDashes = List.copyOf(afterDashes);
    }

    /**
     * @param flagNames long names of options without a value, e.g. {@code "--pretty"}
     * @param optionNames long names of options that take a value, e.g. {@code "--seed"}
     * @param aliases short or other spellings, e.g. {@code "-o" -> "--output"}
     */
    public static Args parse(String[] argv, Set<String> flagNames, Set<String> optionNames, Map<String, String> aliases) {
        List<String> positional = new ArrayList<>();
        Set<String> flags = new HashSet<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                after.addAll(List.of(argv).subList(i + 1, argv.length));
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            name = aliases.getOrDefault(name, name);
            if (flagNames.contains(name) && optionNames.contains(name)) {
                // a flag with an optional value: --explain, or --explain=json (never the next argument)
                if (value == null) {
                    flags.add(name);
                } else {
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            } else if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                flags.add(name);
            } else if (optionNames.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = argv[++i];
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
        options.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new Args(positional, flags, Collections.unmodifiableMap(options), after);
    }

    public List<String> positional() {
        return positional;
    }

    public boolean has(String flag) {
        return flags.contains(flag) || options.containsKey(flag);
    }

    /** The last value given for {@code option}, or {@code null}. */
    public String value(String option) {
        List<String> v = options.get(option);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    /** The value of {@code option} as an integer in {@code [min, max]}, or {@code fallback} when absent. */
    public long longValue(String option, long fallback, long min, long max) {
        String v = value(option);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, not " + Rules.quote(v));
        }
    }

    public List<String> afterDashes() {
        return afterDashes;
    }
}
