package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementFieldsTest {

    @ParameterizedTest
    @CsvSource({"512m, 536870912", "2g, 2147483648", "1.5G, 1610612736", "512MiB, 536870912", "512mb, 536870912",
        "100, 100", "64k, 65536", "1t, 1099511627776", "'2 g', 2147483648", "0, -1", "lots, -1", "-1g, -1", "1x, -1", "'', -1",
        "1234567890123456, -1", "2p, -1"})
    void readsDockerSizesUpTo1p(String text, long bytes) {
        assertThat(PlacementFields.memoryOf(TextNode.valueOf(text))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "memory": "lots"              | $.memory          | memory-format
            "memory": 0                   | $.memory          | memory-range
            "memory": "1234567890123456"  | $.memory          | memory-range
            "cpus": 0                     | $.cpus            | cpus-format
            "cpus": "2"                   | $.cpus            | cpus-format
            "cpus": 1e6                   | $.cpus            | cpus-range
            "constraints": ["zone=a"]     | $.constraints     | constraints-format
            "constraints": {"zone": 1}    | $.constraints["zone"] | constraints-format
            "conflicts": "db"             | $.conflicts       | conflicts-format
            "conflicts": ["db", "a b"]    | $.conflicts[1]    | conflicts-format
            "global": "yes"               | $.global          | global-type
            """)
    void theReaderReportsBadPlacementFieldsWhereTheyStand(String field, String path, String code) {
        String doc = "{\"id\": \"x\", \"image\": \"i\", " + field + "}";

        assertThatThrownBy(() -> PlacementFields.reader().read(doc, "t.json"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    Problem p = e.problems().get(0);
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.code()).isEqualTo(code);
                    assertThat(p.location().orElseThrow().line()).isEqualTo(1);
                    assertThat(p.location().orElseThrow().column()).isEqualTo(doc.indexOf(field) + field.indexOf(':') + 3);
                });
    }

    @Test
    void theReaderAcceptsGoodPlacementFields() {
        assertThat(PlacementFields.reader().read("""
                {"id": "x", "image": "i", "memory": "512m", "cpus": 0.5, "constraints": {"zone": "a"},
                 "conflicts": ["db-*", "/cache?"], "global": false}""", "t").containers()).hasSize(1);
    }
}
