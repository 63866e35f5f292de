package dev.cccf.diff.cli;

import dev.cccf.testkit.BadInputContract;

/** The catalogue of bad inputs through {@code cccf diff} (as the current state). */
class BadInputTest extends BadInputContract {
    @Override
    protected Run run(String file) {
        return capture(streams -> DiffMain.run(new String[] {file, "../examples/app.json"}, streams));
    }
}
