package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyTest {
    private static final List<Container> APP = Cccf.parse("""
            [{"id": "proxy", "image": "p", "links": ["web"]},
             {"id": "web", "image": "w", "links": ["db:database"], "depends_on": ["cache"]},
             {"id": "alone", "image": "a"},
             {"id": "cache", "image": "c"},
             {"id": "db", "image": "d"}]
            """).containers();

    static List<String> ids(List<Container> cs) {
        return cs.stream().map(Container::id).toList();
    }

    @Test
    void containersStartAfterWhatTheyLinkToAndDependOnAndOtherwiseKeepTheirOrder() {
        assertThat(ids(Apply.order(APP, false))).containsExactly("alone", "cache", "db", "web", "proxy");
    }

    @Test
    void removalsGoTheOtherWay() {
        assertThat(ids(Apply.order(APP, true))).containsExactly("proxy", "web", "alone", "cache", "db");
    }

    @Test
    void aCycleKeepsItsInputOrderInsteadOfHanging() {
        List<Container> cycle = Cccf.parse("""
                [{"id": "a", "image": "x", "links": ["b"]}, {"id": "b", "image": "x", "links": ["a"]}, {"id": "c", "image": "x"}]
                """).containers();

        assertThat(ids(Apply.order(cycle, false))).containsExactly("c", "a", "b");
    }

    @Test
    void dependenciesAreLinkTargetsAndDependsOn() {
        assertThat(Apply.dependencies(APP.get(1))).containsExactly("db", "cache");
    }
}
