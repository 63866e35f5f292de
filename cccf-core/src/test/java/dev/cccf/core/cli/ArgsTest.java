package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static Args parse(String... argv) {
        return Args.parse(argv, Set.of("--pretty", "--explain"), Set.of("--seed", "--set", "--explain"), Map.of("-s", "--seed"));
    }

    @Test
    void readsFlagsOptionsAndPositionals() {
        Args a = parse("in.json", "--pretty", "--seed", "7", "--set=a=1", "--set", "b=2", "-s", "9", "-", "--", "--x");
        assertThat(a.positional()).containsExactly("in.json", "-");
        assertThat(a.has("--pretty")).isTrue();
        assertThat(a.value("--seed")).isEqualTo("9");
        assertThat(a.values("--set")).containsExactly("a=1", "b=2");
        assertThat(a.afterDashes()).containsExactly("--x");
    }

    @Test
    void aFlagWithAnOptionalValueTakesItOnlyAfterAnEqualsSign() {
        assertThat(parse("--explain").has("--explain")).isTrue();
        assertThat(parse("--explain").value("--explain")).isNull();
        assertThat(parse("--explain=json").value("--explain")).isEqualTo("json");
        Args a = parse("--explain", "file.json");
        assertThat(a.value("--explain")).isNull();
        assertThat(a.positional()).containsExactly("file.json");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> parse("--nope")).isInstanceOf(UsageException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> parse("--pretty=yes")).isInstanceOf(UsageException.class).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse("--seed")).isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Args.parse(new String[] {"--seed", "x"}, Set.of(), Set.of("--seed"), Map.of())
                .longValue("--seed", 0, 0, 10)).isInstanceOf(UsageException.class);
    }
}
