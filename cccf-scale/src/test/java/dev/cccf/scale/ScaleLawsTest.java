package dev.cccf.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The laws of up and down, over random documents with scale (including 0) and host sprinkled in. */
class ScaleLawsTest {

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** Random containers; about a third get a scale in 0-4, some get a host. */
    static List<Container> document(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Container> out = new ArrayList<>();
        for (Container c : Cccf.random(r.nextInt(30), seed)) {
            Container.Builder b = c.toBuilder();
            if (r.nextInt(3) == 0) {
                b.scale(r.nextInt(5));
            }
            if (r.nextInt(4) == 0) {
                b.host("h" + r.nextInt(3));
            }
            out.add(b.build());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void downOfUpGivesBackTheDocumentWithoutItsScaleZeroContainers(long seed) {
        List<Container> x = document(seed);
        List<Container> expected = x.stream().filter(c -> !Integer.valueOf(0).equals(c.scale())).toList();
        assertThat(Scale.down(Scale.up(x))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void downOfUpIsTheIdentityWhenNoScaleIsZero(long seed) {
        List<Container> x = document(seed).stream()
                .map(c -> Integer.valueOf(0).equals(c.scale()) ? c.withScale(2) : c).toList();
        assertThat(Scale.down(Scale.up(x))).isEqualTo(x);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void upOfDownOfUpIsUp(long seed) {
        List<Container> up = Scale.up(document(seed));
        assertThat(Scale.up(Scale.down(up))).isEqualTo(up);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void upOfUpIsUp(long seed) {
        List<Container> up = Scale.up(document(seed));
        assertThat(Scale.up(up)).isEqualTo(up);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void upMakesAsManyContainersAsTheScalesSayWithUniqueIds(long seed) {
        List<Container> x = document(seed);
        List<Container> up = Scale.up(x);
        assertThat(up).hasSize(x.stream().mapToInt(Scale::instances).sum());
        assertThat(up.stream().map(Container::id).distinct()).hasSize(up.size());
    }
}
