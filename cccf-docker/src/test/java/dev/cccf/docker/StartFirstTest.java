package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import dev.cccf.docker.Apply.Failure;
import dev.cccf.docker.Apply.Ref;
import dev.cccf.host.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Start-first replacement on {@link MemoryEngine}: the steps it takes on the engine and in which
 * order, when it is chosen and why not, what is left when the new container does not get ready or
 * apply is interrupted, and how the leftovers of an apply cut short are put right.
 */
class StartFirstTest {
    private static final Container WORKER = Cccf.parse("""
            {"id": "worker", "image": "busybox:2", "cmd": "sleep 1000"}""").containers().get(0);
    private static final Container OLD_WORKER = WORKER.withImage("busybox:1");

    private static Converge.Result plan(Container wanted, Container running) {
        return Converge.plan(List.of(wanted), List.of(new Converge.Observed(running.withHost("h1"), true, "app")),
                List.of(Host.of("h1")), Strategy.spread(), "app");
    }

    /** Another apply's step, 300 ms from now, on a thread of its own (started). */
    private static Thread inAMoment(Runnable step) {
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            step.run();
        });
        other.start();
        return other;
    }

    private static Apply.Report run(Converge.Result plan, MemoryEngine engine, Apply.Waits waits) {
        return Apply.run(plan, Map.of("h1", engine), 1, 1, "app", line -> { }, waits);
    }

    @Test
    void anUnpublishedContainerIsReplacedByANewOneThatRunsBeforeTheOldOneGoes() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app");

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).containsExactly(new Ref("worker", "h1"));
        assertThat(r.removed()).containsExactly(new Ref("worker", "h1"));
        assertThat(engine.calls).containsExactly("create worker-cccf-next", "start worker-cccf-next",
                "rename worker worker-cccf-old", "rename worker-cccf-next worker", "stop worker-cccf-old", "remove worker-cccf-old");
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(WORKER, "app"));
        assertThat(engine.state("worker")).isEqualTo("running");
    }

    @Test
    void aContainerThatPublishesAHostPortIsStoppedFirstAndOneThatAskedOtherwiseIsToldWhy() {
        Container web = WORKER.toBuilder().ports("8080:80").extension("update_order", TextNode.valueOf("start-first")).build();
        Container oldWeb = web.withImage("busybox:1");
        MemoryEngine engine = new MemoryEngine().runs(oldWeb, "app");

        Apply.Report r = run(plan(web, oldWeb), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(engine.calls).containsExactly("stop worker", "remove worker", "create worker", "start worker");
        assertThat(r.warnings()).extracting(Problem::format).containsExactly("worker.update_order: warning: [stop-first] worker on h1"
                + " is replaced stop-first: it publishes host port 8080, which two containers cannot hold at once");
    }

    @Test
    void stopFirstIsChosenForHostPortsTheHostsNetworkSharedMountsAndWhenAskedElseStartFirst() {
        assertThat(StartFirst.stopFirstBecause(WORKER)).isEmpty();
        assertThat(StartFirst.stopFirstBecause(with("""
                "volumes": ["/cache"]"""))).as("an anonymous volume is the container's own").isEmpty();
        assertThat(StartFirst.stopFirstBecause(with("""
                "volumes": ["data:/var/lib/data"], "update_order": "start-first\""""))).isEmpty();
        assertThat(StartFirst.stopFirstBecause(with("""
                "volumes": ["data:/var/lib/data"]"""))).contains(
                "it mounts data, which the old and the new container would both write (update_order: start-first allows it)");
        assertThat(StartFirst.stopFirstBecause(with("""
                "network": "host\""""))).contains("it uses the host's network, whose ports two containers cannot share");
        assertThat(StartFirst.stopFirstBecause(with("""
                "update_order": "stop-first\""""))).contains("update_order is stop-first");
        assertThat(StartFirst.stopFirstBecause(with("""
                "network": "front\""""))).as("found by name there: the name moves as an alias").isEmpty();
        assertThat(StartFirst.stopFirstBecause(with("""
                "networks": {"back": {"aliases": ["db"]}}"""))).isEmpty();
        assertThat(StartFirst.stopFirstBecause(with("""
                "networks": {"back": {"ipv4_address": "172.20.0.5"}}"""))).contains(
                "it has the fixed address 172.20.0.5 on network back, which two containers cannot hold at once");
    }

    @Test
    void onAUserNetworkTheNewOneAnswersTheNameBeforeTheOldOneLeavesTheNetworkAndOnlyThenIsItRenamed() {
        Container api = with("""
                "networks": {"back": {"aliases": ["db"]}}""").withImage("busybox:2");
        Container oldApi = api.withImage("busybox:1");
        MemoryEngine engine = new MemoryEngine().runs(oldApi, "app");
        onNetwork(engine, "worker", "back", "db");

        Apply.Report r = run(plan(api, oldApi), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(r.removed()).containsExactly(new Ref("worker", "h1"));
        assertThat(engine.calls).containsExactly("create worker-cccf-next", "start worker-cccf-next",
                // ready: joins again with the name as an alias (both answer it), then the old one leaves (only the new one does)
                "disconnect worker-cccf-next back", "connect worker-cccf-next back", "disconnect worker back",
                "rename worker worker-cccf-old", "rename worker-cccf-next worker", "stop worker-cccf-old", "remove worker-cccf-old");
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(api, "app"));
        assertThat(engine.containers.get("worker").path("NetworkSettings").path("Networks").path("back").path("Aliases"))
                .as("the name stays an alias after the rename").extracting(JsonNode::asText).containsExactly("worker", "db");
    }

    @Test
    void aNewOneThatCannotAnswerTheNameIsRemovedAndTheOldOneRunsOnItsNetwork() {
        Container api = with("""
                "network": "back\"""").withImage("busybox:2");
        Container oldApi = api.withImage("busybox:1");
        MemoryEngine engine = new MemoryEngine().runs(oldApi, "app").fails("connect worker-cccf-next back", "network back not found");
        onNetwork(engine, "worker", "back");

        Apply.Report r = run(plan(api, oldApi), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).extracting(Failure::error).containsExactly("not replaced, the old container runs on: network back not found");
        assertThat(engine.calls).doesNotContain("disconnect worker back");
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(oldApi, "app"));
        assertThat(engine.containers.get("worker").path("NetworkSettings").path("Networks").has("back")).isTrue();
    }

    /** The container {@code name} on {@code engine} is on user-defined {@code network} (its network mode) with these aliases. */
    private static void onNetwork(MemoryEngine engine, String name, String network, String... aliases) {
        ObjectNode c = engine.containers.get(name);
        c.putObject("HostConfig").put("NetworkMode", network);
        ArrayNode a = c.putObject("NetworkSettings").putObject("Networks").putObject(network).putArray("Aliases");
        List.of(aliases).forEach(a::add);
        a.add(name.length() >= 12 ? name.substring(0, 12) : "0123456789ab"); // docker adds the short id
    }

    private static Container with(String fields) {
        return Cccf.parse("{\"id\": \"worker\", \"image\": \"busybox\", " + fields + "}").containers().get(0);
    }

    @Test
    void aNewContainerThatExitsIsRemovedAndTheOldOneRunsOnWithTheExitCodeAndTheEndOfTheLogReported() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .startsAs("worker-cccf-next", "exited", null, "", 2, List.of("starting", "config: no such file", "bye"));

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, Apply.Waits.DEFAULT);

        assertThat(r.created()).isEmpty();
        assertThat(r.removed()).isEmpty();
        assertThat(r.failed()).containsExactly(new Failure("worker", "h1", "not replaced, the old container runs on: "
                + "worker-cccf-next: it exited with code 2; the end of its log: starting | config: no such file | bye"));
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(OLD_WORKER, "app"));
        assertThat(engine.state("worker")).isEqualTo("running");
    }

    @Test
    void aNewContainerThatTurnsUnhealthyIsRemovedWithItsLastHealthCheckReported() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .startsAs("worker-cccf-next", "running", "unhealthy", "wget: can't connect to remote host\n", 0, List.of());

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).containsExactly(new Failure("worker", "h1", "not replaced, the old container runs on: "
                + "worker-cccf-next: it is unhealthy; its last health check said: wget: can't connect to remote host"));
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(OLD_WORKER, "app"));
    }

    @Test
    void aNewContainerStillStartingWhenTheWaitEndsIsRolledBack() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .startsAs("worker-cccf-next", "running", "starting", "", 0, List.of());

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, new Apply.Waits(0, () -> false));

        assertThat(r.failed()).extracting(Failure::error).containsExactly(
                "not replaced, the old container runs on: worker-cccf-next: not ready in time (it is running, starting)");
        assertThat(engine.containers).containsOnlyKeys("worker");
    }

    @Test
    void anInterruptWhileTheNewContainerGetsReadyRollsItBackAndStartsNoFurtherStep() {
        AtomicInteger asked = new AtomicInteger();
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .startsAs("worker-cccf-next", "running", "starting", "", 0, List.of());
        Container other = Cccf.parse("""
                {"id": "other", "image": "busybox"}""").containers().get(0);
        Converge.Result plan = Converge.plan(List.of(WORKER, other), List.of(new Converge.Observed(OLD_WORKER.withHost("h1"), true,
                "app")), List.of(Host.of("h1")), Strategy.spread(), "app");

        // not interrupted when the first step starts; interrupted from the first look at the new container on
        Apply.Report r = run(plan, engine, new Apply.Waits(60, () -> asked.incrementAndGet() > 1));

        assertThat(r.created()).isEmpty();
        assertThat(r.failed()).extracting(Failure::id, Failure::error).containsExactly(
                tuple("other", "not done: apply was interrupted"),
                tuple("worker",
                        "not replaced, the old container runs on: worker-cccf-next: the wait was interrupted"));
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(OLD_WORKER, "app"));
    }

    @Test
    void aReplacementAnotherApplyIsMakingAtTheSameTimeIsWaitedForAndTakenAsDone() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .made("worker-cccf-next", CccfLabels.labelsFor(WORKER, "app")); // the other apply's new container, running
        engine.start("worker-cccf-next");
        Converge.Result plan = plan(WORKER, OLD_WORKER);
        // the other apply finishes while this one waits: its new container takes the name
        inAMoment(() -> {
            engine.remove("worker");
            engine.rename("worker-cccf-next", "worker");
        });

        Apply.Report r = run(plan, engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::code).containsExactly(Apply.CONCURRENT_APPLY);
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(WORKER, "app"));
    }

    @Test
    void aNewContainerLeftReadyUnderItsTemporaryNameByAnApplyThatStoppedIsMadeAgainOnceItStalls() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .made("worker-cccf-next", CccfLabels.labelsFor(WORKER, "app")); // young and running: another apply's, it seems
        engine.start("worker-cccf-next"); // ... but the engine was killed under it: nobody renames it

        long started = System.nanoTime();
        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, new Apply.Waits(120, () -> false, 300));

        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).containsExactly(new Ref("worker", "h1"));
        assertThat(engine.calls).containsSubsequence("remove worker-cccf-next", "create worker-cccf-next", "start worker-cccf-next",
                "rename worker-cccf-next worker");
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(WORKER, "app"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the wait for another apply ends once it stalls")
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
    }

    @Test
    void aReplacementAnotherApplyMadeSinceThisOneLookedIsTakenAsDoneByIt() {
        MemoryEngine engine = new MemoryEngine().runs(WORKER, "app"); // the look saw OLD_WORKER; another apply replaced it since

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::code).containsExactly(Apply.CONCURRENT_APPLY);
        assertThat(engine.calls).noneMatch(call -> call.startsWith("create") || call.startsWith("remove"));
    }

    @Test
    void anotherApplyThatGaveTheNameToItsOwnNewContainerWhileThisOneGotReadyHasDoneTheStep() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app");
        engine.whenStarted("worker-cccf-next", () -> { // the other apply, a step ahead: its new one has the name, the old one went
            engine.remove("worker");
            engine.made("worker", CccfLabels.labelsFor(WORKER, "app"));
        });

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(r.warnings()).extracting(Problem::code).containsExactly(Apply.CONCURRENT_APPLY);
        assertThat(engine.containers).as("the other apply's new one keeps the name; this one's goes").containsOnlyKeys("worker");
        assertThat(engine.calls).doesNotContain("rename worker worker-cccf-old", "rename worker-cccf-next worker");
    }

    @Test
    void settleLeavesANewContainerJustMadeByAnotherApplyThatStartsItAMomentLater() throws Exception {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app").made("worker-cccf-next", CccfLabels.labelsFor(WORKER, "app"));
        engine.containers.get("worker-cccf-next").put("Created", System.currentTimeMillis() / 1000);
        Thread otherApply = inAMoment(() -> engine.start("worker-cccf-next"));

        List<Problem> settled = StartFirst.settle(Map.of("h1", engine), "app", 60);
        otherApply.join();

        assertThat(settled).isEmpty();
        assertThat(engine.containers).containsOnlyKeys("worker", "worker-cccf-next");
    }

    @Test
    void aNewContainerLeftCreatedByAnApplyCutShortIsMadeAgain() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app")
                .made("worker-cccf-next", CccfLabels.labelsFor(WORKER.withImage("busybox:0"), "app")); // created, never started

        Apply.Report r = run(plan(WORKER, OLD_WORKER), engine, Apply.Waits.DEFAULT);

        assertThat(r.failed()).isEmpty();
        assertThat(r.created()).containsExactly(new Ref("worker", "h1"));
        assertThat(engine.calls).startsWith("remove worker-cccf-next", "create worker-cccf-next", "start worker-cccf-next");
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(WORKER, "app"));
    }

    @Test
    void settleNamesANewContainerLeftUnnamedAndRemovesAnOldOneLeftBesideItsReplacement() {
        Container db = Cccf.parse("""
                {"id": "db", "image": "busybox"}""").containers().get(0);
        MemoryEngine engine = new MemoryEngine()
                .made("worker-cccf-next", CccfLabels.labelsFor(WORKER, "app"))     // the old one gone, the new one not named
                .runs(db, "app").made("db-cccf-old", CccfLabels.labelsFor(db, "app")) // named, the old one not yet removed
                .made("cache-cccf-next", CccfLabels.labelsFor(db, "other"))          // another project's: not ours to touch
                .made("mine-cccf-old", Map.of("team", "x"))                            // none of cccf's
                .made("queue-cccf-next", CccfLabels.labelsFor(db.withId("queue"), "app")); // young: another apply's, now
        engine.containers.get("queue-cccf-next").put("Created", System.currentTimeMillis() / 1000 - 30);
        engine.start("queue-cccf-next");

        List<Problem> settled = StartFirst.settle(Map.of("h1", engine), "app", 60);

        assertThat(settled).extracting(Problem::message).containsExactly(
                "worker-cccf-next on h1, left by an apply cut short, was renamed worker",
                "db-cccf-old on h1, left by an apply cut short, was removed (db runs)");
        assertThat(engine.containers).containsOnlyKeys("worker", "db", "cache-cccf-next", "mine-cccf-old", "queue-cccf-next");
        assertThat(DockerState.observe(engine, "h1", true)).extracting(o -> o.container().id())
                .as("the look leaves out what is under a temporary name of its own id").contains("worker").doesNotContain("queue");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(WORKER, "app"));
    }

    @Test
    void settleTakesAYoungNewContainerThatItsEngineStartedAgainForALeftOverNotAnotherApplysReplacement() {
        java.time.Instant made = java.time.Instant.now().minusSeconds(20);
        MemoryEngine engine = new MemoryEngine().made("worker", CccfLabels.labelsFor(OLD_WORKER, "app"))
                .made("worker-cccf-next", CccfLabels.labelsFor(WORKER, "app"))
                .made("queue-cccf-next", CccfLabels.labelsFor(WORKER.withId("queue"), "app"));
        engine.start("worker-cccf-next");
        engine.start("queue-cccf-next");
        // the engine was killed under an apply and came back: it started the new one again 8 s after it was made
        engine.containers.get("worker-cccf-next").put("Created", made.toString())
                .withObjectProperty("State").put("StartedAt", made.plusSeconds(8).toString());
        // another apply's, now: started as soon as it was made
        engine.containers.get("queue-cccf-next").put("Created", made.toString())
                .withObjectProperty("State").put("StartedAt", made.plusMillis(300).toString());

        List<Problem> settled = StartFirst.settle(Map.of("h1", engine), "app", 60);

        assertThat(settled).extracting(Problem::message).containsExactly(
                "worker-cccf-next on h1, left by an apply cut short, was removed (worker keeps the name)");
        assertThat(engine.containers).containsOnlyKeys("worker", "queue-cccf-next");
    }

    @Test
    void settleLetsTheNewContainerTakeTheNameOfAnOldOneCutShortOffItsNetwork() {
        MemoryEngine engine = new MemoryEngine().runs(OLD_WORKER, "app").made("worker-cccf-next", CccfLabels.labelsFor(WORKER, "app"));
        onNetwork(engine, "worker", "back");
        onNetwork(engine, "worker-cccf-next", "back", "worker");
        engine.containers.get("worker").withObjectProperty("NetworkSettings").putObject("Networks"); // the apply took it off, then was cut short
        engine.start("worker-cccf-next");

        List<Problem> settled = StartFirst.settle(Map.of("h1", engine), "app", 0);

        assertThat(settled).extracting(Problem::message).containsExactly("worker-cccf-next on h1, left by an apply cut short, was"
                + " renamed worker (the old one, already off its networks, was removed)");
        assertThat(engine.containers).containsOnlyKeys("worker");
        assertThat(engine.labels("worker")).isEqualTo(CccfLabels.labelsFor(WORKER, "app"));
    }
}
