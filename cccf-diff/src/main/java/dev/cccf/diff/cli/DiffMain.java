package dev.cccf.diff.cli;

import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.Training;

/** {@code cccf diff CURRENT WANTED}: the jar's main class. */
public final class DiffMain {
    private DiffMain() {
    }

    public static void main(String[] args) {
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, run(args, streams));
    }

    public static int run(String[] args, Tool.Streams streams) {
        if (args.length == 2 && args[0].equals("--cds-training")) { // bin/cccf's class-data archive
            return Training.run(args[1], DiffTool::new, new String[] {"{dir}/current.json", "{dir}/app.json"},
                    new String[] {"--format", "text", "{dir}/current.json", "{dir}/app.json"});
        }
        return new DiffTool(streams).execute(args);
    }

    /** The tool of this jar, {@code cccf diff}. */
    public static Tool tool(Tool.Streams streams) {
        return new DiffTool(streams);
    }
}
