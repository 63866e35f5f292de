package dev.cccf.core.cli;

/** The exit codes every cccf tool uses (docs/design.md, "CLI conventions"). */
public final class ExitCode {
    private ExitCode() {
    }

    public static final int OK = 0;
    /** The input is invalid; every problem is on stderr as {@code FILE:LINE:COL: path: [code] message}. */
    public static final int INVALID = 1;
    /** The command line is wrong: unknown option, missing argument, missing input file. */
    public static final int USAGE = 2;
    /** A runtime failure: an engine unreachable, an apply step failed, an I/O error. */
    public static final int FAILURE = 3;
}
