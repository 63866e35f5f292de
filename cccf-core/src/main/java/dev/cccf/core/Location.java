package dev.cccf.core;

/**
 * Where something stands in a source document: 1-based line and column. Line 0 means the
 * position is not known (a container built in code rather than read from a file).
 */
public record Location(String source, int line, int column) {

    public static final String STDIN = "<stdin>";

    public static Location unknown(String source) {
        return new Location(source, 0, 0);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code FILE:LINE:COL}, or just {@code FILE} when the position is not known. */
    @Override
    public String toString() {
        return isKnown() ? source + ":" + line + ":" + column : source;
    }
}
