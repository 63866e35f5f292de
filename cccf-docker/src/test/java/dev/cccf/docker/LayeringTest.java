package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docker-java stays behind {@link Engine}: the conversions are pure and testable on recorded JSON. */
class LayeringTest {

    @Test
    void onlyTheEngineImplementationUsesDockerJava() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> users;
        try (Stream<Path> files = Files.walk(main)) {
            users = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("import com.github.dockerjava"))
                    .map(f -> main.relativize(f).toString())
                    .toList();
        }
        assertThat(users).containsExactlyInAnyOrder("dev/cccf/docker/internal/DockerJavaEngine.java",
                "dev/cccf/docker/internal/transport/EngineHttpClient.java",
                "dev/cccf/docker/internal/transport/EngineResponse.java",
                "dev/cccf/docker/internal/DockerConfigReader.java",
                "dev/cccf/docker/internal/transport/TlsWire.java");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
