package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordsTest {

    static List<Arguments> lines() {
        return List.of(
                Arguments.of("python server.py", List.of("python", "server.py")),
                Arguments.of("  a \t b\n c ", List.of("a", "b", "c")),
                Arguments.of("echo 'a b' \"c d\"", List.of("echo", "a b", "c d")),
                Arguments.of("echo $HOME $(id) `id` *", List.of("echo", "$HOME", "$(id)", "`id`", "*")),
                Arguments.of("echo \"a \\\"q\\\" \\$x \\\\ \\n\"", List.of("echo", "a \"q\" $x \\ \\n")),
                Arguments.of("a\\ b c\\'d", List.of("a b", "c'd")),
                Arguments.of("x'y'\"z\"", List.of("xyz")),
                Arguments.of("'' \"\"", List.of("", "")),
                Arguments.of("a \\\n b", List.of("a", "b")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splitsLikeAShellWithoutExpanding(String line, List<String> words) {
        assertThat(ShellWords.split(line)).isEqualTo(words);
        assertThat(ShellWords.check(line)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'open", "echo \"open", "trailing \\"})
    void refusesUnbalancedLines(String line) {
        assertThatThrownBy(() -> ShellWords.split(line)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ShellWords.check(line)).isNotBlank();
    }
}
