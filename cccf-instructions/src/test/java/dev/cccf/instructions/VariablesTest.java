package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariablesTest {

    private static JsonNode tree(String json) {
        return CccfWriter.toTree(Cccf.parse(json).containers().get(0));
    }

    @Test
    void eachVariableIsReplacedOnceInStringValuesAndTheInputIsLeftAlone() {
        JsonNode in = tree("""
                {"id": "web", "image": "shop:${TAG}", "env": ["A=${A}", "LIT=$${HOME}"], "labels": {"v": "${TAG}"}}""");
        String before = in.toString();

        Variables.Result r = Variables.substitute(in, Map.of("TAG", "2.4.1", "A", "${TAG}"));

        assertThat(r.unresolved()).isEmpty();
        assertThat(r.tree().toString()).isEqualTo("{\"id\":\"web\",\"image\":\"shop:2.4.1\",\"env\":[\"A=${TAG}\",\"LIT=${HOME}\"],"
                + "\"labels\":{\"v\":\"2.4.1\"}}");
        assertThat(in.toString()).isEqualTo(before);
        List<Container> read = Cccf.parse(r.tree().toString()).containers();
        assertThat(read.get(0).image()).isEqualTo("shop:2.4.1");
    }

    @Test
    void anUndefinedVariableOrABadReferenceIsToldByPathAndLeftAsWritten() {
        Variables.Result r = Variables.substitute(tree("""
                {"id": "web", "image": "x", "env": ["A=${NOPE}", "B=${1x}"]}"""), Map.of());

        assertThat(r.unresolved()).containsExactly(
                new Variables.Unresolved("$.env[0]", Variables.UNDEFINED,
                        "variable NOPE is not defined: give --var NOPE=VALUE (or write $${ for a literal ${)"),
                new Variables.Unresolved("$.env[1]", Variables.SYNTAX,
                        "\"${1x}\" is not a variable reference ${NAME} (write $${ for a literal ${)"));
        assertThat(r.tree().get("env").toString()).isEqualTo("[\"A=${NOPE}\",\"B=${1x}\"]");
    }

    @ParameterizedTest
    @CsvSource({"TAG, true", "_x1, true", "1x, false", "a-b, false", "'', false"})
    void aNameIsLettersDigitsAndUnderscoreNotStartingWithADigit(String name, boolean ok) {
        assertThat(Variables.isName(name)).isEqualTo(ok);
    }

    @Test
    void bytesWithoutDollarBraceOrBackslashHoldNoVariable() {
        assertThat(Variables.mayBePresent("{\"image\": \"x$\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Variables.mayBePresent("{\"image\": \"${X}\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Variables.mayBePresent("{\"image\": \"\\u0024{X}\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Variables.present(tree("{\"id\": \"a\", \"image\": \"x\"}"))).isFalse();
    }
}
