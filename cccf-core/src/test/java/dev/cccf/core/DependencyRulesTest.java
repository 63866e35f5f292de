package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** cccf-core needs Jackson and nothing else: a forbidden import fails the build. */
class DependencyRulesTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED =
            List.of("java.", "dev.cccf.core.", "com.fasterxml.jackson.", "org.yaml.snakeyaml.");

    @Test
    void coreImportsOnlyTheJdkJacksonAndItself() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> forbidden = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    return m.results().map(r -> f.getFileName() + ": " + r.group(1))
                            .filter(s -> ALLOWED.stream().noneMatch(a -> s.substring(s.indexOf(": ") + 2).startsWith(a)))
                            .toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(forbidden).isEmpty();
        }
    }

    @Test
    void theRuleSeesImports() {
        assertThat(IMPORT.matcher("import org.example.Evil;").results().map(r -> r.group(1)))
                .containsExactly("org.example.Evil");
    }
}
