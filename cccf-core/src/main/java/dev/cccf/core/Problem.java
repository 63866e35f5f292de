package dev.cccf.core;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a document: where, which field (a JSON path such as {@code $[0].ports[1]}),
 * a stable rule code (see docs/rules.md) and a message for people.
 */
public record Problem(Location location, String path, String code, String message) {

    /** Source order: by source name, then line, then column. */
    public static final Comparator<Problem> BY_LOCATION = Comparator
            .comparing((Problem p) -> p.location().source())
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column());

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** {@code FILE:LINE:COL: PATH: [CODE] message}: the form every CLI prints on stderr. */
    public String format() {
        return location + ": " + path + ": [" + code + "] " + message;
    }

    /** {@code FILE:LINE:COL: PATH: warning: [CODE] message}: a warning, as every CLI prints one on stderr. */
    public String formatWarning() {
        return location + ": " + path + ": warning: [" + code + "] " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
