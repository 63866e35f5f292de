package dev.cccf.docker.cli;

import dev.cccf.testkit.BadInputContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The catalogue of bad inputs through {@code cccf apply}, whose one engine does not exist: the bad
 * input is refused as {@code cccf validate} refuses it (exit 1, the located problem first), never
 * reported as an unreachable engine (exit 3).
 */
class ApplyBadInputTest extends BadInputContract {
    static Path hosts;

    @BeforeAll
    static void hostsWithoutEngine() throws IOException {
        hosts = Files.createTempFile("cccf-bad-input-hosts", ".json");
        Files.writeString(hosts, "[{\"id\": \"h1\", \"docker\": \"unix:///nonexistent/cccf-bad-input.sock\"}]");
    }

    @AfterAll
    static void removeHosts() throws IOException {
        Files.deleteIfExists(hosts);
    }

    @Override
    protected Run run(String file) {
        return capture(streams -> DockerMain.run(new String[] {"apply", file, "--hosts", hosts.toString()}, streams));
    }
}
