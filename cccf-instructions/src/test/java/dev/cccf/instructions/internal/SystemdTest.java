package dev.cccf.instructions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * systemd reads Exec lines with its own rules: specifiers ({@code %n}), variables ({@code $X}),
 * C escapes in quotes, and a lone {@code ;} as a command separator. (Checked by hand against
 * {@code systemd-analyze verify} of systemd 252, whose debug dump shows the parsed argv.)
 */
class SystemdTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "--name=web|--name=web",
            "a b|\"a b\"",
            "100%|\"100%%\"",
            "$HOME|\"$$HOME\"",
            ";|\\;",
            "x;y|\"x;y\"",
            "it's|\"it's\"",
            "say \"hi\"|\"say \\\"hi\\\"\"",
            "back\\slash|\"back\\\\slash\"",
            "''|\"''\"",
    })
    void aWordIsEscapedForSystemd(String word, String escaped) {
        assertThat(Systemd.word(word)).isEqualTo(escaped);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersBecomeCEscapesSoTheLineStaysOneLine() {
        assertThat(Systemd.word("line1\nline2")).isEqualTo("\"line1\\nline2\"");
        assertThat(Systemd.word("tab\there\r")).isEqualTo("\"tab\\there\\r\"");
        assertThat(Systemd.word("bell\u0007")).isEqualTo("\"bell\\x07\"");
        assertThat(Systemd.exec(List.of("/usr/bin/docker", "a\nb", "c\rd"))).doesNotContain("\n", "\r");
    }
}
