package dev.cccf.host.cli;

import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.Training;

/** {@code java -jar cccf-host.jar ...} (what {@code bin/cccf host ...} runs): the arguments after {@code host}. */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--cds-training")) { // bin/cccf's class-data archive
            System.exit(Training.run(args[1], HostTool::new,
                    new String[] {"--hosts", "{dir}/hosts.json", "--current", "{dir}/current.json", "{dir}/app.json"}));
        }
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, new HostTool(streams).execute(args));
    }

    /** The tool of this jar, {@code cccf host}. */
    public static Tool tool(Tool.Streams streams) {
        return new HostTool(streams);
    }
}
