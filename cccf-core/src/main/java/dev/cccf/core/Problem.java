package dev.cccf.core;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The one diagnostic of every cccf tool and library: how bad ({@link Severity}), where in a
 * source document when that is known, which value (a JSON path such as {@code $[0].ports[1]} for
 * a value read from a document, or {@code web.ports[1]} for a container known only by its id), a
 * stable rule code (see docs/rules.md) and a message for people.
 *
 * <p>The location is absent for a problem about a container that came from no file (built in
 * code, read from an engine) or was found by a library that never saw the file; a tool that knows
 * where the container came from places it with {@link #at}.
 */
public record Problem(Severity severity, Optional<Location> location, String path, String code, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** The input cannot be used (exit code 1). */
        ERROR,
        /** The input is used, but the user should know (the tool still succeeds). */
        WARNING
    }

    /** Source order: located problems first, by source name, line and column; then the others by path. */
    public static final Comparator<Problem> BY_LOCATION = Comparator
            .comparing((Problem p) -> p.location().isEmpty())
            .thenComparing(p -> p.location().map(Location::source).orElse(""))
            .thenComparingInt(p -> p.location().map(Location::line).orElse(0))
            .thenComparingInt(p -> p.location().map(Location::column).orElse(0))
            .thenComparing(Problem::path);

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** An error at {@code location}: what every reader finds. */
    public Problem(Location location, String path, String code, String message) {
        this(Severity.ERROR, Optional.of(location), path, code, message);
    }

    /** An error not (yet) placed in a source: {@code path} names the value, e.g. {@code web.host}. */
    public static Problem error(String path, String code, String message) {
        return new Problem(Severity.ERROR, Optional.empty(), path, code, message);
    }

    /** A warning not (yet) placed in a source: {@code path} names the value, e.g. {@code web.links[0]}, or is empty. */
    public static Problem warning(String path, String code, String message) {
        return new Problem(Severity.WARNING, Optional.empty(), path, code, message);
    }

    /** A warning at {@code location}. */
    public static Problem warning(Location location, String path, String code, String message) {
        return new Problem(Severity.WARNING, Optional.of(location), path, code, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** This problem placed at {@code where}, its value then named by {@code newPath}. */
    public Problem at(Location where, String newPath) {
        return new Problem(severity, Optional.of(where), newPath, code, message);
    }

    /** This problem with another severity (a tool's {@code --strict} makes warnings errors). */
    public Problem withSeverity(Severity s) {
        return new Problem(s, location, path, code, message);
    }

    /**
     * The one printed form, the same in every tool (on stderr): {@code FILE:LINE:COL: PATH: [CODE]
     * message} for an error, {@code FILE:LINE:COL: PATH: warning: [CODE] message} for a warning;
     * without a location the part before {@code PATH} is left out, and with an empty path (a
     * problem about no value: an engine that did not answer) {@code PATH: } too.
     */
    public String format() {
        return location.map(l -> l + ": ").orElse("") + (path.isEmpty() ? "" : path + ": ")
                + (severity == Severity.WARNING ? "warning: " : "") + "[" + code + "] " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
