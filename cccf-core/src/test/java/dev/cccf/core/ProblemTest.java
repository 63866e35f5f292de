package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void aLocatedErrorPrintsAsEveryReaderHasAlwaysPrintedIt() {
        Problem p = new Problem(new Location("app.json", 2, 5), "$[1].ports[0]", "port-format", "port \"80\" is bad");

        assertThat(p.format()).isEqualTo("app.json:2:5: $[1].ports[0]: [port-format] port \"80\" is bad");
        assertThat(p.isError()).isTrue();
    }

    @Test
    void aWarningSaysSoBeforeItsCode() {
        Problem p = Problem.warning(new Location("app.json", 3, 1), "$[0].logging", "unknown-field", "left out");

        assertThat(p.format()).isEqualTo("app.json:3:1: $[0].logging: warning: [unknown-field] left out");
        assertThat(p.isError()).isFalse();
    }

    @Test
    void aProblemWithoutLocationStartsWithItsPath() {
        assertThat(Problem.error("web.host", "unknown-host", "no such host").format())
                .isEqualTo("web.host: [unknown-host] no such host");
        assertThat(Problem.warning("web.links[0]", "missing-dependency", "gone").format())
                .isEqualTo("web.links[0]: warning: [missing-dependency] gone");
    }

    @Test
    void aProblemAboutNoValueIsJustItsCodeAndMessage() {
        assertThat(Problem.warning("", "recheck-failed", "could not check the engines").format())
                .isEqualTo("warning: [recheck-failed] could not check the engines");
    }

    @Test
    void placingAProblemKeepsItsSeverityCodeAndMessage() {
        Problem placed = Problem.warning("web.host", "c", "m").at(new Location("f.json", 1, 9), "$[0].host");

        assertThat(placed.format()).isEqualTo("f.json:1:9: $[0].host: warning: [c] m");
        assertThat(placed.withSeverity(Problem.Severity.ERROR).format()).isEqualTo("f.json:1:9: $[0].host: [c] m");
    }

    @Test
    void sourceOrderPutsLocatedProblemsFirstThenTheOthersByPath() {
        Problem late = new Problem(new Location("a.json", 9, 1), "$[1]", "x", "m");
        Problem early = new Problem(new Location("a.json", 2, 3), "$[0]", "x", "m");
        Problem web = Problem.error("web.host", "x", "m");
        Problem db = Problem.error("db.host", "x", "m");

        assertThat(Stream.of(web, late, db, early).sorted(Problem.BY_LOCATION).toList())
                .isEqualTo(List.of(early, late, db, web));
    }
}
