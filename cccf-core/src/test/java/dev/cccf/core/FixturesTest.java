package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixturesTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, -7, Long.MAX_VALUE})
    void randomContainersAreValidUniqueAndTheSameForTheSameSeed(long seed) throws Exception {
        List<Container> a = Cccf.random(500, seed);
        assertThat(a).isEqualTo(Cccf.random(500, seed));
        assertThat(a).extracting(Container::id).doesNotHaveDuplicates();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(a, false, out, OutputFormat.COMPACT);
        assertThat(Cccf.parse(out.toString(StandardCharsets.UTF_8)).containers()).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void differentSeedsGiveDifferentContainers(long seed) {
        assertThat(Cccf.random(5, seed)).isNotEqualTo(Cccf.random(5, seed + 100));
    }
}
