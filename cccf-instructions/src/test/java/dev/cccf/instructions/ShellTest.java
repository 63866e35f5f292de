package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "app1|app1",
            "--name=app1|--name=app1",
            "-p=80:80|-p=80:80",
            "/tmp:/tmp|/tmp:/tmp",
            "FOO=BAR|FOO=BAR",
            "a b|'a b'",
            "it's|'it'\\''s'",
            "$(id)|'$(id)'",
            "`id`|'`id`'",
            "*|'*'",
            "~|'~'",
            "a;b|'a;b'",
            "é|'é'",
    })
    void quoteLeavesSafeWordsAndSingleQuotesTheRest(String word, String quoted) {
        assertThat(Shell.quote(word)).isEqualTo(quoted);
    }

    @Test
    void anEmptyWordIsTwoQuotes() {
        assertThat(Shell.quote("")).isEqualTo("''");
        assertThat(Shell.line(List.of("echo", "", "x"))).isEqualTo("echo '' x");
    }

    @Test
    void aNewlineStaysInsideTheQuotes() {
        assertThat(Shell.quote("a\nb")).isEqualTo("'a\nb'");
    }

    @Test
    void aNulCannotBeQuoted() {
        assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
