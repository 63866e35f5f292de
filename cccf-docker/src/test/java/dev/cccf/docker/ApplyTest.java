package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.Dependencies;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.hosts.Host;
import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.docker.cli.PlanTool;
import dev.cccf.host.Strategy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * APP through Apply.run from nothing and back to nothing, one step at a time and four at once:
     * what a container links to or depends on is started before it, and removed after it (a
     * removal is one step, stop then remove).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aContainerStartsAfterAndIsRemovedBeforeWhatItNeeds(int parallel) {
        MemoryEngine engine = new MemoryEngine();
        List<Host> hosts = List.of(Host.of("h1"));
        Converge.Result up = Converge.plan(APP, List.of(), hosts, Strategy.spread(), "app");
        Apply.Report created = Apply.run(up, Map.of("h1", engine), parallel, 1, "app", line -> { });
        List<String> ups = List.copyOf(engine.calls);
        engine.calls.clear();
        List<Converge.Observed> running = up.create().stream().map(c -> new Converge.Observed(c, true, "app")).toList();
        Converge.Result down = Converge.plan(List.of(), running, hosts, Strategy.spread(), "app");
        Apply.Report removed = Apply.run(down, Map.of("h1", engine), parallel, 1, "app", line -> { });
        List<String> downs = List.copyOf(engine.calls);

        assertThat(created.failed()).isEmpty();
        assertThat(ids(up.create())).containsExactlyInAnyOrder("proxy", "web", "alone", "cache", "db");
        assertThat(removed.failed()).isEmpty();
        assertThat(removed.removed()).hasSize(5);
        assertThat(engine.containers).isEmpty();
        for (String[] needs : new String[][] {{"proxy", "web"}, {"web", "db"}, {"web", "cache"}}) {
            assertThat(ups.indexOf("start " + needs[1])).as("%s started before %s: %s", needs[1], needs[0], ups)
                    .isNotNegative().isLessThan(ups.indexOf("start " + needs[0]));
            assertThat(downs.indexOf("remove " + needs[0])).as("%s removed before %s is stopped: %s", needs[0], needs[1], downs)
                    .isNotNegative().isLessThan(downs.indexOf("stop " + needs[1]));
        }
    }

    private static final List<Container> WEB = Cccf.parse("""
            {"id": "web", "image": "nginx", "env": ["MODE=prod"]}""").containers();

    /** Applies WEB on one empty host "h1" of {@code engine}, as project "app". */
    private static Apply.Report applyWeb(MemoryEngine engine) {
        Converge.Result plan = Converge.plan(WEB, List.of(), List.of(Host.of("h1")), Strategy.spread(), "app");
        return Apply.run(plan, Map.of("h1", engine), 2, 1, "app", line -> { });
    }

    @Test
    void containersAreCreatedAfterWhatTheyLinkToAndDependOnAndOtherwiseInTheirOrder() {
        MemoryEngine engine = new MemoryEngine();
        Converge.Result plan = Converge.plan(APP, List.of(), List.of(Host.of("h1")), Strategy.spread(), "app");

        Apply.Report r = Apply.run(plan, Map.of("h1", engine), 1, 1, "app", line -> { });

        assertThat(r.failed()).isEmpty();
        assertThat(engine.calls).filteredOn(c -> c.startsWith("create "))
                .containsExactly("create alone", "create cache", "create db", "create web", "create proxy");
    }

    @Test
    void aContainerIsRemovedOnlyAfterTheContainersThatDependOnIt() {
        List<Container> running = APP.stream().map(c -> c.withHost("h1")).toList();
        MemoryEngine engine = new MemoryEngine();
        Converge.Result plan = Converge.plan(List.of(), Converge.Observed.allManaged(running), List.of(Host.of("h1")),
                Strategy.spread(), "app");

        Apply.Report r = Apply.run(plan, Map.of("h1", engine), 2, 1, "app", line -> { });

        assertThat(r.failed()).isEmpty();
        List<String> stops = engine.calls.stream().filter(c -> c.startsWith("stop ")).map(c -> c.substring(5)).toList();
        assertThat(stops).containsExactlyInAnyOrder("proxy", "web", "alone", "cache", "db");
        assertThat(stops.indexOf("proxy")).isLessThan(stops.indexOf("web"));
        assertThat(stops.indexOf("web")).isLessThan(stops.indexOf("db"));
        assertThat(stops.indexOf("web")).isLessThan(stops.indexOf("cache"));
    }

    @Test
    void aDependencyCycleIsRefusedBeforeAnyStep() {
        List<Container> cycle = Cccf.parse("""
                [{"id": "c", "image": "x"}, {"id": "a", "image": "x", "links": ["b"]}, {"id": "b", "image": "x", "depends_on": ["a"]}]
                """).containers();
        MemoryEngine engine = new MemoryEngine();
        Converge.Result plan = Converge.plan(cycle, List.of(), List.of(Host.of("h1")), Strategy.spread(), "app");

        assertThatThrownBy(() -> Apply.run(plan, Map.of("h1", engine), 2, 1, "app", line -> { }))
                .isInstanceOf(Dependencies.CycleException.class)
                .hasMessage("a.links[0]: dependency cycle: a -> b -> a (links and depends_on)");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void planAndApplyRefuseADependencyCycleWithTheSameLineAndExitCode(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "a", "image": "x", "links": ["b"]}, {"id": "b", "image": "x", "depends_on": ["a"]}]""");
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "h1", "docker": "unix:///memory.sock"}]""");
        MemoryEngine engine = new MemoryEngine();
        ByteArrayOutputStream planErr = new ByteArrayOutputStream();
        ByteArrayOutputStream applyErr = new ByteArrayOutputStream();

        int plan = new PlanTool(streams(planErr)).execute(wanted.toString(), "--hosts", hosts.toString());
        int apply = new ApplyTool(streams(applyErr), url -> engine).execute(wanted.toString(), "--hosts", hosts.toString());

        String line = wanted + ":1:2: $[0].links[0]: [dependency-cycle] dependency cycle: a -> b -> a (links and depends_on)\n";
        assertThat(plan).isEqualTo(1);
        assertThat(apply).isEqualTo(1);
        assertThat(planErr.toString(StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(applyErr.toString(StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aCycleThroughAStoppedContainerAndANewOneIsRefusedByPlanAndApplyAlike(@TempDir Path dir) throws Exception {
        String wantedJson = """
                [{"id": "a", "image": "x", "links": ["b"]}, {"id": "b", "image": "x", "depends_on": ["a"]}]""";
        String currentJson = """
                [{"id": "a", "image": "x", "links": ["b"], "host": "h1", "state": "exited"}]""";
        Path wanted = Files.writeString(dir.resolve("wanted.json"), wantedJson);
        Path current = Files.writeString(dir.resolve("current.json"), currentJson);
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "h1", "docker": "unix:///memory.sock"}]""");
        Converge.Result result = Converge.plan(Cccf.parse(wantedJson).containers(),
                Converge.Observed.allManaged(Cccf.parse(currentJson).containers()), List.of(Host.of("h1")), Strategy.spread(), "app");
        ByteArrayOutputStream planErr = new ByteArrayOutputStream();

        int plan = new PlanTool(streams(planErr)).execute(wanted.toString(), "--hosts", hosts.toString(), "--current",
                current.toString());

        assertThat(result.start()).extracting(Container::id).containsExactly("a");
        assertThat(result.create()).extracting(Container::id).containsExactly("b");
        assertThatThrownBy(() -> Apply.checkOrder(result)).isInstanceOf(Dependencies.CycleException.class)
                .hasMessage("a.links[0]: dependency cycle: a -> b -> a (links and depends_on)");
        assertThat(plan).isEqualTo(1);
        assertThat(planErr.toString(StandardCharsets.UTF_8))
                .isEqualTo(wanted + ":1:2: $[0].links[0]: [dependency-cycle] dependency cycle: a -> b -> a (links and depends_on)\n");
    }

    private static Tool.Streams streams(ByteArrayOutputStream err) {
        return new Tool.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void aContainerThatAnotherApplyCreatedAtTheSameTimeIsStartedNotReported() {
        MemoryEngine engine = new MemoryEngine();
        engine.made("web", CccfLabels.labelsFor(WEB.get(0), "app")); // between this apply's inspect and its create

        Apply.Report r = applyWeb(engine);

        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::format).containsExactly("web: warning: [concurrent-apply] web on h1 was"
                + " created at the same time by another apply (same config, project app): started, not created again");
        assertThat(engine.calls).containsExactly("create web", "start web");
        assertThat(engine.containers.get("web").path("State").path("Status").asText()).isEqualTo("running");
    }

    @Test
    void aNameTakenByAnotherConfigAnotherProjectOrAContainerCccfDidNotMakeStillFails() {
        Container other = WEB.get(0).withImage("nginx:2");
        for (Map<String, String> labels : List.of(CccfLabels.labelsFor(other, "app"), CccfLabels.labelsFor(WEB.get(0), "shop"),
                Map.of("team", "web"))) {
            MemoryEngine engine = new MemoryEngine();
            engine.made("web", labels);

            Apply.Report r = applyWeb(engine);

            assertThat(r.failed()).as(labels.toString()).singleElement()
                    .satisfies(f -> assertThat(f.error()).isEqualTo("the name web is taken on the engine: Conflict"));
            assertThat(engine.calls).containsExactly("create web");
            Map<String, String> there = new LinkedHashMap<>();
            engine.containers.get("web").path("Config").path("Labels").properties().forEach(e -> there.put(e.getKey(), e.getValue().asText()));
            assertThat(there).as("left as it was").isEqualTo(labels);
            assertThat(engine.containers.get("web").path("State").path("Status").asText()).isEqualTo("created");
        }
    }

    @Test
    void aCreateThatFailsForAnotherReasonIsReportedAsItWas() {
        MemoryEngine engine = new MemoryEngine() {
            @Override
            public synchronized void create(String name, JsonNode body) {
                throw new EngineException("create web: the engine answered 400 invalid mount config for type \"bind\"");
            }
        };

        Apply.Report r = applyWeb(engine);

        assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f.error())
                .isEqualTo("create web: the engine answered 400 invalid mount config for type \"bind\""));
        assertThat(r.warnings()).isEmpty();
    }

    /** An engine on which a start of the containers in {@code stuck} fails as after a dockerd killed mid-start. */
    static final class StuckEngine extends MemoryEngine {
        final Set<String> stuck = new HashSet<>();

        @Override
        public synchronized void start(String name) {
            if (stuck.contains(name)) {
                calls.add("start " + name);
                throw new EngineException("start " + name + ": the engine answered 500 task 518a9ad8: already exists");
            }
            super.start(name);
        }

        @Override
        public void remove(String name) {
            stuck.remove(name);
            super.remove(name);
        }
    }

    /** Applies WEB on h1 of {@code engine}, where web exists in {@code state}. */
    private static Apply.Report applyWebOver(MemoryEngine engine, String state) {
        Container observed = WEB.get(0).toBuilder().host("h1")
                .extension(DockerFields.STATE, TextNode.valueOf(state)).build();
        engine.made("web", CccfLabels.labelsFor(WEB.get(0), "app"));
        Converge.Result plan = Converge.plan(WEB, List.of(new Converge.Observed(observed, true, "app")), List.of(Host.of("h1")),
                Strategy.spread(), "app");
        assertThat(plan.start()).extracting(Container::id).containsExactly("web");
        return Apply.run(plan, Map.of("h1", engine), 2, 1, "app", line -> { });
    }

    @Test
    void aCreatedContainerThatCannotStartIsMadeAgain() { // found by ApplyKillTrialsTest: a start cut short by a kill
        StuckEngine engine = new StuckEngine();
        engine.stuck.add("web");

        Apply.Report r = applyWebOver(engine, "created");

        assertThat(r.failed()).isEmpty();
        assertThat(r.started()).extracting(Apply.Ref::id).containsExactly("web");
        assertThat(engine.calls).containsExactly("start web", "remove web", "create web", "start web");
        assertThat(r.warnings()).extracting(Problem::format).containsExactly("web: warning: [made-again] web on h1 was created"
                + " but could not start (start web: the engine answered 500 task 518a9ad8: already exists): made again");
        assertThat(engine.containers.get("web").path("Config").path("Labels").path(CccfLabels.HASH).asText())
                .isEqualTo(CccfLabels.labelsFor(WEB.get(0), "app").get(CccfLabels.HASH));
    }

    @Test
    void anExitedContainerThatCannotStartIsReportedNotRemoved() { // it may hold data in its own file system
        StuckEngine engine = new StuckEngine();
        engine.stuck.add("web");

        Apply.Report r = applyWebOver(engine, "exited");

        assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f.error()).endsWith("already exists"));
        assertThat(engine.calls).containsExactly("start web");
    }
}
