package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.FieldCheck;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;

/**
 * The one grammar of {@code cpus} (placement and docker): a number greater than 0, at most
 * {@link #MAX} and with at most 9 decimals (docker counts nano-CPUs). Rule codes
 * {@code cpus-format} (not a number &gt; 0) and {@code cpus-range}.
 */
public final class Cpus {
    /** Not a number greater than 0. */
    public static final String FORMAT = "cpus-format";
    /** More than {@link #MAX}, or finer than a nano-CPU. */
    public static final String RANGE = "cpus-range";
    public static final int MAX = 100_000;

    private Cpus() {
    }

    /** The nano-CPUs of a valid value, or -1. */
    public static long nanos(JsonNode v) {
        if (code(v) != null) {
            return -1;
        }
        return v.decimalValue().movePointRight(9).longValueExact();
    }

    /** The CPUs of a valid value as a double (placement sums), or -1. */
    public static double count(JsonNode v) {
        return code(v) == null ? v.decimalValue().doubleValue() : -1;
    }

    /** The rule a value breaks, or null. */
    public static String code(JsonNode v) {
        if (v == null || !v.isNumber() || v.decimalValue().signum() <= 0) {
            return FORMAT;
        }
        BigDecimal d = v.decimalValue();
        if (d.compareTo(BigDecimal.valueOf(MAX)) > 0 || d.stripTrailingZeros().scale() > 9) {
            return RANGE;
        }
        return null;
    }

    public static void check(JsonNode v, FieldCheck.Report r) {
        String code = code(v);
        if (FORMAT.equals(code)) {
            r.problem("", FORMAT, "cpus " + Show.value(v) + " must be a number greater than 0, such as 0.5 or 2");
        } else if (RANGE.equals(code)) {
            r.problem("", RANGE, "cpus " + Show.value(v) + " must be at most " + MAX + " with at most 9 decimals");
        }
    }

    /** Nano-CPUs as the cccf number: {@code 500000000} -> 0.5, {@code 2000000000} -> 2. */
    public static JsonNode fromNanos(long nanos) {
        BigDecimal cpus = BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros();
        return cpus.scale() <= 0
                ? LongNode.valueOf(cpus.longValueExact())
                : DecimalNode.valueOf(cpus);
    }
}
