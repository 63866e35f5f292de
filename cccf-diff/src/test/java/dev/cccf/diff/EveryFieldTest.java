package dev.cccf.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.CoreField;
import dev.cccf.core.OutputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both diff engines, field by field: for every core field (as {@link CoreField} lists them, so
 * a field added there is covered here) and for an extension field, pairs of containers that
 * differ in that field only, in every way the samples below allow (a value against another,
 * against the same in another order or with repeats, against nothing). {@link Diff#between} and
 * the byte-comparing {@link CompactDiff} must agree with each other and with the canonical forms.
 */
class EveryFieldTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The field whose samples stand for every extension field. */
    private static final String EXTENSION = "x-meta";

    /**
     * Valid values of each field as JSON, with values equal as the diff compares them (a set in
     * another order, with repeats; 1 and 1.0) and values that differ. Absence is tried besides
     * for every field the reader lets go missing. A new core field needs its samples here.
     */
    private static final Map<String, List<String>> SAMPLES = Map.ofEntries(
            Map.entry("id", List.of()), // what pairs two containers: not a difference
            Map.entry("image", List.of("\"nginx:1\"", "\"nginx:2\"", "\"n\\u00e9\\\"x\"")),
            Map.entry("cmd", List.of("\"run --x\"", "[\"run\", \"--x\"]", "\"run  --x\"", "[\"run\"]", "[]")),
            Map.entry("ports", List.of("[\"80:80\", \"443:443\"]", "[\"443:443\", \"80:80\", \"80:80\"]", "[\"81:80\"]")),
            Map.entry("env", List.of("[\"A=1\", \"B=2\"]", "[\"B=2\", \"A=1\"]", "[\"A=2\"]", "[\"A=\\\"x,y\\\"\"]")),
            Map.entry("volumes", List.of("[\"/a:/a\", \"/b\"]", "[\"/b\", \"/a:/a\", \"/b\"]", "[\"/c:/c:ro\"]")),
            Map.entry("expose", List.of("[\"80\", \"443\"]", "[\"443\", \"80\"]", "[\"81/udp\"]")),
            Map.entry("links", List.of("[\"db\", \"cache\"]", "[\"cache\", \"db\"]", "[\"mq\"]")),
            Map.entry("scale", List.of("0", "1", "3")),
            Map.entry("host", List.of("\"h1\"", "\"h2\"", "\"h,\\\"3\"")),
            Map.entry(EXTENSION, List.of("{\"a\": 1, \"b\": [1, 2]}", "{\"b\": [1, 2.0], \"a\": 1.0}", "{\"a\": 2}",
                    "\"host\"")));

    private static final List<Set<String>> IGNORES = List.of(Set.of(), Set.of("image"), Set.of("host"));

    @Test
    void everyCoreFieldHasSamples() {
        assertThat(SAMPLES.keySet()).as("a core field without samples in this test")
                .containsAll(CoreField.names());
    }

    static Stream<String> fieldNames() {
        return SAMPLES.keySet().stream().filter(name -> !SAMPLES.get(name).isEmpty()).sorted();
    }

    static Stream<Arguments> fields() {
        return fieldNames().flatMap(name -> Stream.of(true, false).map(atOnce -> Arguments.of(name, atOnce)));
    }

    @ParameterizedTest(name = "{0}, read at once: {1}")
    @MethodSource("fields")
    void bothEnginesAgreeOnEveryDifferenceInOneField(String field, boolean atOnce) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (String sample : SAMPLES.get(field)) {
            values.add(JSON.readTree(sample));
        }
        if (!Set.of("id", "image").contains(field)) {
            values.add(null); // absent
        }
        List<ObjectNode> current = new ArrayList<>();
        List<ObjectNode> wanted = new ArrayList<>();
        int pair = 0;
        for (JsonNode from : values) {
            for (JsonNode to : values) {
                // around the field: nothing, or every other part Parts finds (scale, host, an extension)
                for (int around = 0; around < 4; around++) {
                    ObjectNode base = CccfWriter.toTree(Cccf.random(1, pair).get(0).withId("c" + pair));
                    if (around % 2 == 1) {
                        base.put("scale", 2).put("host", "h" + pair % 3);
                    }
                    if (around >= 2) {
                        base.putObject(field.equals(EXTENSION) ? "x-other" : EXTENSION).put("a", 1);
                    }
                    current.add(with(base, field, from));
                    ObjectNode w = with(base, field, to);
                    if (around == 1 && !field.equals("host")) {
                        w.remove("host"); // the wanted container is not placed yet
                    }
                    wanted.add(w);
                    pair++;
                }
            }
        }
        byte[] c = CompactDiffTest.json(read(current), OutputFormat.COMPACT);
        byte[] w = CompactDiffTest.json(read(wanted), OutputFormat.COMPACT);
        for (Set<String> ignore : IGNORES) {
            DiffResult expected = Diff.between(read(current), read(wanted), ignore);
            assertThat(ids(expected.keep())).as("kept, ignoring %s", ignore)
                    .isEqualTo(sameCanonicalForms(read(current), read(wanted), ignore));
            CompactDiff compact = CompactDiffTest.compact(c, w, ignore, atOnce);
            assertThat(compact.toResult()).as("ignoring %s", ignore).isEqualTo(expected);
            assertThat(compact.changed()).isEqualTo(expected.changed());
        }
    }

    /** The test can fail: the samples of every field do hold differences, and sameness. */
    @ParameterizedTest
    @MethodSource("fieldNames")
    void theSamplesHoldBothSameAndDifferentValues(String field) throws IOException {
        List<String> samples = SAMPLES.get(field);
        ObjectNode base = CccfWriter.toTree(Container.of("c", "img").withHost("h"));
        List<Container> current = read(List.of(with(base, field, JSON.readTree(samples.get(0)))));
        List<Container> wanted = read(List.of(with(base, field, JSON.readTree(samples.get(samples.size() - 1)))));
        boolean scale = field.equals("scale");
        assertThat(Diff.between(current, wanted).keep()).hasSize(scale ? 1 : 0);
        assertThat(Diff.between(current, current).keep()).hasSize(1);
    }

    private static ObjectNode with(ObjectNode base, String field, JsonNode value) {
        ObjectNode o = base.deepCopy();
        if (value == null) {
            o.remove(field);
        } else {
            o.set(field, value);
        }
        return o;
    }

    /** Through the reader (every rule checked), as the diff's inputs are. */
    private static List<Container> read(List<ObjectNode> containers) {
        try {
            return Cccf.parse(JSON.writeValueAsString(containers)).containers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the pairs whose canonical forms are equal: what the diff must keep. */
    private static Set<String> sameCanonicalForms(List<Container> current, List<Container> wanted, Set<String> ignore) {
        Set<String> same = new TreeSet<>();
        for (int i = 0; i < current.size(); i++) {
            boolean ignoreHost = wanted.get(i).host() == null;
            if (CccfWriter.canonical(Diff.canonicalForm(current.get(i), ignore, ignoreHost))
                    .equals(CccfWriter.canonical(Diff.canonicalForm(wanted.get(i), ignore, ignoreHost)))) {
                same.add(current.get(i).id());
            }
        }
        return same;
    }

    private static Set<String> ids(List<Container> containers) {
        return containers.stream().map(Container::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
