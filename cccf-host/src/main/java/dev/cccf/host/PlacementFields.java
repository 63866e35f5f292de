package dev.cccf.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfReader;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Rules;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placement fields of a container, which cccf-host reads: {@code memory}, {@code cpus},
 * {@code constraints}, {@code conflicts} and {@code global}. {@link #reader()} checks them with
 * located errors; the codes are listed in the module's README.
 */
public final class PlacementFields {
    public static final String MEMORY = "memory";
    public static final String CPUS = "cpus";
    public static final String CONSTRAINTS = "constraints";
    public static final String CONFLICTS = "conflicts";
    public static final String GLOBAL = "global";

    /** {@code memory} is not a docker size such as {@code "512m"} or a positive whole number of bytes. */
    public static final String MEMORY_FORMAT = "memory-format";
    /** {@code cpus} is not a number greater than 0. */
    public static final String CPUS_FORMAT = "cpus-format";
    /** {@code constraints} is not an object of label names to string values. */
    public static final String CONSTRAINTS_FORMAT = "constraints-format";
    /** {@code conflicts} is not an array of id globs (letters, digits, {@code _ - / * ?}). */
    public static final String CONFLICTS_FORMAT = "conflicts-format";
    /** {@code global} is not {@code true} or {@code false}. */
    public static final String GLOBAL_TYPE = "global-type";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?) ?([bkmgtp]?)(?:i?b)?");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_/*?-]+");

    private PlacementFields() {
    }

    /** The core reader with the placement fields checked. */
    public static CccfReader reader() {
        return Cccf.reader()
                .withCheck(MEMORY, PlacementFields::checkMemory)
                .withCheck(CPUS, PlacementFields::checkCpus)
                .withCheck(CONSTRAINTS, PlacementFields::checkConstraints)
                .withCheck(CONFLICTS, PlacementFields::checkConflicts)
                .withCheck(GLOBAL, PlacementFields::checkGlobal);
    }

    /**
     * Bytes of a docker-style size: {@code "512m"}, {@code "2g"}, {@code "1.5G"}, {@code "512MiB"},
     * {@code "100"} (bytes); binary units (k = 1024). Returns -1 when it is not a size or not &gt; 0.
     */
    public static long parseMemory(String s) {
        Matcher m = SIZE.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(2, shift);
        if (bytes >= Long.MAX_VALUE || bytes < 1) {
            return -1;
        }
        return (long) bytes;
    }

    /** Bytes from a JSON value: a size string or a whole number of bytes; -1 when neither. */
    public static long memoryOf(JsonNode v) {
        if (v.isTextual()) {
            return parseMemory(v.asText());
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() > 0) {
            return v.asLong();
        }
        return -1;
    }

    /** A size the way people write it: {@code 512m}, {@code 2g}, or bytes. */
    public static String formatMemory(long bytes) {
        String[] units = {"p", "t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (5 - i));
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1fm", bytes / (double) (1L << 20));
        }
        return Long.toString(bytes);
    }

    /** A glob of ids: letters, digits, {@code _ - /}, and {@code *} (any run) and {@code ?} (one character). */
    public static boolean isGlob(String s) {
        return GLOB.matcher(s).matches();
    }

    private static void checkMemory(JsonNode v, FieldCheck.Report report) {
        if (memoryOf(v) < 0) {
            report.problem("", MEMORY_FORMAT, "memory " + shown(v)
                    + " must be a docker size such as \"512m\" or \"2g\", or a whole number of bytes > 0");
        }
    }

    private static void checkCpus(JsonNode v, FieldCheck.Report report) {
        if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            report.problem("", CPUS_FORMAT, "cpus " + shown(v) + " must be a number > 0, such as 0.5 or 2");
        }
    }

    private static void checkConstraints(JsonNode v, FieldCheck.Report report) {
        if (!v.isObject()) {
            report.problem("", CONSTRAINTS_FORMAT, "constraints must be an object of host label -> required value,"
                    + " such as {\"zone\": \"a\"}, not " + kind(v));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                report.problem("[" + Rules.quote(e.getKey()) + "]", CONSTRAINTS_FORMAT,
                        "the required value of label " + Rules.quote(e.getKey()) + " must be a string, not " + kind(e.getValue()));
            }
        }
    }

    private static void checkConflicts(JsonNode v, FieldCheck.Report report) {
        if (!v.isArray()) {
            report.problem("", CONFLICTS_FORMAT, "conflicts must be an array of id globs such as [\"db-*\"], not " + kind(v));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode g = v.get(i);
            if (!g.isTextual() || !isGlob(g.asText())) {
                report.problem("[" + i + "]", CONFLICTS_FORMAT, "conflict " + shown(g)
                        + " must be an id glob: letters, digits, '_', '-', '/', with '*' and '?' as wildcards");
            }
        }
    }

    private static void checkGlobal(JsonNode v, FieldCheck.Report report) {
        if (!v.isBoolean()) {
            report.problem("", GLOBAL_TYPE, "global must be true or false, not " + kind(v));
        }
    }

    private static String shown(JsonNode v) {
        return v.isTextual() ? Rules.quote(v.asText()) : v.toString().length() > 60 ? kind(v) : v.toString();
    }

    static String kind(JsonNode v) {
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
}
