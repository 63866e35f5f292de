package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.host.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan told per container, for people and as JSON: actions, hosts, reasons, counts, masked secrets. */
class PlanReportTest {
    private static List<Container> parse(String json) {
        return Cccf.parse(json).containers();
    }

    private static PlanReport report(String wanted, String running) {
        List<Converge.Observed> observed = parse(running).stream().map(c -> new Converge.Observed(c, true, "app")).toList();
        return PlanReport.of(Converge.plan(parse(wanted), observed, List.of(Host.of("h1"), Host.of("h2")), Strategy.spread(), "app"));
    }

    private static final String RUNNING = """
            [{"id": "web", "image": "w:1", "env": ["MODE=prod", "DB_PASSWORD=old-secret"], "host": "h1"},
             {"id": "old", "image": "o:1", "host": "h2"},
             {"id": "cron", "image": "c:1", "host": "h2", "state": "exited"},
             {"id": "db", "image": "d:1", "host": "h1"}]""";
    private static final String WANTED = """
            [{"id": "web", "image": "w:2", "env": ["MODE=prod", "DB_PASSWORD=new-secret"]},
             {"id": "cron", "image": "c:1"},
             {"id": "db", "image": "d:1"},
             {"id": "api", "image": "a:1", "cmd": "serve --password=hunter2 --token abc", "labels": {"api_key": "k-123", "team": "x"}}]""";

    @Test
    void eachContainerGetsItsActionHostAndWhyThenTheCounts() {
        PlanReport r = report(WANTED, RUNNING);

        assertThat(r.summary()).isEqualTo("1 to add, 1 to change, 1 to replace, 1 to remove");
        assertThat(r.toText(true)).isEqualTo("""
                + api    on h2
                ~ cron   on h2  (state: exited -> running)
                - old    on h2  (not in WANTED)
                -/+ web  on h1  (forces replacement)
                      image: "w:1" -> "w:2"
                      env: + DB_PASSWORD=***
                      env: - DB_PASSWORD=***

                Plan: 1 to add, 1 to change, 1 to replace, 1 to remove.
                """);
    }

    @Test
    void secretsAreShownOnlyWhenAskedFor() {
        Container old = parse("""
                {"id": "api", "image": "a:1", "cmd": "serve --password=old --token xyz", "labels": {"api_key": "k-0"}, "host": "h1"}""")
                .get(0);
        List<Converge.Observed> observed = List.of(new Converge.Observed(old, true, "app"));
        PlanReport r = PlanReport.of(Converge.plan(parse(WANTED).subList(3, 4), observed, List.of(Host.of("h1")), Strategy.spread(),
                "app"));

        assertThat(r.toText(true)).contains("cmd: \"serve --password=*** --token ***\" -> \"serve --password=*** --token ***\"")
                .contains("labels: {\"api_key\":\"***\"} -> {\"api_key\":\"***\",\"team\":\"x\"}")
                .doesNotContain("hunter2").doesNotContain("k-123").doesNotContain("abc");
        assertThat(r.toText(false)).contains("--password=hunter2 --token abc").contains("k-123");
        assertThat(r.toTree(true).toString()).doesNotContain("hunter2").doesNotContain("k-123");
    }

    @Test
    void theJsonDocumentIsVersionedAndCarriesActionsReasonsAndImages() {
        PlanReport r = report(WANTED, RUNNING);

        var tree = r.toTree(true);

        assertThat(tree.path("format_version").asText()).isEqualTo(PlanReport.FORMAT_VERSION);
        assertThat(tree.path("summary").toString()).isEqualTo("{\"add\":1,\"change\":1,\"replace\":1,\"remove\":1,\"keep\":1}");
        assertThat(tree.path("actions").findValuesAsText("action")).containsExactly("add", "change", "remove", "replace");
        assertThat(tree.path("actions").get(3).path("reasons").toString()).isEqualTo("[\"forces replacement\"]");
        assertThat(tree.path("actions").get(3).path("changes").path("image").path("to")).isEqualTo(TextNode.valueOf("w:2"));
        assertThat(tree.path("images").toString())
                .isEqualTo("[{\"host\":\"h1\",\"image\":\"w:2\",\"pull\":false},{\"host\":\"h2\",\"image\":\"a:1\",\"pull\":false}]");
    }

    @Test
    void nothingToDoSaysSo() {
        PlanReport r = report("""
                [{"id": "db", "image": "d:1"}]""", """
                [{"id": "db", "image": "d:1", "host": "h1"}]""");

        assertThat(r.isEmpty()).isTrue();
        assertThat(r.toText(true)).isEqualTo("No changes: 1 container(s) as wanted.\n");
    }
}
