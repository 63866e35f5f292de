package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** cccf-host needs cccf-core (and the Jackson it brings) only; the API never reaches into the CLI. */
class LayeringTest {

    private static List<String> importsUnder(String folder) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/cccf/host").resolve(folder))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try (Stream<String> lines = Files.lines(f)) {
                    lines.filter(l -> l.startsWith("import ")).map(l -> l.replace("import static ", "").replace("import ", ""))
                            .forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void importsOnlyTheJdkCoreJacksonAndItself() {
        assertThat(importsUnder(".")).isNotEmpty().allMatch(i -> i.startsWith("java.") || i.startsWith("dev.cccf.core.")
                || i.startsWith("dev.cccf.host.") || i.startsWith("com.fasterxml.jackson.") || i.startsWith("org.yaml.snakeyaml."));
    }

    @Test
    void theLibraryDoesNotUseTheCli() {
        assertThat(importsUnder("internal")).noneMatch(i -> i.contains(".cli."));
        assertThat(importsUnder(".").stream().filter(i -> i.startsWith("dev.cccf.host.cli"))).isEmpty();
    }
}
