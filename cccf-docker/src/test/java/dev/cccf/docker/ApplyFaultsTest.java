package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.hosts.Host;
import dev.cccf.docker.Apply.Failure;
import dev.cccf.docker.Apply.Ref;
import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.host.Strategy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply's failure paths, on {@link MemoryEngine} scripted to fail: what apply reports (created,
 * removed, failed and their messages, warnings), which steps it attempts on the engine and in
 * which order, and the exit code of {@code cccf apply}. Every expectation is written out here.
 */
class ApplyFaultsTest {
    /** proxy needs web, web needs db; alone needs nothing. */
    private static final String APP_JSON = """
            [{"id": "proxy", "image": "p", "links": ["web"]},
             {"id": "web", "image": "w", "links": ["db:database"]},
             {"id": "db", "image": "d"},
             {"id": "alone", "image": "a"}]""";
    private static final List<Container> APP = Cccf.parse(APP_JSON).containers();
    /** Replaced stop-first, the path these faults meet: StartFirstTest has the start-first ones. */
    private static final Container WEB = Cccf.parse("""
            {"id": "web", "image": "nginx:2", "env": ["MODE=prod"], "update_order": "stop-first"}""").containers().get(0);
    private static final Container OLD_WEB = WEB.withImage("nginx:1");

    private static Converge.Result plan(List<Container> wanted, List<Container> running) {
        List<Converge.Observed> observed = running.stream().map(c -> new Converge.Observed(c.withHost("h1"), true, "app")).toList();
        return Converge.plan(wanted, observed, List.of(Host.of("h1")), Strategy.spread(), "app");
    }

    private static Apply.Report run(Converge.Result plan, MemoryEngine engine) {
        return Apply.run(plan, Map.of("h1", engine), 1, 1, "app", line -> { });
    }

    private static Ref ref(String id) {
        return new Ref(id, "h1");
    }

    private static Failure failure(String id, String error) {
        return new Failure(id, "h1", error);
    }

    // a dependant not started because its dependency failed

    @Test
    void whatNeedsAContainerThatFailedIsNotCreatedAndSaysWhichDependencyFailed() {
        MemoryEngine engine = new MemoryEngine().fails("create db", "create db: the engine answered 500 no space left on device");

        Apply.Report r = run(plan(APP, List.of()), engine);

        assertThat(r.created()).containsExactly(ref("alone"));
        assertThat(r.failed()).containsExactly(
                failure("db", "create db: the engine answered 500 no space left on device"),
                failure("proxy", "not started: it needs web, which failed"),
                failure("web", "not started: it needs db, which failed"));
        assertThat(engine.calls).containsExactly("create db", "create alone", "start alone");
        assertThat(engine.containers).containsOnlyKeys("alone");
        // a refused create that is no 409 (name taken) is not looked into: no wait for another apply's container
        assertThat(engine.inspections("db")).isZero();
    }

    @Test
    void applyExitsThreeWithTheFailuresInItsSummaryAndStopsOnceOnlyWhatFailedIsLeft(@TempDir Path dir) throws Exception {
        MemoryEngine engine = new MemoryEngine().fails("create db", "create db: the engine answered 500 no space left on device");

        Cli cli = Cli.apply(dir, APP_JSON, engine);

        assertThat(cli.exit).isEqualTo(3);
        assertThat(cli.out).isEqualTo("""
                {"created":[{"id":"alone","host":"h1"}],"started":[],"removed":[],"unchanged":0,"foreign":[],"warnings":[],\
                "failed":[{"id":"db","host":"h1","error":"create db: the engine answered 500 no space left on device"},\
                {"id":"proxy","host":"h1","error":"not started: it needs web, which failed"},\
                {"id":"web","host":"h1","error":"not started: it needs db, which failed"}],"others":{"h1":0}}
                """);
        assertThat(cli.errLines()).filteredOn(l -> l.contains("failed") && !l.contains(" created, ")).containsExactly(
                "cccf apply: h1: db failed: create db: the engine answered 500 no space left on device",
                "cccf apply: h1: web failed: not started: it needs db, which failed",
                "cccf apply: h1: proxy failed: not started: it needs web, which failed",
                "cccf apply: 3 step(s) failed; run apply again once fixed");
        // the check after the run finds db, web and proxy still to do: what just failed, so no second run
        assertThat(engine.calls).containsExactly("create db", "create alone", "start alone");
    }

    // a replacement whose old container cannot be removed

    @Test
    void aReplacementWhoseOldContainerCannotBeRemovedIsNotCreatedNorIsWhatLinksToIt() {
        Container proxy = Cccf.parse("""
                {"id": "proxy", "image": "p", "links": ["web"], "update_order": "stop-first"}""").containers().get(0);
        MemoryEngine engine = new MemoryEngine().runs(OLD_WEB, "app").runs(proxy, "app")
                .fails("remove web", "remove web: the engine answered 500 device or resource busy");

        Apply.Report r = run(plan(List.of(WEB, proxy), List.of(OLD_WEB, proxy)), engine);

        assertThat(r.removed()).containsExactly(ref("proxy"));
        assertThat(r.created()).isEmpty();
        assertThat(r.failed()).containsExactly(
                failure("proxy", "not started: it needs web, which failed"),
                failure("web", "remove web: the engine answered 500 device or resource busy"),
                failure("web", "not replaced: its old container could not be removed"));
        assertThat(engine.calls).containsExactly("stop proxy", "remove proxy", "stop web", "remove web");
        assertThat(engine.state("web")).isEqualTo("exited");
        assertThat(engine.labels("web")).isEqualTo(CccfLabels.labelsFor(OLD_WEB, "app"));
    }

    @Test
    void aRemovalThatFailsIsReportedAtOnceWhenTheContainerIsNotBeingRemovedByAnother() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WEB, "app")
                .fails("remove web", "remove web: the engine answered 500 device or resource busy");

        Apply.Report r = run(plan(List.of(), List.of(OLD_WEB)), engine);

        assertThat(r.removed()).isEmpty();
        assertThat(r.failed()).containsExactly(failure("web", "remove web: the engine answered 500 device or resource busy"));
        // once, to see it is still the container planned: a refusal that is no 409 is not waited on
        assertThat(engine.inspections("web")).isEqualTo(1);
    }

    // a container changed by someone else between plan and step

    @Test
    void aContainerAnotherApplyMadeAgainAsWantedIsLeftAloneAndTakenAsDone() {
        MemoryEngine engine = new MemoryEngine();
        Converge.Result plan = plan(List.of(WEB), List.of(OLD_WEB)); // planned while nginx:1 ran
        engine.made("web", CccfLabels.labelsFor(WEB, "app"));       // meanwhile the other apply replaced it

        Apply.Report r = run(plan, engine);

        assertThat(r.failed()).isEmpty();
        assertThat(r.removed()).isEmpty();
        assertThat(r.created()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::format).containsExactly(
                "web: warning: [concurrent-apply] web on h1 was made again by another apply at the same time: left alone",
                "web: warning: [concurrent-apply] web on h1 was created at the same time by another apply (same config,"
                        + " project app): started, not created again");
        assertThat(engine.calls).containsExactly("create web", "start web");
        assertThat(engine.state("web")).isEqualTo("running");
    }

    @Test
    void aContainerSomeoneMadeByHandSinceThePlanIsNeitherRemovedNorReplaced() {
        MemoryEngine engine = new MemoryEngine();
        Converge.Result plan = plan(List.of(WEB), List.of(OLD_WEB));
        engine.made("web", Map.of("team", "web"));                  // meanwhile made by hand, under that name

        Apply.Report r = run(plan, engine);

        assertThat(r.removed()).isEmpty();
        assertThat(r.created()).isEmpty();
        assertThat(r.failed()).containsExactly(failure("web", "the name web is taken on the engine: Conflict"));
        assertThat(r.warnings()).extracting(Problem::format)
                .containsExactly("web: warning: [concurrent-apply] web on h1 was made again by another apply at the same time: left alone");
        assertThat(engine.calls).containsExactly("create web");
        assertThat(engine.labels("web")).isEqualTo(Map.of("team", "web"));
        assertThat(engine.state("web")).isEqualTo("created");
    }

    @Test
    void aStoppedContainerSomeoneReplacedByHandSinceThePlanIsNotStarted() {
        Container stopped = WEB.toBuilder().host("h1").extension(DockerFields.STATE, TextNode.valueOf("exited")).build();
        Converge.Result plan = Converge.plan(List.of(WEB), List.of(new Converge.Observed(stopped, true, "app")),
                List.of(Host.of("h1")), Strategy.spread(), "app");
        MemoryEngine engine = new MemoryEngine().made("web", Map.of("team", "web")); // meanwhile made by hand, under that name

        Apply.Report r = run(plan, engine);

        assertThat(plan.start()).extracting(Container::id).containsExactly("web");
        assertThat(r.started()).isEmpty();
        assertThat(r.failed()).containsExactly(
                failure("web", "not started: the container of that name was changed since apply looked (left alone)"));
        assertThat(engine.calls).isEmpty();
        assertThat(engine.state("web")).isEqualTo("created");
    }

    // a removal already in progress

    @Test
    void aRemovalAlreadyInProgressIsWaitedForAndCountedAsDone() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WEB, "app").beingRemoved("web", 3);

        Apply.Report r = run(plan(List.of(), List.of(OLD_WEB)), engine);

        assertThat(r.failed()).isEmpty();
        assertThat(r.removed()).containsExactly(ref("web"));
        assertThat(engine.calls).containsExactly("stop web", "remove web");
        assertThat(engine.state("web")).isEqualTo("gone");
        assertThat(engine.inspections("web")).isEqualTo(4);
    }

    @Test
    void aReplacementWaitsForTheOtherRemovalThenCreatesTheNewContainer() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WEB, "app").beingRemoved("web", 1);

        Apply.Report r = run(plan(List.of(WEB), List.of(OLD_WEB)), engine);

        assertThat(r.failed()).isEmpty();
        assertThat(r.removed()).containsExactly(ref("web"));
        assertThat(r.created()).containsExactly(ref("web"));
        assertThat(engine.calls).containsExactly("stop web", "remove web", "create web", "start web");
        assertThat(engine.labels("web")).isEqualTo(CccfLabels.labelsFor(WEB, "app"));
    }

    // the retry loop of converge

    /** Apply.converge of {@code plan} with {@code replan} as the check, one step at a time. */
    private static Apply.Report converge(Converge.Result plan, Supplier<Converge.Result> replan, MemoryEngine engine) {
        return Apply.converge(plan, replan, Map.of("h1", engine), 1, 1, "app", line -> { });
    }

    @Test
    void convergeRunsAtMostThreeTimesWhileTheEnginesKeepChanging() {
        MemoryEngine engine = new MemoryEngine();
        AtomicInteger checks = new AtomicInteger();
        Supplier<Converge.Result> someoneRemovesWebEachTime = () -> {
            checks.incrementAndGet();
            engine.containers.remove("web");
            return plan(List.of(WEB), List.of());
        };

        Apply.Report r = converge(plan(List.of(WEB), List.of()), someoneRemovesWebEachTime, engine);

        assertThat(checks).hasValue(2);
        assertThat(engine.calls).containsExactly("create web", "start web", "create web", "start web", "create web", "start web");
        assertThat(r.created()).containsExactly(ref("web"), ref("web"), ref("web"));
        assertThat(r.failed()).isEmpty();
    }

    @Test
    void convergeStopsAfterTheFirstRunWhenOnlyWhatFailedIsLeft() {
        MemoryEngine engine = new MemoryEngine().fails("create web", "create web: the engine answered 500 no space left on device");
        AtomicInteger checks = new AtomicInteger();

        Apply.Report r = converge(plan(List.of(WEB), List.of()), () -> {
            checks.incrementAndGet();
            return plan(List.of(WEB), List.of());
        }, engine);

        assertThat(checks).hasValue(1);
        assertThat(engine.calls).containsExactly("create web");
        assertThat(r.failed()).containsExactly(failure("web", "create web: the engine answered 500 no space left on device"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aFailureTheCheckFindsDoneBecomesAWarning() {
        MemoryEngine engine = new MemoryEngine().failsOnce("create web", "create web: the engine answered 500 try again");

        Apply.Report r = converge(plan(List.of(WEB), List.of()), () -> {
            engine.runs(WEB, "app"); // another apply made it meanwhile
            return plan(List.of(WEB), List.of(WEB));
        }, engine);

        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).isEmpty();
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.warnings()).extracting(Problem::format).containsExactly("web: warning: [failed-once]"
                + " web on h1 failed (create web: the engine answered 500 try again), then was found done by another apply");
        assertThat(engine.calls).containsExactly("create web");
    }

    @Test
    void applyExitsZeroWhenWhatFailedIsFoundDoneByTheCheck(@TempDir Path dir) throws Exception {
        MemoryEngine engine = new MemoryEngine().failsOnce("create web", "create web: the engine answered 500 try again");
        // another apply made it before the check (list 1: cccf apply's look, for leftovers and its plan; 2: the check)
        engine.beforeList(2, () -> engine.runs(WEB, "app"));

        Cli cli = Cli.apply(dir, "[" + Cccf.canonical(WEB) + "]", engine);

        assertThat(cli.exit).isZero();
        assertThat(cli.out).isEqualTo("""
                {"created":[],"started":[],"removed":[],"unchanged":1,"foreign":[],\
                "warnings":["web on h1 failed (create web: the engine answered 500 try again), then was found done by another apply"],\
                "failed":[],"others":{"h1":0}}
                """);
        assertThat(engine.calls).containsExactly("create web");
    }

    @Test
    void oneListOfTheProjectServesTheSearchForLeftoversAndThePlan(@TempDir Path dir) throws Exception {
        MemoryEngine engine = new MemoryEngine().runs(WEB, "app");
        // list 1 is apply's only look before its plan: a second one would see this container appear
        engine.beforeList(2, () -> engine.runs(Container.builder("intruder", "busybox").build(), "app"));

        Cli cli = Cli.apply(dir, "[" + Cccf.canonical(WEB) + "]", engine);

        assertThat(cli.exit).isZero();
        assertThat(cli.out).contains("\"unchanged\":1").contains("\"removed\":[]");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aReplacementCutShortIsPutRightAndTheProjectLookedAtAgainBeforeThePlan(@TempDir Path dir) throws Exception {
        MemoryEngine engine = new MemoryEngine().runs(WEB, "app");
        engine.rename("web", "web" + StartFirst.OLD); // an apply was stopped after making way for the new one
        engine.calls.clear();

        Cli cli = Cli.apply(dir, "[" + Cccf.canonical(WEB) + "]", engine);

        assertThat(cli.exit).isZero();
        assertThat(engine.calls).containsExactly("rename web" + StartFirst.OLD + " web");
        assertThat(cli.out).contains("\"created\":[]").contains("\"unchanged\":1");
        assertThat(cli.err).contains("web-cccf-old on h1, left by an apply cut short, was renamed web");
    }

    @Test
    void aFailureLeftWithOtherWorkIsTriedAgainInTheNextRun() {
        Container db = Cccf.parse("""
                {"id": "db", "image": "d"}""").containers().get(0);
        MemoryEngine engine = new MemoryEngine().failsOnce("create web", "create web: the engine answered 500 try again");

        AtomicInteger checks = new AtomicInteger();

        Apply.Report r = converge(plan(List.of(db, WEB), List.of()), () -> {
            if (checks.incrementAndGet() == 1) {
                engine.containers.remove("db"); // removed by someone meanwhile: more to do than what failed
                return plan(List.of(db, WEB), List.of());
            }
            return plan(List.of(db, WEB), List.of(db, WEB));
        }, engine);

        assertThat(checks).hasValue(2);
        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).containsExactly(ref("db"), ref("db"), ref("web"));
        assertThat(r.unchanged()).isZero();
        assertThat(r.warnings()).extracting(Problem::format).containsExactly("web: warning: [failed-once]"
                + " web on h1 failed (create web: the engine answered 500 try again), then was tried again");
        assertThat(engine.calls).containsExactly("create db", "start db", "create web", "create db", "start db", "create web", "start web");
    }

    @Test
    void theFailuresStandWithAWarningWhenTheEnginesCannotBeCheckedAgain() {
        MemoryEngine engine = new MemoryEngine().fails("create web", "create web: the engine answered 500 no space left on device");
        Container db = Cccf.parse("""
                {"id": "db", "image": "d"}""").containers().get(0);

        Apply.Report r = converge(plan(List.of(db, WEB), List.of()), () -> {
            throw new Engine.EngineException("unreachable: Connection refused");
        }, engine);

        assertThat(r.created()).containsExactly(ref("db"));
        assertThat(r.failed()).containsExactly(failure("web", "create web: the engine answered 500 no space left on device"));
        assertThat(r.warnings()).extracting(Problem::format)
                .containsExactly("warning: [recheck-failed] could not check the engines after applying: unreachable: Connection refused");
    }

    // secrets in failure messages

    private static final String SECRET_JSON = """
            [{"id": "web", "image": "nginx", "env": ["DB_PASSWORD=hunter2", "MODE=prod"]}]""";
    private static final Container SECRET_WEB = Cccf.parse(SECRET_JSON).containers().get(0);

    @Test
    void anEngineErrorThatEchoesASecretEnvValueIsReportedMasked() {
        MemoryEngine engine = new MemoryEngine()
                .fails("create web", "create web: the engine answered 400 invalid environment [DB_PASSWORD=hunter2 MODE=prod]");

        Apply.Report r = run(plan(List.of(SECRET_WEB), List.of()), engine);

        assertThat(r.failed()).containsExactly(
                failure("web", "create web: the engine answered 400 invalid environment [DB_PASSWORD=*** MODE=prod]"));
    }

    @Test
    void applyPrintsNoSecretThatAnEngineErrorEchoes(@TempDir Path dir) throws Exception {
        MemoryEngine engine = new MemoryEngine()
                .fails("create web", "create web: the engine answered 400 bad config {\"Env\":[\"DB_PASSWORD=hunter2\"]} (hunter2)");

        Cli cli = Cli.apply(dir, SECRET_JSON, engine);

        assertThat(cli.exit).isEqualTo(3);
        assertThat(cli.out).contains("\"error\":\"create web: the engine answered 400 bad config {\\\"Env\\\":[\\\"DB_PASSWORD=***\\\"]} (***)\"")
                .doesNotContain("hunter2");
        assertThat(cli.err).contains("cccf apply: h1: web failed: create web: the engine answered 400 bad config"
                + " {\"Env\":[\"DB_PASSWORD=***\"]} (***)\n").doesNotContain("hunter2");
    }

    @Test
    void aContainerMadeAgainAfterAStartThatEchoedASecretWarnsMasked() {
        Container observed = SECRET_WEB.toBuilder().host("h1").extension(DockerFields.STATE, TextNode.valueOf("created")).build();
        MemoryEngine engine = new MemoryEngine().made("web", CccfLabels.labelsFor(SECRET_WEB, "app"))
                .failsOnce("start web", "start web: the engine answered 500 exec failed with DB_PASSWORD=hunter2");
        Converge.Result plan = Converge.plan(List.of(SECRET_WEB), List.of(new Converge.Observed(observed, true, "app")),
                List.of(Host.of("h1")), Strategy.spread(), "app");

        Apply.Report r = run(plan, engine);

        assertThat(r.failed()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::format).containsExactly("web: warning: [made-again] web on h1 was created"
                + " but could not start (start web: the engine answered 500 exec failed with DB_PASSWORD=***): made again");
        assertThat(engine.calls).containsExactly("start web", "remove web", "create web", "start web");
    }

    /** {@code cccf apply} in-process on one host h1 served by {@code engine}, one step at a time, compact output. */
    private record Cli(int exit, String out, String err) {
        static Cli apply(Path dir, String wantedJson, MemoryEngine engine) throws Exception {
            Path wanted = Files.writeString(dir.resolve("app.json"), wantedJson);
            Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                    [{"id": "h1", "docker": "unix:///memory.sock"}]""");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
            int exit = new ApplyTool(streams, url -> engine).execute(wanted.toString(), "--hosts", hosts.toString(),
                    "--parallel", "1", "--compact", "--project", "app");
            return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        List<String> errLines() {
            return new ArrayList<>(err.lines().toList());
        }
    }
}
