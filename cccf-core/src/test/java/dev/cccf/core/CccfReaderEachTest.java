package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streamed read ({@link CccfReader#each}) against the whole read ({@link CccfReader#read}):
 * the same containers in the same order for valid documents, and the same problems (locations,
 * paths, codes, messages, order) for invalid ones, over random documents in every layout.
 */
class CccfReaderEachTest {

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    /** Random valid containers with the fields that matter to the id rules and the writer. */
    static List<Container> containers(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Container> out = new ArrayList<>();
        for (Container c : Cccf.random(r.nextInt(30), seed)) {
            Container.Builder b = c.toBuilder();
            if (r.nextInt(4) == 0) {
                b.id("/" + c.id());
            }
            if (r.nextInt(3) == 0) {
                b.scale(r.nextInt(4));
            }
            if (r.nextInt(3) == 0) {
                b.host("h" + r.nextInt(3));
            }
            if (r.nextInt(3) == 0) {
                b.extension("x-meta", JsonNodeFactory.instance.objectNode().put("n", r.nextInt(3)).put("d", new java.math.BigDecimal("1.5")));
            }
            if (r.nextInt(4) == 0) {
                b.cmd(Cmd.argv(List.of("sh", "-c", "echo 'hi there'")));
            }
            out.add(b.build());
        }
        return out;
    }

    static byte[] bytes(List<Container> containers, boolean single, OutputFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CccfWriter.write(containers, single, out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Container> each(byte[] bytes) throws IOException {
        List<Container> out = new ArrayList<>();
        int n = Cccf.reader().each(new ByteArrayInputStream(bytes), "doc", out::add);
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    /** The problems of read and of each, which must be thrown alike; returns them (null: valid). */
    private static List<Problem> assertSameProblems(byte[] bytes) throws IOException {
        List<Problem> read = null;
        try {
            Cccf.read(new ByteArrayInputStream(bytes), "doc");
        } catch (InvalidDocumentException e) {
            read = e.problems();
        }
        List<Problem> each = null;
        try {
            Cccf.reader().each(new ByteArrayInputStream(bytes), "doc", c -> { });
        } catch (InvalidDocumentException e) {
            each = e.problems();
        }
        assertThat(each).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(read);
        return each;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void eachHandsOverWhatReadReturnsInEveryLayout(long seed) throws IOException {
        List<Container> containers = containers(seed);
        for (OutputFormat format : List.of(OutputFormat.COMPACT, OutputFormat.PRETTY, OutputFormat.YAML)) {
            byte[] doc = bytes(containers, false, format);
            assertThat(each(doc)).as(format.name()).isEqualTo(Cccf.read(new ByteArrayInputStream(doc), "doc").containers())
                    .isEqualTo(containers);
        }
        if (!containers.isEmpty()) {
            byte[] one = bytes(containers.subList(0, 1), true, OutputFormat.COMPACT);
            assertThat(each(one)).containsExactly(containers.get(0));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void eachReportsDuplicatesAndReplicaCollisionsWhereReadDoes(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<Container> containers = new ArrayList<>(containers(seed));
        for (Container extra : Cccf.random(2, seed + 1000)) {
            if (containers.size() < 2) { // never a case with nothing to collide: every seed tests
                containers.add(extra.withId("extra-" + containers.size()));
            }
        }
        for (int k = 0; k < r.nextInt(3); k++) {
            Container a = containers.get(r.nextInt(containers.size()));
            int at = r.nextInt(containers.size());
            Container b = containers.get(at);
            switch (r.nextInt(3)) {
                case 0 -> containers.set(at, b.withId(a.name())); // the same name, maybe with or without '/'
                case 1 -> containers.set(at, b.withId(a.name() + "-scale-" + (1 + r.nextInt(3))));
                default -> containers.set(at, b.withId("/" + a.name()));
            }
        }
        int last = containers.size() - 1;
        containers.set(last, containers.get(last).withId(containers.get(0).name())); // one duplicate for sure
        assertThat(assertSameProblems(bytes(containers, false, OutputFormat.COMPACT)))
                .extracting(Problem::code).contains(Rules.DUPLICATE_ID);
        assertSameProblems(bytes(containers, false, OutputFormat.YAML));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void eachReportsBrokenFieldsWhereReadDoes(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String doc = new String(bytes(containers(seed), false, OutputFormat.PRETTY), StandardCharsets.UTF_8);
        String[][] breakages = {
            {"\"image\" : \"", "\"image\" : 7, \"x\" : \""},
            {"\"ports\" : [ \"", "\"ports\" : [ \"80\", \""},
            {"\"env\" : [ \"", "\"env\" : [ 1, \""},
            {"\"id\" : \"", "\"id\" : \"a b"},
            {"\"volumes\" : [ \"", "\"volumes\" : [ \"::\", \""},
            {"\"cmd\" : \"", "\"cmd\" : \"'"},
            {"\"host\" : \"", "\"host\" : \" \", \"h\" : \""},
            {"\"scale\" : ", "\"scale\" : -"},
            {"\"image\" : ", "\"image\" : \"a\", \"image\" : "},
            {"}", "}}"},
        };
        StringBuilder broken = new StringBuilder(doc);
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            String[] b = breakages[r.nextInt(breakages.length)];
            int from = broken.indexOf(b[0], r.nextInt(broken.length()));
            if (from < 0) {
                from = broken.indexOf(b[0]);
            }
            if (from >= 0) {
                broken.replace(from, from + b[0].length(), b[1]);
            }
        }
        if (broken.toString().equals(doc)) { // no breakage found its place (an empty list): break the end
            broken.replace(broken.lastIndexOf("]"), broken.length(), "]]");
        }
        assertThat(assertSameProblems(broken.toString().getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    static Stream<Path> badFiles() throws IOException {
        return Files.list(Path.of("src/test/resources/bad")).filter(p -> !p.toString().endsWith(".tsv")).sorted();
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void eachReportsEveryCataloguedBadInputAsReadDoes(Path file) throws IOException {
        assertSameProblems(Files.readAllBytes(file));
    }

    /** A container as JSON written by hand: fields in a random order, strings with random escapes, random spaces. */
    private static String handWritten(Container c, SplittableRandom r) {
        List<String> fields = new ArrayList<>();
        fields.add(field("id", str(c.id(), r), r));
        fields.add(field("image", str(c.image(), r), r));
        if (c.cmd() instanceof Cmd.Line line) {
            fields.add(field("cmd", str(line.line(), r), r));
        } else if (c.cmd() != null) {
            fields.add(field("cmd", list(c.cmd().words(), r), r));
        }
        for (var e : List.of(java.util.Map.entry("ports", c.ports()), java.util.Map.entry("env", c.env()),
                java.util.Map.entry("volumes", c.volumes()))) {
            if (!e.getValue().isEmpty() || r.nextInt(4) == 0) {
                fields.add(field(e.getKey(), list(e.getValue(), r), r));
            }
        }
        if (c.scale() != null) {
            fields.add(field("scale", (c.scale() == 0 && r.nextBoolean() ? "-0" : c.scale().toString()), r));
        }
        if (c.host() != null) {
            fields.add(field("host", str(c.host(), r), r));
        }
        c.extensions().forEach((k, v) -> fields.add(field(k, v.toString(), r)));
        if (r.nextInt(3) == 0) {
            java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
        }
        return "{" + String.join(r.nextInt(4) == 0 ? ", " : ",", fields) + "}";
    }

    private static String field(String name, String value, SplittableRandom r) {
        return "\"" + name + "\"" + (r.nextInt(6) == 0 ? ": " : ":") + value;
    }

    private static String list(List<String> items, SplittableRandom r) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(str(i, r)));
        return "[" + String.join(",", out) + "]";
    }

    /** A JSON string literal, now and then with a character escaped that need not be. */
    private static String str(String s, SplittableRandom r) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\' || ch < 0x20 || r.nextInt(40) == 0) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void eachJsonHandsOverTheBytesCccfWritesWhateverTheInputLooksLike(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] odd = {"caf\u00e9", "tab\there", "quote\"d", "back\\slash", "del\u007f", "emoji \ud83d\ude00", "a/b"};
        List<Container> containers = new ArrayList<>();
        for (Container c : containers(seed)) {
            Container.Builder b = c.toBuilder();
            if (r.nextInt(3) == 0) {
                b.env("X=" + odd[r.nextInt(odd.length)]);
            }
            if (r.nextInt(5) == 0) {
                b.cmd(Cmd.argv(List.of()));
            }
            containers.add(b.build());
        }
        List<String> docs = new ArrayList<>();
        for (OutputFormat format : List.of(OutputFormat.COMPACT, OutputFormat.PRETTY, OutputFormat.YAML)) {
            docs.add(new String(bytes(containers, false, format), StandardCharsets.UTF_8));
        }
        List<String> hand = new ArrayList<>();
        containers.forEach(c -> hand.add(handWritten(c, r)));
        docs.add("[" + String.join(",", hand) + "]");
        for (String doc : docs) {
            List<Container> seen = new ArrayList<>();
            List<String> json = new ArrayList<>();
            Cccf.reader().eachJson(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "doc", (c, bytes, off, len) -> {
                seen.add(c);
                json.add(new String(bytes, off, len, StandardCharsets.UTF_8));
            });
            assertThat(seen).as(doc).isEqualTo(Cccf.parse(doc).containers());
            assertThat(json).as(doc).isEqualTo(seen.stream().map(c -> {
                String one = new String(bytes(List.of(c), true, OutputFormat.COMPACT), StandardCharsets.UTF_8);
                return one.substring(0, one.length() - 1); // without the newline
            }).toList());
        }
    }

    @Test
    void eachStopsHandingOverOnceTheDocumentHasAProblemAndThrowsAtTheEnd() {
        List<String> seen = new ArrayList<>();
        String doc = """
                [{"id": "a", "image": "x"}, {"id": "b"}, {"id": "c", "image": "x"}, {"id": "a", "image": "y"}]
                """;
        assertThatThrownBy(() -> Cccf.reader().each(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "doc",
                c -> seen.add(c.id())))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code).containsExactly(Rules.IMAGE_REQUIRED));
        assertThat(seen).containsExactly("a");
    }

    @Test
    void aDuplicateIdIsFoundAfterTheContainersWereHandedOver() {
        List<String> seen = new ArrayList<>();
        String doc = "[{\"id\": \"a\", \"image\": \"x\"},\n {\"id\": \"/a\", \"image\": \"y\"}]";
        assertThatThrownBy(() -> Cccf.reader().each(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "doc",
                c -> seen.add(c.id())))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::format)
                        .containsExactly("doc:2:9: $[1].id: [duplicate-id] id \"/a\" is already used at doc:1:9"));
        assertThat(seen).containsExactly("a", "/a");
    }
}
