package dev.cccf.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfReader;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Rules;
import dev.cccf.core.Sizes;
import java.util.Iterator;
import java.util.Map;
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

    /** Bytes of a docker-style size; -1 when it is not a size or not &gt; 0 (see {@link Sizes#parse}). */
    public static long parseMemory(String s) {
        return Sizes.parse(s);
    }

    /** Bytes from a JSON value: a size string or a whole number of bytes; -1 when neither. */
    public static long memoryOf(JsonNode v) {
        return Sizes.of(v);
    }

    /** A size the way people write it: {@code 512m}, {@code 2g}, or bytes. */
    public static String formatMemory(long bytes) {
        return Sizes.format(bytes);
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
                    + " such as {\"zone\": \"a\"}, not " + Rules.kind(v));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                report.problem("[" + Rules.quote(e.getKey()) + "]", CONSTRAINTS_FORMAT,
                        "the required value of label " + Rules.quote(e.getKey()) + " must be a string, not " + Rules.kind(e.getValue()));
            }
        }
    }

    private static void checkConflicts(JsonNode v, FieldCheck.Report report) {
        if (!v.isArray()) {
            report.problem("", CONFLICTS_FORMAT, "conflicts must be an array of id globs such as [\"db-*\"], not " + Rules.kind(v));
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
            report.problem("", GLOBAL_TYPE, "global must be true or false, not " + Rules.kind(v));
        }
    }

    private static String shown(JsonNode v) {
        return v.isTextual() ? Rules.quote(v.asText()) : v.toString().length() > 60 ? Rules.kind(v) : v.toString();
    }
}
