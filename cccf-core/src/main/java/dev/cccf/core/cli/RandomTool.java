package dev.cccf.core.cli;

import dev.cccf.core.Cccf;
import dev.cccf.core.Rules;
import java.util.List;

/** {@code cccf random N [--seed S]}: N valid random containers, the same for the same seed. */
public final class RandomTool extends Tool {

    public RandomTool(Streams streams) {
        super(streams);
    }

    @Override
    protected String name() {
        return "cccf random";
    }

    @Override
    protected String summary() {
        return "N valid random containers, the same for the same seed";
    }

    @Override
    protected String usage() {
        return "cccf random N [--seed S] [OPTIONS]";
    }

    @Override
    protected String description() {
        return """
                Writes N valid random containers (unique ids, an image with a version, a command,
                a port, an env entry and a volume) as a JSON array: fixtures for tests and
                benchmarks. The same seed gives the same containers (default seed: 0).
                """;
    }

    @Override
    protected String footer() {
        return "Exit codes: 0 done, 2 usage error.";
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(Option.value("--seed", "S", "the random seed (a whole number)"));
    }

    @Override
    protected int run(Args args) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("give the number of containers, e.g. 'cccf random 10'");
        }
        long n;
        try {
            n = Long.parseLong(args.positional().get(0));
        } catch (NumberFormatException e) {
            throw new UsageException("N must be a whole number, not " + Rules.quote(args.positional().get(0)));
        }
        if (n < 0 || n > 10_000_000) {
            throw new UsageException("N must be between 0 and 10000000");
        }
        long seed = args.longValue("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        writeContainers(Cccf.random((int) n, seed), false);
        return ExitCode.OK;
    }
}
