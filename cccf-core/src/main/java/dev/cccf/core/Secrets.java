package dev.cccf.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Env entries whose key looks secret ({@code DB_PASSWORD}, {@code API_KEY}, {@code GITHUB_TOKEN}
 * ...): a case-insensitive substring of the key is one of {@link #MARKERS}. Their values are shown
 * as {@value #MASK} in everything meant for people: explanations, progress, error messages.
 * Data outputs (a diff's add/remove/keep, instructions) keep the real values: other tools need them.
 */
public final class Secrets {
    /** The key substrings that mark a secret (compared without case). */
    public static final List<String> MARKERS =
            List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE", "AUTH");
    public static final String MASK = "***";

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        for (String m : MARKERS) {
            if (upper.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** {@code DB_PASSWORD=hunter2} becomes {@code DB_PASSWORD=***}; other entries are returned as they are. */
    public static String maskEnv(String entry) {
        int eq = entry.indexOf('=');
        if (eq < 0 || !isSecretKey(entry.substring(0, eq))) {
            return entry;
        }
        return entry.substring(0, eq + 1) + MASK;
    }

    /**
     * The words of a command with secrets masked: {@code --password=hunter2} and
     * {@code DB_TOKEN=x} as {@link #maskEnv} masks env entries, and the word after a
     * secret-looking option without a value of its own ({@code --password hunter2}).
     */
    public static List<String> maskCommand(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        boolean next = false;
        for (String w : words) {
            out.add(next ? MASK : maskEnv(w));
            next = w.startsWith("-") && w.indexOf('=') < 0 && isSecretKey(w);
        }
        return out;
    }

    /** A command line (words between spaces) with secrets masked as {@link #maskCommand} masks words; its spacing kept. */
    public static String maskCommandLine(String line) {
        String[] parts = line.split("(?<= )|(?= )");
        List<String> words = new ArrayList<>();
        for (String part : parts) {
            if (!part.equals(" ")) {
                words.add(part);
            }
        }
        List<String> masked = maskCommand(words);
        StringBuilder out = new StringBuilder(line.length());
        int w = 0;
        for (String part : parts) {
            out.append(part.equals(" ") ? part : masked.get(w++));
        }
        return out.toString();
    }

    /** A secret value shorter than this is masked only where it stands as a word of its own. */
    public static final int MIN_EMBEDDED = 6;

    /**
     * {@code text} (an engine's error message about a container, say) with the value of every
     * secret-looking entry of {@code env} shown as {@value #MASK} wherever it stands: anywhere when
     * it has at least {@value #MIN_EMBEDDED} characters, else only as a word of its own (between
     * characters that are not letters or digits), so that a short value such as {@code 1} does not
     * mask the digits of every number in the text. Longer values are masked first.
     */
    public static String maskValuesIn(String text, List<String> env) {
        List<String> values = new ArrayList<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            if (eq > 0 && eq < entry.length() - 1 && isSecretKey(entry.substring(0, eq))) {
                values.add(entry.substring(eq + 1));
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String value : values) {
            out = maskValueIn(out, value);
        }
        return out;
    }

    private static String maskValueIn(String text, String value) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, from)) {
            int end = at + value.length();
            boolean word = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            out.append(text, from, at).append(value.length() >= MIN_EMBEDDED || word ? MASK : value);
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * For error messages about an env entry that may be malformed: {@link #maskEnv} when it has an
     * {@code =}; otherwise, when it mentions a secret marker at all ({@code DB_PASSWORD:hunter2}),
     * everything after the first {@code :} or white space is masked, or all of it.
     */
    public static String maskEnvForMessage(String entry) {
        if (entry.indexOf('=') >= 0) {
            return maskEnv(entry);
        }
        if (!isSecretKey(entry)) {
            return entry;
        }
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == ':' || Character.isWhitespace(c)) {
                return entry.substring(0, i + 1) + MASK;
            }
        }
        return MASK;
    }
}
