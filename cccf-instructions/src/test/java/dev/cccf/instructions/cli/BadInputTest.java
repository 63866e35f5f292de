package dev.cccf.instructions.cli;

import dev.cccf.testkit.BadInputContract;

/** The catalogue of bad inputs through {@code cccf instructions run}. */
class BadInputTest extends BadInputContract {
    @Override
    protected Run run(String file) {
        return capture(streams -> InstructionsMain.run(new String[] {"run", file}, streams));
    }
}
