package dev.cccf.core;

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
