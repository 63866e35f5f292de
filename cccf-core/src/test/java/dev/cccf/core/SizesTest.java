package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest
    @CsvSource({"256m, 268435456", "8g, 8589934592", "0.5k, 512", "3GiB, 3221225472", "1 kb, 1024", "7b, 7", "1p, 1125899906842624",
        "8192p, -1", "0.1b, -1", "m, -1", "1e3, -1", "' ', -1"})
    void aSizeIsBinaryUnitsOfWholeBytesAboveZero(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @Test
    void aJsonSizeIsASizeStringOrAWholeNumberOfBytesAboveZero() {
        assertThat(Sizes.of(NODES.textNode("1g"))).isEqualTo(1L << 30);
        assertThat(Sizes.of(NODES.numberNode(4096))).isEqualTo(4096);
        assertThat(Sizes.of(NODES.numberNode(0))).isEqualTo(-1);
        assertThat(Sizes.of(NODES.numberNode(1.5))).isEqualTo(-1);
        assertThat(Sizes.of(NODES.numberNode(BigInteger.TEN.pow(30)))).isEqualTo(-1);
        assertThat(Sizes.of(NODES.booleanNode(true))).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({"268435456, 256m", "8589934592, 8g", "1024, 1k", "1125899906842624, 1p", "1572864, 1536k", "1572865, 1.5m", "1025, 1025"})
    void aSizeIsWrittenInTheLargestUnitThatDividesItElseInMegabytesToOnePlace(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }
}
