package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

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
    // A document object: {"name", "networks", "volumes", "containers"}
    public static final String DOCUMENT_KEY = "document-key";
    public static final String CONTAINERS_REQUIRED = "containers-required";
    public static final String NAME_FORMAT = "name-format";
    public static final String DECLARATION_TYPE = "declaration-type";
    public static final String DECLARATION_KEY = "declaration-key";
    public static final String DECLARATION_CONFLICT = "declaration-conflict";
    public static final String NETWORK_NAME = "network-name";
    public static final String VOLUME_NAME = "volume-name";
    /** Labels under this prefix belong to cccf; a document may not set them. */
    public static final String RESERVED_LABEL_PREFIX = "dev.cccf.";
    /** The code of a label whose key starts with {@link #RESERVED_LABEL_PREFIX}. */
    public static final String RESERVED_LABEL = "docker-reserved-label";
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

    private static final Set<String> VOLUME_OPTIONS = Set.of("ro", "rw", "z", "Z", "nocopy",
            "shared", "slave", "private", "rshared", "rslave", "rprivate", "cached", "delegated", "consistent");

    // The checks below are plain loops rather than regular expressions: they run for every field
    // of every container, and a regex costs several times more here (measured on 20,000 containers).

    /** {@code /?[A-Za-z0-9_-]+} */
    public static String checkId(String id) {
        int start = id.startsWith("/") ? 1 : 0;
        boolean ok = id.length() > start;
        for (int i = start; ok && i < id.length(); i++) {
            ok = isIdChar(id.charAt(i));
        }
        return ok ? null : "id " + quote(id) + " must match ^/?[A-Za-z0-9_-]+$ (letters, digits, '_' and '-')";
    }

    /** @return {@code null}, or a message whose code is {@link #PORT_FORMAT} or {@link #PORT_RANGE} */
    public static Problem checkPort(String port) {
        int colon = port.indexOf(':');
        int slash = port.indexOf('/');
        int end = slash < 0 ? port.length() : slash;
        int host = colon < 0 ? -1 : number(port, 0, colon);
        int container = colon < 0 ? -1 : number(port, colon + 1, end);
        if (host < 0 || container < 0 || !protocolOk(port, slash)) {
            return Problem.error("", PORT_FORMAT, "port " + quote(port)
                    + " must be HOST:CONTAINER or HOST:CONTAINER/tcp|udp, e.g. \"8080:80\"");
        }
        for (int g = 1; g <= 2; g++) {
            int n = g == 1 ? host : container;
            if (n < 1 || n > 65535) {
                return Problem.error("", PORT_RANGE, "port " + quote(port) + ": " + (g == 1 ? "host" : "container")
                        + " port " + n + " is outside 1-65535");
            }
        }
        return null;
    }

    /**
     * {@code KEY=VALUE}: a KEY of {@code [A-Za-z0-9_.]} not starting with {@code .} (docker takes
     * any key; Elasticsearch's {@code discovery.type} has dots), a VALUE of anything (newlines included).
     */
    public static String checkEnv(String env) {
        int eq = env.indexOf('=');
        boolean ok = eq > 0;
        for (int i = 0; ok && i < eq; i++) {
            char c = env.charAt(i);
            ok = isAsciiLetterOrDigit(c) || c == '_' || (c == '.' && i > 0);
        }
        return ok ? null : "env " + quote(Secrets.maskEnvForMessage(env))
                + " must be KEY=VALUE with a KEY of letters, digits, '_' and '.'";
    }

    /**
     * The named volume a {@code volumes} entry mounts ({@code "data:/var/lib/x:ro"} -> {@code data}),
     * or {@code null} for a host path ({@code /srv}, {@code ./x}, {@code ~/x}) or an anonymous volume.
     */
    public static String volumeName(String volume) {
        int colon = volume.indexOf(':');
        if (colon <= 0 || !isAsciiLetterOrDigit(volume.charAt(0)) || !isVolumeSource(volume, colon)) {
            return null;
        }
        return volume.substring(0, colon);
    }

    public static String checkVolume(String volume) {
        if (volume.indexOf('\0') < 0) {
            if (volume.length() > 1 && volume.charAt(0) == '/' && volume.indexOf(':') < 0) {
                return null; // "/host/path": mounted at the same path inside (cccf's README allows it)
            }
            int first = volume.indexOf(':');
            int second = first < 0 ? -1 : volume.indexOf(':', first + 1);
            boolean threeParts = second >= 0;
            if (first >= 0 && (!threeParts || volume.indexOf(':', second + 1) < 0)
                    && isVolumeSource(volume, first)
                    && isContainerPath(volume, first + 1, threeParts ? second : volume.length())
                    && (!threeParts || volumeOptionsOk(volume.substring(second + 1)))) {
                return null;
            }
        }
        return "volume " + quote(volume) + " must be /host/path, SOURCE:/container/path or SOURCE:/container/path:ro"
                + " (SOURCE: an absolute or ./relative path, or a volume name)";
    }

    /** @return {@code null}, or a violation coded {@link #EXPOSE_FORMAT} or {@link #EXPOSE_RANGE} */
    public static Problem checkExpose(String expose) {
        int slash = expose.indexOf('/');
        int n = number(expose, 0, slash < 0 ? expose.length() : slash);
        if (n < 0 || !protocolOk(expose, slash)) {
            return Problem.error("", EXPOSE_FORMAT, "expose " + quote(expose) + " must be a port number such as \"8000\"");
        }
        return n >= 1 && n <= 65535 ? null
                : Problem.error("", EXPOSE_RANGE, "expose " + quote(expose) + ": port " + n + " is outside 1-65535");
    }

    public static String checkLink(String link) {
        boolean ok = !link.isEmpty();
        for (int i = 0; ok && i < link.length(); i++) {
            ok = !Character.isWhitespace(link.charAt(i));
        }
        return ok ? null : "link " + quote(link) + " must be a container id, optionally NAME:ALIAS, without spaces";
    }

    /**
     * An application's name ({@code name} of a document object): lower-case letters, digits,
     * {@code _} and {@code -}, starting with a letter or digit, as compose takes a project name.
     */
    public static String checkName(String name) {
        boolean ok = !name.isEmpty() && name.length() <= 63 && name.charAt(0) != '_' && name.charAt(0) != '-';
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
        }
        return ok ? null : "name " + quote(name) + " must match ^[a-z0-9][a-z0-9_-]*$ (at most 63 characters,"
                + " lower case: compose's rule for a project's name)";
    }

    /**
     * One step of a JSON path to field {@code name}: {@code .name} for a plain name,
     * {@code ["odd name"]} otherwise.
     */
    public static String pathStep(String name) {
        boolean plain = !name.isEmpty() && (isAsciiLetterOrDigit(name.charAt(0)) && !Character.isDigit(name.charAt(0))
                || name.charAt(0) == '_');
        for (int i = 1; plain && i < name.length(); i++) {
            plain = isIdChar(name.charAt(i));
        }
        return plain ? "." + name : "[" + quote(name) + "]";
    }

    /** The value of 1 to 9 ASCII digits in {@code s[from, to)}, or -1. */
    private static int number(String s, int from, int to) {
        if (to - from < 1 || to - from > 9) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Nothing after the number, or exactly {@code /tcp} or {@code /udp}. */
    private static boolean protocolOk(String s, int slash) {
        return slash < 0 || (s.length() == slash + 4 && (s.endsWith("/tcp") || s.endsWith("/udp")));
    }

    /** {@code s[0, end)} is an absolute or relative path, or a volume name. */
    private static boolean isVolumeSource(String s, int end) {
        if (startsWithin(s, "/", end) || startsWithin(s, "./", end) || startsWithin(s, "../", end)
                || startsWithin(s, "~/", end)) {
            return true;
        }
        boolean ok = end > 0 && isAsciiLetterOrDigit(s.charAt(0));
        for (int i = 1; ok && i < end; i++) {
            char c = s.charAt(i);
            ok = isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
        }
        return ok;
    }

    private static boolean startsWithin(String s, String prefix, int end) {
        return prefix.length() <= end && s.startsWith(prefix);
    }

    /** {@code s[from, to)} is absolute, and more than slashes. */
    private static boolean isContainerPath(String s, int from, int to) {
        if (to <= from || s.charAt(from) != '/') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            if (s.charAt(i) != '/') {
                return true;
            }
        }
        return false;
    }

    private static boolean volumeOptionsOk(String options) {
        for (String o : options.split(",", -1)) {
            if (!VOLUME_OPTIONS.contains(o)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * True when {@code n} can stand in a cccf document: written as cccf writes numbers, it reads
     * back as a number (at most {@link DocumentParser#MAX_NUMBER_LENGTH} characters, a decimal
     * exponent from -1000 to 1000; otherwise the reader reports a {@code limit} problem). For code
     * that makes cccf from other formats, such as docker-compose files.
     */
    public static boolean isReadableNumber(BigDecimal n) {
        return Trees.readable(n);
    }

    /** What a JSON value is, for messages: {@code an object}, {@code an integer}, {@code null} ... */
    public static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? "an integer" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * A JSON value for messages: a string {@link #quote quoted}, a number, boolean or null as
     * written, an object or array by its {@link #kind} (their text could hold anything).
     */
    public static String shown(JsonNode v) {
        if (v.isTextual()) {
            return quote(v.textValue());
        }
        return v.isContainerNode() ? kind(v) : v.toString();
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
