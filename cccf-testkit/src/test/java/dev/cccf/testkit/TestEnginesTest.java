package dev.cccf.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestEnginesTest {

    @Test
    void aMissingSocketDoesNotAnswer() {
        assertThat(TestEngines.ping(Path.of("/nonexistent/docker.sock"))).isFalse();
    }

    @Test
    void aFileThatIsNoSocketDoesNotAnswer() {
        assertThat(TestEngines.ping(Path.of("pom.xml"))).isFalse();
    }
}
