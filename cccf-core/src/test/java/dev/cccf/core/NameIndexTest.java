package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NameIndexTest {

    @Test
    void numbersNamesInOrderAndFindsTheFirstOfEach() {
        NameIndex names = new NameIndex(0);
        assertThat(names.add("web")).isEqualTo(-1);
        assertThat(names.add("db")).isEqualTo(-1);
        assertThat(names.add("web")).isZero();
        assertThat(names.size()).isEqualTo(3);
        assertThat(names.find("web")).isZero();
        assertThat(names.find("db")).isOne();
        assertThat(names.find("cache")).isEqualTo(-1);
        assertThat(names.name(2)).isEqualTo("web");
    }

    @Test
    void agreesWithAHashMapOnManyLookalikeNamesWellPastItsFirstSize() {
        NameIndex names = new NameIndex(4);
        Map<String, Integer> first = new HashMap<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            String name = "web-" + r.nextInt(30_000) + (r.nextBoolean() ? "" : "Aa"); // "Aa" and "BB" share a hash
            Integer earlier = first.putIfAbsent(name, i);
            assertThat(names.add(name)).isEqualTo(earlier == null ? -1 : earlier);
        }
        for (int i = 0; i < 30_000; i++) {
            for (String name : new String[] {"web-" + i, "web-" + i + "Aa", "web-" + i + "BB"}) {
                assertThat(names.find(name)).isEqualTo(first.getOrDefault(name, -1));
            }
        }
    }
}
