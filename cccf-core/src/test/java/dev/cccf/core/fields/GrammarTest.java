package dev.cccf.core.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** memory and cpus (one grammar for placement and docker), durations, and the unknown-field warning. */
class GrammarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "512m"              | 536870912
            "2g"                | 2147483648
            "1.5GiB"            | 1610612736
            "100b"              | 100
            "64 k"              | 65536
            1073741824          | 1073741824
            "1p"                | 1125899906842624
            """)
    void memoryIsBytesOrADockerSizeInPowersOf1024(String json, long bytes) throws Exception {
        assertThat(Memory.read(JSON.readTree(json))).isEqualTo(new Memory.Reading(bytes, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "lots"              | memory-format
            "12x"               | memory-format
            1.5                 | memory-format
            true                | memory-format
            0                   | memory-range
            -5                  | memory-range
            "0.1b"              | memory-range
            "1234567890123456"  | memory-range
            "1025t"             | memory-range
            99999999999999999999999 | memory-range
            """)
    void memoryThatIsNoSizeOrNoSensibleOneIsRefusedWithItsCode(String json, String code) throws Exception {
        assertThat(Memory.read(JSON.readTree(json)).code()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"2147483648, 2g", "536870912, 512m", "65536, 64k", "1536, 1536", "1572864, 1536k", "1125899906842624, 1p"})
    void memoryIsWrittenInDockersShortForm(long bytes, String text) {
        assertThat(Memory.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.5          | 500000000    |
            2            | 2000000000   |
            0.000000001  | 1            |
            0            | -1           | cpus-format
            -1           | -1           | cpus-format
            "2"          | -1           | cpus-format
            100001       | -1           | cpus-range
            0.0000000001 | -1           | cpus-range
            """)
    void cpusAreANumberOfNanoCpus(String json, long nanos, String code) throws Exception {
        assertThat(Cpus.nanos(JSON.readTree(json))).isEqualTo(nanos);
        assertThat(Cpus.code(JSON.readTree(json))).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"1m30s, 90000000000", "500ms, 500000000", "1h, 3600000000000", "1.5s, 1500000000", "10us, 10000"})
    void durationsAreNanoseconds(String duration, long nanos) {
        assertThat(Healthcheck.nanos(duration)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @CsvSource({"30000000000, 30s", "90000000000, 1m30s", "3600000000000, 1h", "1500000000, 1500ms", "0, 0s", "7, 7ns"})
    void durationsAreWrittenTheWayDockerReadsThem(long nanos, String expected) {
        assertThat(Healthcheck.formatDuration(nanos)).isEqualTo(expected);
    }

    @Test
    void aFieldNoEntryKnowsIsALocatedWarningAndTheDocumentStaysValid() {
        List<Problem> warnings = new ArrayList<>();

        var doc = FieldTable.warningAboutUnknownFields(FieldTable.reader(), warnings::add)
                .read("[{\"id\": \"a\", \"image\": \"x\",\n \"logging\": {\"driver\": \"none\"}, \"restart\": \"always\"}]", "app.json");

        assertThat(doc.containers()).hasSize(1);
        assertThat(warnings).extracting(Problem::format).containsExactly(
                "app.json:2:13: $[0].logging: warning: [unknown-field] field \"logging\" is not a field cccf knows: docker run,"
                        + " apply, compose, swarm and systemd leave it out (the fields: docs/fields.md)");
    }
}
