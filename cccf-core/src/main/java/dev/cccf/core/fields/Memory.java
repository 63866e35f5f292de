package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.FieldCheck;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of a memory size, for the {@code memory} field (placement and docker) and a
 * host's capacity: a whole number of bytes, or docker's size text ({@code "512m"}, {@code "2g"},
 * {@code "1.5GiB"}, {@code "100b"}; units are powers of 1024, as in docker's RAMInBytes). Rule
 * codes {@code memory-format} (not a size) and {@code memory-range} (below 1 byte or above 1 PiB).
 */
public final class Memory {
    /** Not a size. */
    public static final String FORMAT = "memory-format";
    /** Less than one byte, or more than {@link #MAX} bytes. */
    public static final String RANGE = "memory-range";
    /** 1 PiB: more than any engine has, and sums of many stay exact in a long. */
    public static final long MAX = 1L << 50;

    // docker's units.RAMInBytes: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$, digits bounded
    private static final Pattern SIZE = Pattern.compile("(\\d{1,30}(?:\\.\\d{1,30})?) ?([kKmMgGtTpP])?[iI]?[bB]?");

    private Memory() {
    }

    /** What a value is: a size in bytes, not a size at all, or a size out of range. */
    public record Reading(long bytes, String code) {
    }

    /** Reads a size; the bytes are exact (a fraction of a byte is dropped, as docker does). */
    public static Reading read(JsonNode v) {
        BigDecimal bytes;
        if (v != null && v.isIntegralNumber()) {
            bytes = v.decimalValue();
        } else if (v != null && v.isTextual()) {
            bytes = bytes(v.textValue());
            if (bytes == null) {
                return new Reading(-1, FORMAT);
            }
        } else {
            return new Reading(-1, FORMAT);
        }
        bytes = bytes.setScale(0, RoundingMode.DOWN);
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            return new Reading(-1, RANGE);
        }
        return new Reading(bytes.longValueExact(), null);
    }

    /** The bytes of a valid size, or -1. */
    public static long bytes(JsonNode v) {
        return read(v).bytes();
    }

    private static BigDecimal bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int power = unit.isEmpty() ? 0 : "kmgtp".indexOf(unit) + 1;
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    }

    /** The check of a memory field, with the codes above. */
    public static void check(String field, JsonNode v, FieldCheck.Report r) {
        Reading reading = read(v);
        if (FORMAT.equals(reading.code())) {
            r.problem("", FORMAT, field + " " + Show.value(v)
                    + " must be a whole number of bytes or a docker size such as \"512m\" or \"2g\"");
        } else if (RANGE.equals(reading.code())) {
            r.problem("", RANGE, field + " " + Show.value(v) + " must be at least 1 byte and at most 1p (1 PiB)");
        }
    }

    /** Docker's short form of a number of bytes: {@code "2g"}, {@code "512m"}, {@code "64k"}, else the digits. */
    public static String format(long bytes) {
        String[] units = {"p", "t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long size = 1L << (10 * (5 - i));
            if (bytes >= size && bytes % size == 0) {
                return bytes / size + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
