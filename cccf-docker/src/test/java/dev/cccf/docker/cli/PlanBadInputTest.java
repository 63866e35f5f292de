package dev.cccf.docker.cli;

import dev.cccf.testkit.BadInputContract;

/** The catalogue of bad inputs through {@code cccf plan} (from nothing: no engine is asked). */
class PlanBadInputTest extends BadInputContract {
    @Override
    protected Run run(String file) {
        return capture(streams -> DockerMain.run(new String[] {"plan", file, "--hosts", "../examples/hosts.json"}, streams));
    }
}
