package dev.cccf.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.CccfReader;
import dev.cccf.core.fields.Cpus;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.core.fields.Memory;

/**
 * The placement fields of a container, which cccf-host reads: {@code memory}, {@code cpus},
 * {@code constraints}, {@code conflicts} and {@code global}. Each is described once, in
 * cccf-core's {@link FieldTable} (one grammar for memory and cpus, shared with docker);
 * {@link #reader()} checks them with located errors; the codes are listed in the module's README.
 */
public final class PlacementFields {
    public static final String MEMORY = "memory";
    public static final String CPUS = "cpus";
    public static final String CONSTRAINTS = "constraints";
    public static final String CONFLICTS = "conflicts";
    public static final String GLOBAL = "global";

    /** {@code memory} is not a docker size such as {@code "512m"} or a whole number of bytes. */
    public static final String MEMORY_FORMAT = Memory.FORMAT;
    /** {@code memory} is below 1 byte or above 1 PiB. */
    public static final String MEMORY_RANGE = Memory.RANGE;
    /** {@code cpus} is not a number greater than 0. */
    public static final String CPUS_FORMAT = Cpus.FORMAT;
    /** {@code cpus} is above 100,000 or finer than a nano-CPU. */
    public static final String CPUS_RANGE = Cpus.RANGE;
    /** {@code constraints} is not an object of label names to string values. */
    public static final String CONSTRAINTS_FORMAT = "constraints-format";
    /** {@code conflicts} is not an array of id globs (letters, digits, {@code _ - / * ?}). */
    public static final String CONFLICTS_FORMAT = "conflicts-format";
    /** {@code global} is not {@code true} or {@code false}. */
    public static final String GLOBAL_TYPE = "global-type";

    private PlacementFields() {
    }

    /** The core reader with the placement fields checked. */
    public static CccfReader reader() {
        return FieldTable.placementReader();
    }

    /** Bytes from a JSON value (see {@link Memory}); -1 when it is not a valid size. */
    public static long memoryOf(JsonNode v) {
        return Memory.bytes(v);
    }

    /** A glob of ids: letters, digits, {@code _ - /}, and {@code *} (any run) and {@code ?} (one character). */
    public static boolean isGlob(String s) {
        return FieldTable.isGlob(s);
    }
}
