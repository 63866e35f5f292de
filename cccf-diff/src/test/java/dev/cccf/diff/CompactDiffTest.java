package dev.cccf.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed, compact diff against {@link Diff#between} on the same documents: the same result,
 * in both ways of reading (at once, and in turn), whatever the layout of the input and the fields
 * ignored; and the problems of invalid inputs located as the reader locates them.
 */
class CompactDiffTest {
    private static final List<Set<String>> IGNORES =
            List.of(Set.of(), Set.of("image"), Set.of("env", "x-meta"), Set.of("host"), Set.of("cmd", "ports"));

    static Stream<Arguments> cases() {
        return LongStream.range(0, 80).boxed()
                .flatMap(seed -> Stream.of(true, false).map(atOnce -> Arguments.of(seed, atOnce)));
    }

    /**
     * The wanted side of {@link DiffLawsTest#edited}, with more of what only looks different:
     * set-like lists in another order and with repeats, extension keys in another order, 1 as 1.0,
     * and a '/' before an id.
     */
    static List<Container> lookalikes(List<Container> wanted, long seed) {
        Random r = new Random(seed);
        List<Container> out = new ArrayList<>();
        for (Container c : wanted) {
            Container.Builder b = c.toBuilder();
            switch (r.nextInt(6)) {
                case 0 -> {
                    List<String> env = new ArrayList<>(c.env());
                    Collections.shuffle(env, r);
                    if (!env.isEmpty()) {
                        env.add(env.get(0));
                    }
                    b.env(env);
                }
                case 1 -> c.extension("x-meta").ifPresent(m -> {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("b", m.get("b").asText());
                    o.set("a", DecimalNode.valueOf(new BigDecimal(m.get("a").intValue() + ".0")));
                    b.extension("x-meta", o);
                });
                case 2 -> b.id(c.id().startsWith("/") ? c.id().substring(1) : "/" + c.id());
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }

    static byte[] json(List<Container> containers, OutputFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CccfWriter.write(containers, false, out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static CompactDiff compact(byte[] current, byte[] wanted, Set<String> ignore, boolean atOnce) throws IOException {
        return CompactDiff.of(Cccf.reader(), new CompactDiff.Input(new ByteArrayInputStream(current), "current", current.length),
                new CompactDiff.Input(new ByteArrayInputStream(wanted), "wanted", -1), ignore, atOnce);
    }

    private static List<Container> read(byte[] doc) throws IOException {
        return Cccf.read(new ByteArrayInputStream(doc), "doc").containers();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theStreamedDiffIsDiffBetween(long seed, boolean atOnce) throws IOException {
        List<Container> current = DiffLawsTest.document(seed);
        List<Container> wanted = lookalikes(DiffLawsTest.edited(current, seed), seed);
        OutputFormat[] layouts = {OutputFormat.COMPACT, OutputFormat.PRETTY, OutputFormat.YAML};
        byte[] c = json(current, layouts[(int) (seed % 3)]);
        byte[] w = json(wanted, layouts[(int) (seed / 3 % 3)]);
        for (Set<String> ignore : IGNORES) {
            DiffResult expected = Diff.between(read(c), read(w), ignore);
            CompactDiff d = compact(c, w, ignore, atOnce);
            assertThat(d.toResult()).as(ignore.toString()).isEqualTo(expected);
            assertThat(d.size(CompactDiff.Part.ADD)).isEqualTo(expected.add().size());
            assertThat(d.size(CompactDiff.Part.REMOVE)).isEqualTo(expected.remove().size());
            assertThat(d.size(CompactDiff.Part.KEEP)).isEqualTo(expected.keep().size());
            assertThat(d.changed()).isEqualTo(expected.changed());
            assertChangesPaired(d, expected);
            for (CompactDiff.Part part : CompactDiff.Part.values()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                d.writeCompact(part, raw);
                List<Container> list = part == CompactDiff.Part.ADD ? expected.add()
                        : part == CompactDiff.Part.REMOVE ? expected.remove() : expected.keep();
                String joined = String.join(",", list.stream().map(Cccf::toJson).toList());
                assertThat(raw.toString(StandardCharsets.UTF_8)).as(part.name()).isEqualTo(joined);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void containersWithEqualStringHashesAreToldApart(boolean atOnce) throws IOException {
        // "Aa" and "BB" have the same String.hashCode: only the bytes or the records can tell them apart
        Container a = Container.builder("web", "img:Aa").cmd("run Aa").build();
        Container b = Container.builder("web", "img:BB").cmd("run BB").build();
        assertThat(a.image().hashCode()).isEqualTo(b.image().hashCode());
        byte[] current = json(List.of(a), OutputFormat.COMPACT);
        byte[] wanted = json(List.of(b), OutputFormat.COMPACT);
        DiffResult d = compact(current, wanted, Set.of(), atOnce).toResult();
        assertThat(d.keep()).isEmpty();
        assertThat(d.changed()).singleElement().satisfies(c -> assertThat(c.fields()).containsOnlyKeys("image", "cmd"));
        assertThat(compact(current, wanted, Set.of("image", "cmd"), atOnce).toResult().keep()).containsExactly(a);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reorderedListsAndKeysAreKeptAfterAComparisonOfTheRecords(boolean atOnce) throws IOException {
        byte[] current = """
                [{"id": "web", "image": "x", "env": ["A=1", "B=2"], "x": {"a": 1, "b": [1, 2]}, "host": "h1"}]
                """.getBytes(StandardCharsets.UTF_8);
        byte[] wanted = """
                [{"x": {"b": [1, 2.0], "a": 1.0}, "env": ["B=2", "A=1", "A=1"], "image": "x", "id": "/web", "scale": 3}]
                """.getBytes(StandardCharsets.UTF_8);
        CompactDiff d = compact(current, wanted, Set.of(), atOnce);
        assertThat(d.size(CompactDiff.Part.KEEP)).isOne();
        assertThat(d.toResult().keep()).extracting(Container::host).containsExactly("h1");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theProblemsOfBothSidesAreReportedAsTheReaderReportsThem(boolean atOnce) throws IOException {
        byte[] current = "[{\"id\": \"a\", \"image\": \"x\"},\n {\"id\": \"a\", \"image\": \"y\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] wanted = "- id: b\n  ports: [80]\n- {id: c, image: z, scale: x}\n".getBytes(StandardCharsets.UTF_8);
        List<Problem> expected = new ArrayList<>();
        for (byte[] doc : List.of(current, wanted)) {
            String source = doc == current ? "current" : "wanted";
            assertThatThrownBy(() -> Cccf.read(new ByteArrayInputStream(doc), source))
                    .isInstanceOfSatisfying(InvalidDocumentException.class, e -> expected.addAll(e.problems()));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        assertThatThrownBy(() -> compact(current, wanted, Set.of(), atOnce))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems()).isEqualTo(expected));
        byte[] valid = "[]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> compact(valid, wanted, Set.of(), atOnce))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.problems()).isEqualTo(expected.subList(1, expected.size())));
    }

    @Test
    void readInTurnKeepsOfTheWantedSideOnlyWhatIsAdded() throws IOException {
        List<Container> current = Cccf.random(500, 1);
        List<Container> wanted = new ArrayList<>(current.subList(0, 450));
        wanted.set(10, wanted.get(10).withImage("other"));
        wanted.add(Container.of("new", "img"));
        CompactDiff d = compact(json(current, OutputFormat.COMPACT), json(wanted, OutputFormat.COMPACT), Set.of(), false);
        assertThat(d.size(CompactDiff.Part.KEEP)).isEqualTo(449);
        assertThat(d.keptWanted()).isEqualTo(2);
        CompactDiff both = compact(json(current, OutputFormat.COMPACT), json(wanted, OutputFormat.COMPACT), Set.of(), true);
        assertThat(both.keptWanted()).isEqualTo(451);
        assertThat(both.toResult()).isEqualTo(d.toResult());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void manyPairsToCompareAreSplitBetweenThreadsAndComeOutInOrder(boolean atOnce) throws IOException {
        List<Container> current = Cccf.random(3000, 5);
        List<Container> wanted = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            Container c = current.get(i);
            wanted.add(switch (i % 3) {
                case 0 -> c.withImage(c.image() + "-next");                // changed
                case 1 -> c.withEnv(List.of(c.env().get(0), c.env().get(0))); // other bytes, same config
                default -> c;
            });
        }
        byte[] c = json(current, OutputFormat.COMPACT);
        byte[] w = json(wanted, OutputFormat.COMPACT);
        CompactDiff compact = compact(c, w, Set.of(), atOnce);
        DiffResult d = compact.toResult();
        assertThat(d).isEqualTo(Diff.between(read(c), read(w)));
        assertChangesPaired(compact, d);
        assertThat(d.changed()).hasSize(1000);
        assertThat(d.keep()).hasSize(2000);
    }

    /**
     * {@link CompactDiff#forEachChange} hands over each change of {@code expected}, in order, with
     * the removed and the added container of its name.
     */
    private static void assertChangesPaired(CompactDiff d, DiffResult expected) {
        List<String> seen = new ArrayList<>();
        d.forEachChange((change, current, wanted) -> {
            String name = change.id().replaceFirst("^/", "");
            assertThat(expected.remove()).filteredOn(x -> x.name().equals(name)).containsExactly(current);
            assertThat(expected.add()).filteredOn(x -> x.name().equals(name)).containsExactly(wanted);
            seen.add(change.id());
        });
        assertThat(seen).isEqualTo(expected.changed().stream().map(Change::id).toList());
    }

    @Test
    void theIdCannotBeIgnored() {
        byte[] doc = "[]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> compact(doc, doc, Set.of("id"), true)).isInstanceOf(IllegalArgumentException.class);
    }
}
