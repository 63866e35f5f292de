package dev.cccf.diff.cli;

import dev.cccf.core.cli.Tool;

/** {@code cccf diff CURRENT WANTED}: the jar's main class. */
public final class DiffMain {
    private DiffMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Tool.Streams.system()));
    }

    public static int run(String[] args, Tool.Streams streams) {
        return new DiffTool(streams).execute(args);
    }
}
