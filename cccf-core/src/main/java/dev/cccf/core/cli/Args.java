package dev.cccf.core.cli;

import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line parsed as users of POSIX and GNU tools expect, against a tool's declared
 * {@link Option}s: {@code --seed 7} and {@code --seed=7}; short options alone or bundled
 * ({@code -q}, {@code -aH URL}, {@code -qo FILE}, {@code -oFILE}); a flag with an optional value
 * takes it only after {@code =} ({@code --explain=json}); options and operands in any order;
 * a lone {@code -} is an operand (stdin); {@code --} ends the options, and what follows it is
 * operands too, or, for a tool that passes them on ({@code cccf instructions run ... -- --dns
 * 8.8.8.8}), kept apart in {@link #afterDashes()}. An unknown option is a usage error that
 * names the nearest declared one.
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
     * Parses {@code argv} against {@code declared}; with {@code keepAfterDashes} the arguments
     * after {@code --} go to {@link #afterDashes()}, otherwise they are operands.
     *
     * @throws UsageException for an unknown option, a missing value or a value given to a flag
     */
    public static Args parse(String[] argv, List<Option> declared, boolean keepAfterDashes) {
        Map<String, Option> byName = new HashMap<>();
        for (Option o : declared) {
            byName.put(o.name(), o);
            if (!o.shortName().isEmpty()) {
                byName.put(o.shortName(), o);
            }
        }
        List<String> positional = new ArrayList<>();
        Set<String> flags = new HashSet<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                List<String> rest = List.of(argv).subList(i + 1, argv.length);
                (keepAfterDashes ? after : positional).addAll(rest);
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq > 0 ? a.substring(0, eq) : a;
                String value = eq > 0 ? a.substring(eq + 1) : null;
                Option o = byName.get(name);
                if (o == null || !o.name().equals(name)) {
                    throw new UsageException(unknown(name, declared));
                }
                if (o.takesValue() && value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException(name + " needs a value (" + o.synopsis() + ")");
                    }
                    value = argv[++i];
                } else if (!o.takesValue() && !o.valueOptional() && value != null) {
                    throw new UsageException(name + " takes no value");
                }
                record(o, value, flags, options);
                continue;
            }
            // one or more short options: -q, -qo FILE, -oFILE, -aH URL
            for (int j = 1; j < a.length(); j++) {
                String letter = "-" + a.charAt(j);
                Option o = byName.get(letter);
                if (o == null || !o.shortName().equals(letter)) {
                    throw new UsageException(unknownShort(letter, a, declared));
                }
                if (o.takesValue()) {
                    String value = a.substring(j + 1);
                    if (value.isEmpty()) {
                        if (i + 1 >= argv.length) {
                            throw new UsageException(letter + " needs a value (" + o.synopsis() + ")");
                        }
                        value = argv[++i];
                    }
                    record(o, value, flags, options);
                    break;
                }
                record(o, null, flags, options);
            }
        }
        options.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new Args(positional, flags, Collections.unmodifiableMap(options), after);
    }

    private static void record(Option o, String value, Set<String> flags, Map<String, List<String>> options) {
        if (value == null) {
            flags.add(o.name());
        } else {
            options.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(value);
        }
    }

    private static String unknown(String name, List<Option> declared) {
        String nearest = nearest(name.substring(2), declared);
        return "unknown option " + name + (nearest == null ? "" : "; did you mean " + nearest + "?");
    }

    private static String unknownShort(String letter, String word, List<Option> declared) {
        String inWord = word.length() > 2 ? " in " + word : "";
        // -quiet for --quiet: the word as a long option
        String nearest = word.length() > 2 ? nearest(word.substring(1), declared) : null;
        return "unknown option " + letter + inWord + (nearest == null ? "" : "; did you mean " + nearest + "?");
    }

    /** The declared long name nearest to {@code typed} (without its dashes), with its dashes; or null. */
    static String nearest(String typed, List<Option> declared) {
        String name = nearestWord(typed, declared.stream().map(o -> o.name().substring(2)).toList());
        return name == null ? null : "--" + name;
    }

    /**
     * The word of {@code words} nearest to {@code typed}: the one it begins, when it begins only
     * one; else the closest by edit distance (a swap of two neighbouring letters counts one),
     * when that distance is small for the word's length; else null. Of two as close
     * ({@code hots}: {@code host} and {@code hosts}), the one that holds every typed letter in
     * order.
     */
    static String nearestWord(String typed, List<String> words) {
        List<String> starting = words.stream().filter(n -> n.startsWith(typed)).toList();
        if (starting.size() == 1) {
            return starting.get(0);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String word : words) {
            int d = distance(typed, word);
            // of two as near, the one the typed word is a subsequence of (a letter left out is the commonest slip)
            if (d < bestDistance || d == bestDistance && isSubsequence(typed, word) && !isSubsequence(typed, best)) {
                best = word;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(1, Math.min(3, typed.length() / 3)) ? best : null;
    }

    private static boolean isSubsequence(String a, String b) {
        int i = 0;
        for (int j = 0; j < b.length() && i < a.length(); j++) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
            }
        }
        return i == a.length();
    }

    /** Edit distance with transpositions (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The operands: file names, {@code -}, and what follows {@code --} unless kept apart. */
    public List<String> positional() {
        return positional;
    }

    /** True when the option was given, with or without a value. */
    public boolean has(String option) {
        return flags.contains(option) || options.containsKey(option);
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

    /** What followed {@code --}, for a tool that passes it on; empty otherwise. */
    public List<String> afterDashes() {
        return afterDashes;
    }
}
