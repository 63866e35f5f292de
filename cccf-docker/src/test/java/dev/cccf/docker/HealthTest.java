package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.docker.Health.Goal;
import dev.cccf.docker.Health.Look;
import dev.cccf.host.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Health's verdicts on the Engine API's State, its waits on {@link MemoryEngine}, and apply's depends_on conditions. */
class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Look look(String state) throws Exception {
        return Look.of(Optional.of(JSON.readTree("{\"State\": " + state + "}")));
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"Status": "running"}                                              | READY     | reached
            {"Status": "running", "Health": {"Status": "starting"}}            | READY     | pending
            {"Status": "running", "Health": {"Status": "healthy"}}             | READY     | reached
            {"Status": "created"}                                              | READY     | pending
            {"Status": "exited", "ExitCode": 3}                                | READY     | it exited with code 3
            {"Status": "restarting", "ExitCode": 1}                            | READY     | it keeps exiting and restarting (last exit code 1)
            {"Status": "running"}                                              | HEALTHY   | it has no healthcheck, so it is never healthy
            {"Status": "running", "Health": {"Status": "healthy"}}             | HEALTHY   | reached
            {"Status": "running", "Health": {"Status": "unhealthy", "Log": [{"Output": "a\\n"}, {"Output": "refused\\n"}]}} | HEALTHY | it is unhealthy; its last health check said: refused
            {"Status": "running"}                                              | COMPLETED | pending
            {"Status": "exited", "ExitCode": 0}                                | COMPLETED | reached
            {"Status": "exited", "ExitCode": 1}                                | COMPLETED | it exited with code 1
            """)
    void aLookIsReachedPendingOrFailedWithWhy(String state, Goal goal, String expected) throws Exception {
        Health.Verdict v = Health.judge(look(state), goal);

        String said = v.reached() ? "reached" : v.pending() ? "pending" : v.failure();
        assertThat(said).isEqualTo(expected);
    }

    @Test
    void aContainerThatIsGoneFailsEveryGoal() {
        for (Goal goal : Goal.values()) {
            assertThat(Health.judge(Look.of(Optional.empty()), goal).failure()).isEqualTo("it is gone");
        }
    }

    @Test
    void awaitAllReportsEachContainerThatIsNotReadyWithTheEndOfItsLogAndLetsAOneShotJobExitZero() {
        List<Container> app = Cccf.parse("""
                [{"id": "ok", "image": "x", "host": "h1"}, {"id": "crash", "image": "x", "host": "h1"},
                 {"id": "migrate", "image": "x", "host": "h1"},
                 {"id": "web", "image": "x", "host": "h1", "depends_on": {"migrate": {"condition": "service_completed_successfully"}}}]
                """).containers();
        MemoryEngine engine = new MemoryEngine();
        app.forEach(c -> engine.runs(c, "app"));
        engine.startsAs("crash", "exited", null, "", 137, List.of("one", "two")).startsAs("migrate", "exited", null, "", 0, List.of());
        engine.start("crash");
        engine.start("migrate");

        List<Apply.Failure> failures = Health.awaitAll(app, Map.of("h1", engine), new Apply.Waits(5, () -> false));

        assertThat(failures).containsExactly(new Apply.Failure("crash", "h1",
                "crash: it exited with code 137; the end of its log: one | two"));
    }

    @Test
    void aContainerWaitsForItsDependencyToBeHealthyAndIsNotCreatedWhenItNeverIs() {
        List<Container> app = Cccf.parse("""
                [{"id": "db", "image": "x", "healthcheck": {"test": "true"}},
                 {"id": "web", "image": "x", "depends_on": {"db": {"condition": "service_healthy"}}},
                 {"id": "api", "image": "x", "depends_on": {"web": {"condition": "service_started"}}}]
                """).containers();
        MemoryEngine healthy = new MemoryEngine().startsAs("db", "running", "healthy", "", 0, List.of());
        MemoryEngine failing = new MemoryEngine().startsAs("db", "running", "unhealthy", "no pong", 0, List.of());

        Apply.Report ok = Apply.run(Converge.plan(app, List.of(), List.of(Host.of("h1")), Strategy.spread(), "app"),
                Map.of("h1", healthy), 4, 0, "app", line -> { });
        Apply.Report notOk = Apply.run(Converge.plan(app, List.of(), List.of(Host.of("h1")), Strategy.spread(), "app"),
                Map.of("h1", failing), 4, 0, "app", line -> { });

        assertThat(ok.failed()).isEmpty();
        assertThat(healthy.calls).containsExactly("create db", "start db", "create web", "start web", "create api", "start api");
        assertThat(notOk.failed()).extracting(Apply.Failure::id, Apply.Failure::error).containsExactly(
                tuple("api", "not started: it needs web, which failed"),
                tuple("web", "not started: it needs db service_healthy, but db: it is unhealthy;"
                        + " its last health check said: no pong"));
        assertThat(failing.calls).containsExactly("create db", "start db");
    }

    @Test
    void awaitGivesUpAtItsDeadlineSayingWhereTheContainerStands() {
        MemoryEngine engine = new MemoryEngine().runs(Cccf.parse("{\"id\": \"db\", \"image\": \"x\"}").containers().get(0), "app")
                .startsAs("db", "running", "starting", "", 0, List.of("booting"));
        engine.start("db");

        assertThatThrownBy(() -> Health.await(engine, "db", Goal.HEALTHY, System.nanoTime(), () -> false))
                .isInstanceOf(Engine.EngineException.class)
                .hasMessage("db: not healthy in time (it is running, starting); the end of its log: booting");
    }
}
