package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** cccf-instructions needs only cccf-core (and the Jackson it brings); its API never runs anything. */
class DependencyRulesTest {
    private static final List<String> ALLOWED = List.of("java.", "dev.cccf.core", "dev.cccf.instructions",
            "com.fasterxml.jackson.");

    @Test
    void mainSourcesImportOnlyTheJdkCccfCoreAndJackson() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> bad = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).stream().filter(l -> l.startsWith("import "))
                            .map(l -> l.replaceFirst("import (static )?", ""))
                            .filter(i -> ALLOWED.stream().noneMatch(i::startsWith))
                            .map(i -> f.getFileName() + ": " + i))
                    .toList();
            assertThat(bad).isEmpty();
        }
    }

    @Test
    void theApiNeverStartsAProcess() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/cccf/instructions"))) {
            List<String> bad = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f).stream().anyMatch(l -> l.contains("ProcessBuilder") || l.contains("Runtime.getRuntime")))
                    .map(Path::toString).toList();
            assertThat(bad).isEmpty();
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
