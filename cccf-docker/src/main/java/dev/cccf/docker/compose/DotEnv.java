package dev.cccf.docker.compose;

import dev.cccf.core.Location;
import dev.cccf.core.Rules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An env file ({@code .env}, {@code --env-file}, a service's {@code env_file}) as compose reads
 * it: {@code KEY=VALUE} lines, {@code export KEY=VALUE}, {@code #} comments and blank lines; an
 * unquoted value is trimmed and ends at {@code " #"}; a single-quoted value is taken as it is; a
 * double-quoted one may span lines and knows {@code \n}, {@code \t}, {@code \"} and {@code \\}.
 * Unquoted and double-quoted values are substituted ({@code ${VAR:-x}}) from {@code outer} and the
 * lines before; a line without {@code =} names a variable to take from {@code outer}. Problems
 * are {@code compose-env-file} errors at their line and column.
 */
final class DotEnv {
    private DotEnv() {
    }

    static Map<String, String> parse(String text, Map<String, String> outer, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> known = new HashMap<>(outer);
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int lineNo = n + 1;
            int indent = line.indexOf(trimmed.charAt(0));
            String entry = trimmed.startsWith("export ") ? trimmed.substring(7).stripLeading() : trimmed;
            int eq = entry.indexOf('=');
            String key = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            Location at = new Location(problems.source(), lineNo, indent + 1);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                problems.error(at, "$", Compose.ENV_FILE, "line " + Rules.quote(trimmed) + " must be KEY=VALUE");
                continue;
            }
            if (eq < 0) {
                if (outer.containsKey(key)) {
                    out.put(key, outer.get(key));
                }
                continue;
            }
            String raw = entry.substring(eq + 1).stripLeading();
            String value;
            if (raw.startsWith("'") || raw.startsWith("\"")) {
                char quote = raw.charAt(0);
                StringBuilder rest = new StringBuilder(raw.substring(1));
                int close = closing(rest, quote);
                while (close < 0 && n + 1 < lines.length) { // a quoted value may span lines
                    rest.append('\n').append(lines[++n]);
                    close = closing(rest, quote);
                }
                if (close < 0) {
                    problems.error(at, "$." + key, Compose.ENV_FILE, "the value of " + key + " has no closing " + quote);
                    continue;
                }
                value = rest.substring(0, close);
                if (quote == '"') {
                    value = substitute(unescape(value), known, at, key, problems);
                }
            } else {
                int comment = raw.indexOf(" #");
                value = substitute((comment < 0 ? raw : raw.substring(0, comment)).strip(), known, at, key, problems);
            }
            if (value != null) {
                out.put(key, value);
                known.putIfAbsent(key, value);
            }
        }
        return out;
    }

    private static String substitute(String value, Map<String, String> known, Location at, String key, Problems problems) {
        Interpolation.Outcome o = Interpolation.substitute(value, known);
        if (o.failed()) {
            problems.error(at, "$." + key, o.required() ? Compose.REQUIRED : Compose.INTERPOLATION, o.error());
            return null;
        }
        for (String name : o.unset()) {
            problems.warn(at, "$." + key, Compose.UNSET, "variable " + Rules.quote(name) + " is not set: an empty string is used");
        }
        return o.value();
    }

    /** The index of the unescaped {@code quote} that closes a value, or -1. */
    private static int closing(CharSequence s, char quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"', '\\', '$' -> out.append(e);
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }
}
