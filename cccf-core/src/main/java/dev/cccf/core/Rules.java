package dev.cccf.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validation rules of cccf-core: each has a stable code (documented in docs/rules.md) and a
 * check that other modules may reuse (a compose file's ports are checked by the same rule as a
 * cccf document's). Each check returns {@code null} when the value is fine, else the message.
 */
public final class Rules {
    private Rules() {
    }

    // Document level
    public static final String SYNTAX = "syntax";
    public static final String ENCODING = "encoding";
    public static final String EMPTY_DOCUMENT = "empty-document";
    public static final String TOP_LEVEL_TYPE = "top-level-type";
    public static final String TRAILING_CONTENT = "trailing-content";
    public static final String CONTAINER_TYPE = "container-type";
    public static final String DUPLICATE_KEY = "duplicate-key";
    public static final String NESTING_DEPTH = "nesting-depth";
    public static final String YAML_ALIASES = "yaml-aliases";
    public static final String LIMIT = "limit";
    // Fields
    public static final String ID_REQUIRED = "id-required";
    public static final String ID_TYPE = "id-type";
    public static final String ID_PATTERN = "id-pattern";
    public static final String DUPLICATE_ID = "duplicate-id";
    public static final String SCALE_ID_COLLISION = "scale-id-collision";
    public static final String IMAGE_REQUIRED = "image-required";
    public static final String IMAGE_TYPE = "image-type";
    public static final String IMAGE_EMPTY = "image-empty";
    public static final String CMD_TYPE = "cmd-type";
    public static final String CMD_SYNTAX = "cmd-syntax";
    public static final String LIST_TYPE = "list-type";
    public static final String ITEM_TYPE = "item-type";
    public static final String PORT_FORMAT = "port-format";
    public static final String PORT_RANGE = "port-range";
    public static final String ENV_FORMAT = "env-format";
    public static final String VOLUME_FORMAT = "volume-format";
    public static final String EXPOSE_FORMAT = "expose-format";
    public static final String EXPOSE_RANGE = "expose-range";
    public static final String LINK_FORMAT = "link-format";
    public static final String SCALE_TYPE = "scale-type";
    public static final String SCALE_RANGE = "scale-range";
    public static final String HOST_TYPE = "host-type";
    public static final String HOST_EMPTY = "host-empty";

    /** The largest {@code scale} one container may ask for. */
    public static final int MAX_SCALE = 1_000_000;

    static final Pattern ID = Pattern.compile("/?[A-Za-z0-9_-]+");
    private static final Pattern PORT = Pattern.compile("(\\d{1,9}):(\\d{1,9})(?:/(tcp|udp))?");
    // cccf 3.3 allows '\w+=.*'; we also allow newlines in the value (docker does)
    private static final Pattern ENV = Pattern.compile("[A-Za-z0-9_]+=.*", Pattern.DOTALL);
    private static final Pattern EXPOSE = Pattern.compile("(\\d{1,9})(?:/(tcp|udp))?");
    private static final Pattern VOLUME_SOURCE =
            Pattern.compile("(?:/[^\\x00:]*|\\.{1,2}/[^\\x00:]*|~/[^\\x00:]*|[A-Za-z0-9][A-Za-z0-9_.-]*)");
    private static final Pattern CONTAINER_PATH = Pattern.compile("/[^\\x00:]*[^\\x00:/][^\\x00:]*");
    private static final Pattern HOST_ONLY_VOLUME = Pattern.compile("/[^\\x00:]*");
    private static final Pattern VOLUME_OPTIONS =
            Pattern.compile("(?:ro|rw|z|Z|nocopy|shared|slave|private|rshared|rslave|rprivate|cached|delegated|consistent)"
                    + "(?:,(?:ro|rw|z|Z|nocopy|shared|slave|private|rshared|rslave|rprivate|cached|delegated|consistent))*");

    public static String checkId(String id) {
        return ID.matcher(id).matches() ? null
                : "id " + quote(id) + " must match ^/?[A-Za-z0-9_-]+$ (letters, digits, '_' and '-')";
    }

    /** @return {@code null}, or a message whose code is {@link #PORT_FORMAT} or {@link #PORT_RANGE} */
    public static Violation checkPort(String port) {
        Matcher m = PORT.matcher(port);
        if (!m.matches()) {
            return new Violation(PORT_FORMAT, "port " + quote(port)
                    + " must be HOST:CONTAINER or HOST:CONTAINER/tcp|udp, e.g. \"8080:80\"");
        }
        for (int g = 1; g <= 2; g++) {
            int n = Integer.parseInt(m.group(g));
            if (n < 1 || n > 65535) {
                return new Violation(PORT_RANGE, "port " + quote(port) + ": " + (g == 1 ? "host" : "container")
                        + " port " + n + " is outside 1-65535");
            }
        }
        return null;
    }

    public static String checkEnv(String env) {
        return ENV.matcher(env).matches() ? null
                : "env " + quote(env) + " must be KEY=VALUE with a KEY of letters, digits and '_'";
    }

    public static String checkVolume(String volume) {
        if (HOST_ONLY_VOLUME.matcher(volume).matches() && volume.length() > 1) {
            return null; // "/host/path": mounted at the same path inside (cccf's README allows it)
        }
        String[] parts = volume.split(":", -1);
        if ((parts.length == 2 || parts.length == 3)
                && VOLUME_SOURCE.matcher(parts[0]).matches()
                && CONTAINER_PATH.matcher(parts[1]).matches()
                && (parts.length == 2 || VOLUME_OPTIONS.matcher(parts[2]).matches())) {
            return null;
        }
        return "volume " + quote(volume) + " must be /host/path, SOURCE:/container/path or SOURCE:/container/path:ro"
                + " (SOURCE: an absolute or ./relative path, or a volume name)";
    }

    /** @return {@code null}, or a violation coded {@link #EXPOSE_FORMAT} or {@link #EXPOSE_RANGE} */
    public static Violation checkExpose(String expose) {
        Matcher m = EXPOSE.matcher(expose);
        if (!m.matches()) {
            return new Violation(EXPOSE_FORMAT, "expose " + quote(expose) + " must be a port number such as \"8000\"");
        }
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= 65535 ? null
                : new Violation(EXPOSE_RANGE, "expose " + quote(expose) + ": port " + n + " is outside 1-65535");
    }

    public static String checkLink(String link) {
        return link.isBlank() || link.chars().anyMatch(Character::isWhitespace)
                ? "link " + quote(link) + " must be a container id, optionally NAME:ALIAS, without spaces"
                : null;
    }

    /** A rule code and a message. */
    public record Violation(String code, String message) {
    }

    /** JSON-style quoting for messages: control characters are shown, never printed raw. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        int limit = Math.min(s.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                            || c == '\u202e' || c == '\u200b') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (s.length() > limit) {
            b.append("...");
        }
        return b.append('"').toString();
    }
}
