package dev.cccf.host.cli;

import dev.cccf.testkit.BadInputContract;

/** The catalogue of bad inputs through {@code cccf host}. */
class BadInputTest extends BadInputContract {
    @Override
    protected Run run(String file) {
        return capture(streams -> new HostTool(streams).execute("--hosts", "../examples/hosts.json", file));
    }
}
