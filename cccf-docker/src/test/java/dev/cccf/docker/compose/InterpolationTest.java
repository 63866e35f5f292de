package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolationTest {
    private static final Map<String, String> VARS = Map.of("TAG", "1.27", "EMPTY", "", "PORT", "8080", "B", "b");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx:${TAG}                | nginx:1.27
            nginx:$TAG                  | nginx:1.27
            $TAG-alpine                 | 1.27-alpine
            ${PORT:-80}:80              | 8080:80
            ${NOPE:-80}:80              | 80:80
            ${EMPTY:-d}                 | d
            ${EMPTY-d}                  | ''
            ${NOPE-d}                   | d
            ${TAG:+yes}                 | yes
            ${EMPTY:+yes}               | ''
            ${EMPTY+yes}                | yes
            ${NOPE+yes}                 | ''
            ${NOPE:-${B:-c}}            | b
            ${NOPE:-${NOPE2:-c}}        | c
            ${NOPE:-a}${TAG}            | a1.27
            pa$$word                    | pa$word
            $${TAG}                     | ${TAG}
            echo $$$$                   | echo $$
            ${TAG:?never seen}          | 1.27
            no variables at all         | no variables at all
            """)
    void substitutesAsComposeDoes(String text, String expected) {
        Interpolation.Outcome o = Interpolation.substitute(text, VARS);

        assertThat(o.error()).isNull();
        assertThat(o.value()).isEqualTo(expected);
    }

    @Test
    void anUnsetVariableIsEmptyAndNamed() {
        Interpolation.Outcome o = Interpolation.substitute("${A}/$B/${C}/${A}", Map.of("B", "b"));

        assertThat(o.value()).isEqualTo("/b//");
        assertThat(o.unset()).containsExactly("A", "C");
    }

    @Test
    void aDefaultThatIsNotUsedIsNotLookedAt() {
        Interpolation.Outcome o = Interpolation.substitute("${TAG:-${UNSET:?boom}}", VARS);

        assertThat(o.value()).isEqualTo("1.27");
        assertThat(o.unset()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ${NOPE:?the tag is needed}   | true  | required variable "NOPE" is not set: the tag is needed
            ${EMPTY:?}                   | true  | required variable "EMPTY" is empty
            ${NOPE?x}                    | true  | required variable "NOPE" is not set: x
            ${NOPE:-${ALSO:?inner}}      | true  | required variable "ALSO" is not set: inner
            echo $1                      | false | invalid substitution at "$1" (write $$ for a literal $)
            price: 5$                    | false | invalid substitution at "$" (write $$ for a literal $)
            ${TAG                        | false | invalid substitution at "${TAG" (write $$ for a literal $)
            ${TAG:-x                     | false | a "${" is not closed by "}"
            ${}                          | false | invalid substitution at "${}" (write $$ for a literal $)
            ${TAG:x}                     | false | invalid substitution at "${TAG:x}" (write $$ for a literal $)
            """)
    void failuresSayWhy(String text, boolean required, String message) {
        Interpolation.Outcome o = Interpolation.substitute(text, VARS);

        assertThat(o.failed()).isTrue();
        assertThat(o.required()).isEqualTo(required);
        assertThat(o.error()).isEqualTo(message);
    }

    @Test
    void theEmptyStringDoesNotFail() {
        assertThat(Interpolation.substitute("${EMPTY}", VARS).value()).isEmpty();
        assertThat(Interpolation.substitute("${EMPTY?x}", VARS).failed()).isFalse();
    }
}
