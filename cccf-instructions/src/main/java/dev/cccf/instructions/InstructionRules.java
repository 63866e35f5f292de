package dev.cccf.instructions;

/**
 * The rule codes of the problems found while rendering instructions (docs/rules.md). Each such
 * problem names its value by the container's id: {@code web.host},
 * {@code web.links[1]}, or {@code web} for the container itself.
 */
public final class InstructionRules {

    /** The container's host is neither a docker URL nor a host of the hosts file. */
    public static final String UNKNOWN_HOST = "unknown-host";
    /** An extension field's value cannot be given as a flag (e.g. an object inside an array). */
    public static final String FIELD_VALUE = "field-value";
    /** A value holds a NUL character, which no command argument can carry. */
    public static final String NUL_CHARACTER = "nul-character";
    /** An id or image starting with '-', which docker would read as an option. */
    public static final String LEADING_DASH = "leading-dash";
    /** {@code depends_on} is not an array of ids (or an object keyed by ids). */
    public static final String DEPENDS_ON_TYPE = "depends-on-type";
    /** Containers of a plan depend on each other in a circle. */
    public static final String DEPENDENCY_CYCLE = "dependency-cycle";
    /** A {@code cmd} string whose quotes are never closed. */
    public static final String CMD_SYNTAX = "cmd-syntax";
    /** Warning: a container links to or depends on a container the plan neither adds nor keeps. */
    public static final String MISSING_DEPENDENCY = "missing-dependency";
    /** Warning: a field the target has no equivalent for, left out. */
    public static final String UNSUPPORTED_FIELD = "unsupported-field";

    private InstructionRules() {
    }
}
