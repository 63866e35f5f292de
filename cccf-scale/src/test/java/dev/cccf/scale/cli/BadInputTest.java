package dev.cccf.scale.cli;

import dev.cccf.testkit.BadInputContract;

/** The catalogue of bad inputs through {@code cccf scale up}. */
class BadInputTest extends BadInputContract {
    @Override
    protected Run run(String file) {
        return capture(streams -> ScaleMain.run(new String[] {"up", file}, streams));
    }
}
