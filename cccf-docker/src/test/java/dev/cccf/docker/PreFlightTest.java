package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import dev.cccf.host.Strategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Check before break: apply pulls what it needs and checks host ports before it stops or removes anything. */
class PreFlightTest {
    @TempDir
    Path dockerConfig;

    private final List<PreFlight.Pull> events = new ArrayList<>();

    private PreFlight pulling(PullPolicy policy) {
        return PreFlight.of(policy, RegistryAuth.fromEnvironment(Map.of("DOCKER_CONFIG", dockerConfig.toString())), events::add);
    }

    private static List<Container> wanted(String json) {
        return Cccf.parse(json).containers();
    }

    /** The containers cccf runs on h1 of {@code engine} for project "app", and the plan from them to {@code wanted}. */
    private static Converge.Result planOver(MemoryEngine engine, List<Container> running, List<Container> wanted) {
        List<Converge.Observed> observed = new ArrayList<>();
        for (Container c : running) {
            engine.runs(c, "app");
            observed.add(new Converge.Observed(c.toBuilder().host("h1").build(), true, "app"));
        }
        return Converge.plan(wanted, observed, List.of(Host.of("h1")), Strategy.spread(), "app");
    }

    private Apply.Report apply(MemoryEngine engine, Converge.Result plan, PreFlight preflight) {
        return Apply.run(plan, Map.of("h1", engine), 2, 1, "app", line -> { }, preflight);
    }

    @Test
    void aRunningContainerWhoseNewImageCannotBePulledKeepsRunning() {
        MemoryEngine engine = new MemoryEngine().lacks("nginx:2");
        engine.fails("pull nginx:2", "pull access denied for nginx, repository does not exist or may require 'docker login'");
        Converge.Result plan = planOver(engine, wanted("{\"id\": \"web\", \"image\": \"nginx:1\"}"),
                wanted("{\"id\": \"web\", \"image\": \"nginx:2\"}"));

        Apply.Report r = apply(engine, plan, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("image nginx:2 could not be"
                + " pulled from docker.io (no credentials for it): pull access denied for nginx, repository does not exist or"
                + " may require 'docker login'; not replaced: the running container was left as it is"));
        assertThat(engine.calls).containsExactly("pull nginx:2");
        assertThat(engine.state("web")).isEqualTo("running");
        assertThat(r.removed()).isEmpty();
        assertThat(events).extracting(PreFlight.Pull::stage).containsExactly(PreFlight.Pull.Stage.STARTED,
                PreFlight.Pull.Stage.FAILED);
    }

    @Test
    void aMissingImageIsPulledOncePerEngineThenTheContainersAreReplaced() {
        MemoryEngine engine = new MemoryEngine().lacks("app:2");
        Converge.Result plan = planOver(engine, wanted("[{\"id\": \"a\", \"image\": \"app:1\"}, {\"id\": \"b\", \"image\": \"app:1\"}]"),
                wanted("[{\"id\": \"a\", \"image\": \"app:2\"}, {\"id\": \"b\", \"image\": \"app:2\"}]"));

        Apply.Report r = apply(engine, plan, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).isEmpty();
        assertThat(engine.calls.get(0)).isEqualTo("pull app:2");
        assertThat(engine.calls).filteredOn(c -> c.startsWith("pull ")).hasSize(1);
        assertThat(r.created()).extracting(Apply.Ref::id).containsExactly("a", "b");
        assertThat(engine.pullAuths).containsExactly((String) null);
    }

    @Test
    void neverPullsAndFailsBeforeBreakingWhileAlwaysPullsAnImageThereAlready() {
        MemoryEngine lacking = new MemoryEngine().lacks("app:2");
        Apply.Report never = apply(lacking, planOver(lacking, wanted("{\"id\": \"a\", \"image\": \"app:1\"}"),
                wanted("{\"id\": \"a\", \"image\": \"app:2\"}")), pulling(PullPolicy.NEVER));

        assertThat(never.failed()).singleElement().satisfies(f -> assertThat(f.error()).startsWith(
                "image app:2 is not on the engine, and its pull policy is never"));
        assertThat(lacking.calls).isEmpty();

        MemoryEngine having = new MemoryEngine();
        Apply.Report always = apply(having, planOver(having, List.of(), wanted("{\"id\": \"a\", \"image\": \"app:2\"}")),
                pulling(PullPolicy.ALWAYS));

        assertThat(always.failed()).isEmpty();
        assertThat(having.calls).containsExactly("pull app:2", "create a", "start a");
    }

    @Test
    void aContainersPullPolicyWinsOverTheOptionOfApply() {
        MemoryEngine engine = new MemoryEngine().lacks("app:2");
        Converge.Result plan = planOver(engine, List.of(), wanted("""
                [{"id": "a", "image": "app:2", "pull_policy": "never"}, {"id": "b", "image": "app:3", "pull_policy": "always"}]"""));

        Apply.Report r = apply(engine, plan, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).extracting(Apply.Failure::id).containsExactly("a");
        assertThat(engine.calls).containsExactly("pull app:3", "create b", "start b");
    }

    @Test
    void whatNeedsARefusedContainerIsNotMadeAndWhatItWouldReplaceKeepsRunning() {
        MemoryEngine engine = new MemoryEngine().lacks("db:2");
        engine.fails("pull db:2", "manifest unknown");
        Converge.Result plan = planOver(engine, wanted("[{\"id\": \"web\", \"image\": \"web:1\"}]"), wanted("""
                [{"id": "db", "image": "db:2"}, {"id": "web", "image": "web:2", "depends_on": ["db"]}]"""));

        Apply.Report r = apply(engine, plan, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).extracting(Apply.Failure::id, Apply.Failure::error).containsExactly(
                tuple("db", "image db:2 could not be pulled from docker.io (no credentials for it):"
                        + " manifest unknown"),
                tuple("web", "not started: it needs db, which cannot be made; not replaced:"
                        + " the running container was left as it is"));
        assertThat(engine.state("web")).isEqualTo("running");
        assertThat(engine.calls).containsExactly("pull db:2");
    }

    @Test
    void aHostPortHeldByAnotherContainerRefusesTheReplacementButTheReplacedOnesPortIsFree() {
        MemoryEngine engine = new MemoryEngine().publishes("other", "8080/tcp");
        Converge.Result plan = planOver(engine, wanted("[{\"id\": \"web\", \"image\": \"web:1\", \"ports\": [\"9090:80\"]}]"),
                wanted("""
                        [{"id": "web", "image": "web:2", "ports": ["9090:80"]},
                         {"id": "api", "image": "api:1", "ports": ["8080:80"]}]"""));
        engine.containers.get("web").putArray("Ports").addObject().put("PublicPort", 9090).put("Type", "tcp");

        Apply.Report r = apply(engine, plan, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("api");
            assertThat(f.error()).isEqualTo("host port 8080/tcp is held by container other, which this apply does not remove");
        });
        assertThat(r.created()).extracting(Apply.Ref::id).containsExactly("web");
        assertThat(engine.state("other")).isEqualTo("running");
    }

    @Test
    void applyAgainAfterARefusalDoesNotRetryWhatOnlyFailsAgain() {
        MemoryEngine engine = new MemoryEngine().lacks("nginx:2");
        engine.fails("pull nginx:2", "connection refused");
        List<Container> running = wanted("{\"id\": \"web\", \"image\": \"nginx:1\"}");
        List<Container> want = wanted("{\"id\": \"web\", \"image\": \"nginx:2\"}");
        Converge.Result plan = planOver(engine, running, want);
        List<Converge.Observed> again = List.of(new Converge.Observed(running.get(0).toBuilder().host("h1").build(), true, "app"));

        Apply.Report r = Apply.converge(plan, () -> Converge.plan(want, again, List.of(Host.of("h1")), Strategy.spread(), "app"),
                Map.of("h1", engine), 2, 1, "app", line -> { }, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).hasSize(1);
        assertThat(engine.calls).containsExactly("pull nginx:2");
        assertThat(engine.state("web")).isEqualTo("running");
    }

    @Test
    void withoutPullsNothingIsPulledWhateverAContainersPullPolicySays() {
        MemoryEngine engine = new MemoryEngine().lacks("app:2");

        Apply.Report r = apply(engine, planOver(engine, List.of(), wanted("""
                {"id": "a", "image": "app:2", "pull_policy": "always"}""")), PreFlight.withoutPulls());

        assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f.error()).startsWith("image app:2 is not on the engine"));
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void anEngineThatFailsUnexpectedlyDuringTheCheckGetsNothingRemoved() {
        MemoryEngine engine = new MemoryEngine() {
            @Override
            public synchronized Optional<JsonNode> inspectImage(String ref) {
                throw new IllegalStateException("cut short");
            }
        };
        Converge.Result plan = planOver(engine, wanted("{\"id\": \"web\", \"image\": \"web:1\"}"),
                wanted("{\"id\": \"web\", \"image\": \"web:2\"}"));

        Apply.Report r = apply(engine, plan, pulling(PullPolicy.MISSING));

        assertThat(r.failed()).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("could not be checked before"
                + " anything is stopped: java.lang.IllegalStateException: cut short; not replaced: the running container was left"
                + " as it is"));
        assertThat(engine.calls).isEmpty();
        assertThat(engine.state("web")).isEqualTo("running");
    }

    @Test
    void thePlanCountsTheImagesToPullOncePerHost() {
        MemoryEngine engine = new MemoryEngine().lacks("app:2");
        Converge.Result plan = planOver(engine, List.of(), wanted("""
                [{"id": "a", "image": "app:2"}, {"id": "b", "image": "app:2"}, {"id": "c", "image": "app:1"},
                 {"id": "d", "image": "app:1", "pull_policy": "always"}]"""));

        assertThat(PreFlight.toPull(plan, Map.of("h1", engine), PullPolicy.MISSING)).extracting(PreFlight.ImagePull::image)
                .containsExactly("app:2", "app:1");
        assertThat(PreFlight.toPull(plan, null, PullPolicy.MISSING)).as("engines not asked").extracting(PreFlight.ImagePull::image)
                .containsExactly("app:1");
        assertThat(PreFlight.toPull(plan, Map.of("h1", engine), PullPolicy.NEVER)).extracting(PreFlight.ImagePull::image)
                .containsExactly("app:1");
    }
}
