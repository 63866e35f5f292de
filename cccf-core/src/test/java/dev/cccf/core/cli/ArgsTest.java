package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final List<Option> DECLARED = List.of(
            Option.flag("--pretty", "p"),
            Option.flag("--all", "a").withShort('a'),
            Option.flag("--quiet", "q").withShort('q'),
            Option.optional("--explain", "FORMAT", "e"),
            Option.value("--seed", "S", "s").withShort('s'),
            Option.value("--set", "ID=N", "set"),
            Option.value("--host", "URL", "h").withShort('H'),
            Option.file("--hosts", "HOSTS", "hosts"),
            Option.file("--output", "FILE", "o").withShort('o'));

    private static Args parse(String... argv) {
        return Args.parse(argv, DECLARED, false);
    }

    @Test
    void readsFlagsOptionsAndOperandsInAnyOrder() {
        Args a = parse("in.json", "--pretty", "--seed", "7", "--set=a=1", "--set", "b=2", "-s", "9", "-");
        assertThat(a.positional()).containsExactly("in.json", "-");
        assertThat(a.has("--pretty")).isTrue();
        assertThat(a.value("--seed")).isEqualTo("9");
        assertThat(a.values("--set")).containsExactly("a=1", "b=2");
    }

    @Test
    void doubleDashEndsTheOptionsAndWhatFollowsIsFiles() {
        Args a = parse("--quiet", "--", "app.json", "--pretty", "-");
        assertThat(a.has("--quiet")).isTrue();
        assertThat(a.has("--pretty")).isFalse();
        assertThat(a.positional()).containsExactly("app.json", "--pretty", "-");
        assertThat(a.afterDashes()).isEmpty();
    }

    @Test
    void aToolThatPassesArgumentsOnKeepsWhatFollowsDoubleDashApart() {
        Args a = Args.parse(new String[] {"app.json", "--", "--dns", "8.8.8.8"}, DECLARED, true);
        assertThat(a.positional()).containsExactly("app.json");
        assertThat(a.afterDashes()).containsExactly("--dns", "8.8.8.8");
    }

    @Test
    void shortFlagsBundleAndTheLastMayTakeTheNextArgument() {
        Args a = parse("-aH", "tcp://h:2375", "-qo", "out.json");
        assertThat(a.has("--all")).isTrue();
        assertThat(a.has("--quiet")).isTrue();
        assertThat(a.values("--host")).containsExactly("tcp://h:2375");
        assertThat(a.value("--output")).isEqualTo("out.json");
        assertThat(a.positional()).isEmpty();
    }

    @Test
    void aShortOptionTakesTheRestOfItsWordAsItsValue() {
        Args a = parse("-oout.json", "-aHunix:///s.sock", "-s=3");
        assertThat(a.value("--output")).isEqualTo("out.json");
        assertThat(a.values("--host")).containsExactly("unix:///s.sock");
        assertThat(a.has("--all")).isTrue();
        assertThat(a.value("--seed")).isEqualTo("=3");
    }

    @Test
    void aValueMayLookLikeAnOptionOrBeEmpty() {
        assertThat(parse("--seed", "-5").value("--seed")).isEqualTo("-5");
        assertThat(parse("-o", "--pretty").value("--output")).isEqualTo("--pretty");
        assertThat(parse("--set=").values("--set")).containsExactly("");
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
    void anUnknownOptionNamesTheNearestDeclaredOne() {
        assertThatThrownBy(() -> parse("--hots", "h.json")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option --hots; did you mean --hosts?");
        assertThatThrownBy(() -> parse("--prety")).hasMessage("unknown option --prety; did you mean --pretty?");
        assertThatThrownBy(() -> parse("--seeed=3")).hasMessage("unknown option --seeed; did you mean --seed?");
        assertThatThrownBy(() -> parse("--exp")).hasMessage("unknown option --exp; did you mean --explain?");
        assertThatThrownBy(() -> parse("-quiet")).hasMessage("unknown option -u in -quiet; did you mean --quiet?");
    }

    @Test
    void anUnknownOptionFarFromEveryDeclaredOneSuggestsNothing() {
        assertThatThrownBy(() -> parse("--frobnicate")).hasMessage("unknown option --frobnicate");
        assertThatThrownBy(() -> parse("-x")).hasMessage("unknown option -x");
        assertThatThrownBy(() -> parse("-ax")).hasMessage("unknown option -x in -ax");
    }

    @Test
    void refusesAMissingValueAndAValueGivenToAFlag() {
        assertThatThrownBy(() -> parse("--pretty=yes")).isInstanceOf(UsageException.class)
                .hasMessage("--pretty takes no value");
        assertThatThrownBy(() -> parse("--seed")).hasMessage("--seed needs a value (-s, --seed S)");
        assertThatThrownBy(() -> parse("-qo")).hasMessage("-o needs a value (-o, --output FILE)");
        assertThatThrownBy(() -> parse("--seed", "x").longValue("--seed", 0, 0, 10))
                .isInstanceOf(UsageException.class).hasMessage("--seed must be a whole number, not \"x\"");
    }
}
