package dev.cccf.core.cli;

import java.io.IOException;
import java.util.List;

/**
 * A tool for {@link OutputFileTest} that writes 64 KiB of its output and then, with
 * {@code --then fail}, fails with an I/O error, or with {@code --then wait} says "written" on
 * stderr and waits a minute (to be killed while it writes).
 */
final class PartWriteTool extends Tool {
    PartWriteTool(Streams streams) {
        super(streams);
    }

    /** The tool in a process of its own, for a test to kill. */
    public static void main(String[] args) {
        Streams streams = Streams.system();
        Tool.exit(args, streams, new PartWriteTool(streams).execute(args));
    }

    @Override
    protected String name() {
        return "cccf part-write";
    }

    @Override
    protected String usage() {
        return "cccf part-write --then fail|wait -o FILE";
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(Option.value("--then", "WHAT", "fail or wait after 64 KiB").withChoices("fail", "wait"));
    }

    @Override
    protected int run(Args args) throws Exception {
        writeOutput(out -> {
            out.write(new byte[64 * 1024]);
            out.flush();
            if (args.value("--then").equals("fail")) {
                throw new IOException("no space left on device (PartWriteTool)");
            }
            stderr.println("written");
            stderr.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return ExitCode.OK;
    }
}
