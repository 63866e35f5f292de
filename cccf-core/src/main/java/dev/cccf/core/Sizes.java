package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes as docker writes them ({@code "512m"}, {@code "2g"}, {@code "1.5G"},
 * {@code "512MiB"}, or a whole number of bytes), binary units (k = 1024). One grammar for every
 * size of the suite: a container's {@code memory} and a host's capacity in a hosts file.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?) ?([bkmgtp]?)(?:i?b)?");

    private Sizes() {
    }

    /** Bytes of a size string; -1 when it is not a size or not &gt; 0. */
    public static long parse(String s) {
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

    /** Bytes from a JSON value: a size string or a whole number of bytes &gt; 0; -1 when neither. */
    public static long of(JsonNode v) {
        if (v.isTextual()) {
            return parse(v.asText());
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() > 0) {
            return v.asLong();
        }
        return -1;
    }

    /** A size the way people write it: {@code 512m}, {@code 2g}, or bytes. */
    public static String format(long bytes) {
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
}
