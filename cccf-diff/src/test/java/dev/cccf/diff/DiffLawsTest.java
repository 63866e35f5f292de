package dev.cccf.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Laws of the diff over random documents, with scale, host and extension fields sprinkled in. */
class DiffLawsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    static List<Container> document(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Container> out = new ArrayList<>();
        for (Container c : Cccf.random(r.nextInt(40), seed)) {
            Container.Builder b = c.toBuilder();
            if (r.nextInt(3) == 0) {
                b.scale(r.nextInt(4));
            }
            if (r.nextInt(3) == 0) {
                b.host("h" + r.nextInt(3));
            }
            if (r.nextInt(3) == 0) {
                ObjectNode x = JsonNodeFactory.instance.objectNode().put("a", r.nextInt(3)).put("b", "v");
                b.extension("x-meta", x);
            }
            if (r.nextBoolean()) {
                b.env(List.of("A=" + r.nextInt(2), "B=1", "C=2")).ports("80:80", "443:443");
            }
            out.add(b.build());
        }
        return out;
    }

    /** The wanted side: some containers gone, some changed, some new, order shuffled. */
    static List<Container> edited(List<Container> current, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        List<Container> out = new ArrayList<>();
        for (Container c : current) {
            switch (r.nextInt(16)) {
                case 0 -> { } // removed
                case 1 -> out.add(c.withImage(c.image() + "-next"));
                case 2 -> out.add(c.withHost(null));
                case 3 -> out.add(c.withEnv(List.of("NEW=" + r.nextInt(5))));
                case 4 -> out.add(c.withLinks(List.of("l" + r.nextInt(3))));
                case 5 -> out.add(c.withPorts(List.of((8000 + r.nextInt(3)) + ":80")));
                case 6 -> out.add(c.withVolumes(List.of("/v" + r.nextInt(3))));
                case 7 -> out.add(c.withExpose(List.of(Integer.toString(9000 + r.nextInt(3)))));
                case 8 -> out.add(c.withCmd(r.nextBoolean() ? Cmd.argv(List.of("run", "x")) : Cmd.line("run x")));
                case 9 -> out.add(c.withExtension("x-meta", JsonNodeFactory.instance.objectNode().put("a", 9).put("b", "w")));
                default -> out.add(c);
            }
        }
        for (Container c : Cccf.random(r.nextInt(5), seed + 1_000_000)) {
            out.add(c.withId("new-" + c.id()));
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    private static Set<Map<String, Object>> forms(List<Container> containers, List<Container> wanted) {
        Set<String> hostless = new HashSet<>();
        wanted.stream().filter(w -> w.host() == null).forEach(w -> hostless.add(w.name()));
        return containers.stream()
                .map(c -> config(c, Set.of(), hostless.contains(c.name())))
                .collect(Collectors.toSet());
    }

    /**
     * What the diff compares, found by another route than {@link Diff#canonicalForm}: the written
     * JSON read back as maps (whose equality ignores key order), the name for the id, the set-like
     * lists as sets, without scale, the ignored fields and (when asked) the host.
     */
    private static Map<String, Object> config(Container c, Set<String> ignore, boolean ignoreHost) {
        Map<String, Object> m;
        try {
            m = MAPPER.readValue(Cccf.toJson(c), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.put("id", c.name());
        m.remove("scale");
        if (ignoreHost) {
            m.remove("host");
        }
        m.keySet().removeAll(ignore);
        for (String field : List.of("env", "ports", "volumes", "expose", "links")) {
            if (m.get(field) instanceof List<?> list) {
                m.put(field, new HashSet<>(list));
            }
        }
        return m;
    }

    private static Set<String> ids(List<Container> containers) {
        return containers.stream().map(Container::name).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aDocumentAgainstItselfKeepsEverything(long seed) {
        List<Container> x = document(seed);
        DiffResult d = Diff.between(x, x);
        assertThat(d.keep()).isEqualTo(x);
        assertThat(d.add()).isEmpty();
        assertThat(d.remove()).isEmpty();
        assertThat(d.changed()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void keepAndAddMakeTheWantedSetAndKeepAndRemoveTheCurrentSet(long seed) {
        List<Container> current = document(seed);
        List<Container> wanted = edited(current, seed);
        DiffResult d = Diff.between(current, wanted);

        List<Container> keptAndAdded = new ArrayList<>(d.keep());
        keptAndAdded.addAll(d.add());
        assertThat(keptAndAdded).hasSize(wanted.size());
        assertThat(ids(keptAndAdded)).isEqualTo(ids(wanted));
        assertThat(forms(keptAndAdded, wanted)).isEqualTo(forms(wanted, wanted));

        List<Container> keptAndRemoved = new ArrayList<>(d.keep());
        keptAndRemoved.addAll(d.remove());
        assertThat(keptAndRemoved).containsExactlyInAnyOrderElementsOf(current);

        assertThat(d.changed()).extracting(Change::id)
                .containsExactlyInAnyOrderElementsOf(ids(d.add()).stream().filter(ids(d.remove())::contains).toList());
        assertThat(d.changed()).allSatisfy(c -> assertThat(c.fields()).isNotEmpty());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shufflingPropertiesAndListsChangesNothing(long seed) {
        List<Container> current = document(seed);
        List<Container> wanted = edited(current, seed);
        DiffResult d = Diff.between(current, wanted);
        DiffResult shuffled = Diff.between(shuffle(current, seed), shuffle(wanted, seed + 1));
        assertThat(ids(shuffled.keep())).isEqualTo(ids(d.keep()));
        assertThat(ids(shuffled.add())).isEqualTo(ids(d.add()));
        assertThat(ids(shuffled.remove())).isEqualTo(ids(d.remove()));
        assertThat(shuffled.changed()).extracting(Change::id).containsExactlyInAnyOrderElementsOf(
                d.changed().stream().map(Change::id).toList());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void scaleNeverMatters(long seed) {
        List<Container> x = document(seed);
        List<Container> rescaled = x.stream().map(c -> c.withScale(c.scale() == null ? 2 : null)).toList();
        assertThat(Diff.between(x, rescaled).keep()).isEqualTo(x);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theFastComparisonAndTheCanonicalFormsAgreeWithAnIndependentComparison(long seed) {
        List<Container> current = document(seed);
        List<Container> wanted = shuffle(edited(current, seed), seed);
        Map<String, Container> byName = new HashMap<>();
        current.forEach(c -> byName.put(c.name(), c));
        List<Set<String>> ignores = List.of(Set.of(), Set.of("image"), Set.of("env", "x-meta"), Set.of("host"));
        for (Container w : wanted) {
            Container c = byName.getOrDefault(w.name(), w.withImage("other"));
            for (Set<String> ignore : ignores) {
                for (boolean ignoreHost : List.of(true, false)) {
                    boolean same = config(c, ignore, ignoreHost).equals(config(w, ignore, ignoreHost));
                    assertThat(Diff.sameConfig(c, w, ignore, ignoreHost)).as(w.id() + " " + ignore).isEqualTo(same);
                    assertThat(CccfWriter.canonical(Diff.canonicalForm(c, ignore, ignoreHost))
                            .equals(CccfWriter.canonical(Diff.canonicalForm(w, ignore, ignoreHost))))
                            .as("canonical forms of " + w.id() + " " + ignore).isEqualTo(same);
                }
            }
        }
    }

    /** The containers in another order, each with its set-like lists and extension keys reordered. */
    private static List<Container> shuffle(List<Container> containers, long seed) {
        Random r = new Random(seed);
        List<Container> out = new ArrayList<>();
        for (Container c : containers) {
            Container.Builder b = c.toBuilder().env(shuffled(c.env(), r)).ports(shuffled(c.ports(), r))
                    .volumes(shuffled(c.volumes(), r));
            c.extension("x-meta").ifPresent(m -> b.extension("x-meta", reversed((ObjectNode) m)));
            out.add(b.build());
        }
        Collections.shuffle(out, r);
        return out;
    }

    private static List<String> shuffled(List<String> list, Random r) {
        List<String> copy = new ArrayList<>(list);
        Collections.shuffle(copy, r);
        return copy;
    }

    private static JsonNode reversed(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        names.forEach(n -> out.set(n, o.get(n).isInt() ? IntNode.valueOf(o.get(n).intValue()) : o.get(n)));
        return out;
    }
}
