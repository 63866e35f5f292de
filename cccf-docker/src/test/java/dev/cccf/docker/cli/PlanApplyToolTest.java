package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Wiring;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.scale.Scale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cccf plan} and {@code cccf apply} in-process, without engines (those are in {@link ApplyEngineTest}). */
class PlanApplyToolTest extends CliTest {
    static final String APP = "../examples/app.json";
    static final String HOSTS = "../examples/hosts.json";

    List<String> lines() {
        return stdout().isEmpty() ? List.of() : Arrays.asList(stdout().split("\n"));
    }

    /**
     * Where spread puts the example from nothing, worked out by hand from cccf-host's README: in
     * document order, each container to the host with the fewest containers, then the fewest of its
     * service, then file order; db needs disk=ssd (node-a only), cache conflicts with db.
     */
    static final Map<String, String> EXAMPLE_PLACED = Map.of("proxy", "node-a", "web", "node-b", "web-scale-1", "node-c",
            "web-scale-2", "node-a", "worker", "node-b", "worker-scale-1", "node-c", "db", "node-a", "cache", "node-b");

    @Test
    void theShellFormatPlansTheExampleFromNothingWithoutReachingAnyEngine() throws Exception {
        int code = run("plan", APP, "--hosts", HOSTS, "--format", "shell");

        assertThat(code).as(stderr()).isZero();
        Map<String, String> endpoint = Map.of("node-a", "tcp://10.0.0.11:2375", "node-b", "tcp://10.0.0.12:2375",
                "node-c", "tcp://10.0.0.13:2375");
        assertThat(lines()).hasSize(EXAMPLE_PLACED.size());
        EXAMPLE_PLACED.forEach((id, host) -> assertThat(lines()).filteredOn(l -> l.contains(" --name=" + id + " "))
                .singleElement().asString().startsWith("docker -H=" + endpoint.get(host) + " run -d "));
        // db and cache come before what links to them
        assertThat(stdout().indexOf("--name=db ")).isLessThan(stdout().indexOf("--name=web "));
        assertThat(stdout().indexOf("--name=cache ")).isLessThan(stdout().indexOf("--name=worker "));
        // wired across hosts: db publishes its port on node-a, web reaches it there by its name; nothing to warn about
        assertThat(stderr()).doesNotContain("warning");
        assertThat(lines()).filteredOn(l -> l.contains(" --name=db ")).singleElement().asString().contains(" -p=5432:5432 ");
        assertThat(lines()).filteredOn(l -> l.contains(" --name=web ")).singleElement().asString().contains(" --add-host=db:10.0.0.11 ");
    }

    @Test
    void theReadmesFirstCommandPlansTheExampleWithNotAWordOnStderr() throws Exception {
        int code = run("plan", APP, "--hosts", HOSTS);

        assertThat(code).isZero();
        assertThat(stderr()).isEmpty();
        assertThat(stdout()).contains("Plan: 8 to add, 0 to change, 0 to replace, 0 to remove.");
    }

    @Test
    void theNetworksAndVolumesOfADocumentObjectAreCreatedBeforeTheContainersThatUseThem(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("shop.json"), """
                {"name": "shop", "networks": {"back": {"internal": true, "labels": {"tier": "data"}}},
                 "volumes": {"pgdata": {}},
                 "containers": [
                   {"id": "db", "image": "postgres:16", "volumes": ["pgdata:/data"], "networks": ["back"], "host": "node-a"},
                   {"id": "api", "image": "api:1", "networks": {"back": {"aliases": ["service"]}}, "host": "node-a"}]}
                """);

        int code = run("plan", wanted.toString(), "--hosts", HOSTS, "--project", "shop", "--format", "shell");

        assertThat(code).as(stderr()).isZero();
        assertThat(lines()).containsExactly(
                "docker -H=tcp://10.0.0.11:2375 network create --internal --label=tier=data --label=dev.cccf.project=shop back",
                "docker -H=tcp://10.0.0.11:2375 volume create --label=dev.cccf.project=shop pgdata",
                "docker -H=tcp://10.0.0.11:2375 run -d --name=db --volume=pgdata:/data --network=back postgres:16",
                "docker -H=tcp://10.0.0.11:2375 run -d --name=api --network=back --network-alias=service api:1");
    }

    @Test
    void whatRunsAsWantedGivesNoInstruction(@TempDir Path dir) throws Exception {
        Path current = dir.resolve("current.json");
        // what a first apply made: placed, and wired across the hosts
        List<Container> placed = Wiring.across(Scale.up(Cccf.read(Path.of(APP)).containers()).stream()
                .map(c -> c.withHost(EXAMPLE_PLACED.get(c.id()))).toList(), List.of(), Hosts.parse(Files.readString(Path.of(HOSTS)))).containers();
        Files.writeString(current, "[" + String.join(",", placed.stream().map(Cccf::toJson).toList()) + "]");
        out.reset();
        err.reset();

        int code = run("plan", APP, "--hosts", HOSTS, "--current", current.toString(), "--format", "shell");

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEmpty();
    }

    @Test
    void aChangedContainerIsStoppedAndRemovedBeforeItsNewVersionRuns(@TempDir Path dir) throws Exception {
        Path current = Files.writeString(dir.resolve("current.json"), """
                [{"id": "db", "image": "postgres:15", "host": "node-a"},
                 {"id": "old", "image": "x:1", "host": "node-b"},
                 {"id": "stopped", "image": "x:1", "host": "node-c", "state": "exited"}]""");
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "db", "image": "postgres:16"}, {"id": "stopped", "image": "x:1"}]""");

        int code = run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--format", "shell");

        assertThat(code).as(stderr()).isZero();
        assertThat(lines()).containsExactly(
                "docker -H=tcp://10.0.0.12:2375 stop old",
                "docker -H=tcp://10.0.0.12:2375 rm old",
                "docker -H=tcp://10.0.0.11:2375 stop db",
                "docker -H=tcp://10.0.0.11:2375 rm db",
                "docker -H=tcp://10.0.0.13:2375 start stopped",
                "docker -H=tcp://10.0.0.11:2375 run -d --name=db postgres:16");
    }

    @Test
    void theDefaultPlanIsForPeopleWithSecretsMaskedAndDetailedExitcodeSaysWhetherItChangesAnything(@TempDir Path dir)
            throws Exception {
        Path current = Files.writeString(dir.resolve("current.json"), """
                [{"id": "db", "image": "postgres:15", "env": ["POSTGRES_PASSWORD=old-one"], "host": "node-a"}]""");
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "db", "image": "postgres:16", "env": ["POSTGRES_PASSWORD=s3cret-1"]}]""");

        int changes = run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--detailed-exitcode");
        String text = stdout();
        out.reset();
        run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--format", "json", "--compact");
        String json = stdout();
        Files.writeString(current, """
                [{"id": "db", "image": "postgres:16", "env": ["POSTGRES_PASSWORD=s3cret-1"], "host": "node-a"}]""");
        out.reset();
        int none = run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--detailed-exitcode");

        assertThat(changes).as(stderr()).isEqualTo(2);
        assertThat(text).isEqualTo("""
                -/+ db  on node-a  (forces replacement)
                      image: "postgres:15" -> "postgres:16"
                      env: + POSTGRES_PASSWORD=***
                      env: - POSTGRES_PASSWORD=***

                Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
                """);
        assertThat(json).startsWith("{\"format_version\":\"1\",\"summary\":{\"add\":0,\"change\":0,\"replace\":1,")
                .doesNotContain("s3cret").doesNotContain("old-one");
        assertThat(none).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("No changes: 1 container(s) as wanted.\n");
    }

    @Test
    void imagesApplyWouldPullArePulledFirstBeforeAnythingIsStopped(@TempDir Path dir) throws Exception {
        Path current = Files.writeString(dir.resolve("current.json"), """
                [{"id": "db", "image": "postgres:15", "host": "node-a"}]""");
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "db", "image": "postgres:16", "pull_policy": "always"}, {"id": "web", "image": "shop:2", "host": "node-b"}]""");

        int code = run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--format", "shell");

        assertThat(code).as(stderr()).isZero();
        assertThat(lines()).as("without --inspect, what the engines lack is unknown: docker run pulls it").containsExactly(
                "docker -H=tcp://10.0.0.11:2375 pull postgres:16",
                "docker -H=tcp://10.0.0.11:2375 stop db",
                "docker -H=tcp://10.0.0.11:2375 rm db",
                "docker -H=tcp://10.0.0.11:2375 run -d --name=db postgres:16",
                "docker -H=tcp://10.0.0.12:2375 run -d --name=web shop:2");
        out.reset();

        assertThat(run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--pull", "always", "--format", "shell"))
                .isZero();
        assertThat(lines()).startsWith("docker -H=tcp://10.0.0.11:2375 pull postgres:16", "docker -H=tcp://10.0.0.12:2375 pull shop:2",
                "docker -H=tcp://10.0.0.11:2375 stop db");
        out.reset();

        assertThat(run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString())).isZero();
        assertThat(stdout()).as("the text plan lists them").contains("""

                Pulled first, before anything is stopped:
                  pull postgres:16  on node-a

                Plan: 1 to add, 0 to change, 1 to replace, 0 to remove.
                """);
        out.reset();
        assertThat(run("plan", wanted.toString(), "--hosts", HOSTS, "--current", current.toString(), "--format", "json",
                "--compact")).isZero();
        assertThat(stdout()).as("json marks them").contains("\"images\":[{\"host\":\"node-a\",\"image\":\"postgres:16\",\"pull\":true},"
                + "{\"host\":\"node-b\",\"image\":\"shop:2\",\"pull\":false}]");
    }

    @Test
    void argvGivesArgvArraysAndLabelsMakeNewContainersKnownToApply() throws Exception {
        int code = run("plan", APP, "--hosts", HOSTS, "--format", "argv", "--labels");

        assertThat(code).as(stderr()).isZero();
        JsonNode argvs = new ObjectMapper().readTree(stdout());
        assertThat(argvs).hasSize(Scale.up(Cccf.read(Path.of(APP)).containers()).size());
        assertThat(argvs.get(0).get(0).asText()).isEqualTo("docker");
        assertThat(argvs.toString()).contains("--label=dev.cccf.config=").contains("--label=team=shop");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plan                                                     | give one WANTED file",
        "plan ../examples/app.json --inspect                      | --inspect needs the engines",
        "plan ../examples/app.json --pull sometimes                | --pull: the pull policy must be missing, always or never",
        "plan ../examples/app.json --current x.json --inspect     | not both",
        "plan ../examples/app.json --target systemd               | --target must be docker or swarm",
        "plan ../examples/app.json --format yaml                  | --format must be text, json, shell or argv",
        "plan ../examples/app.json --strategy fastest             | --strategy: unknown strategy \"fastest\"; use spread, binpack, round-robin or random",
        "apply                                                    | give one WANTED file",
        "apply ../examples/app.json --parallel 0                  | --parallel",
        "apply ../examples/app.json -H unix:///a --hosts h.json   | not both",
    })
    void aWrongCommandLineIsAUsageError(String argv, String message) {
        int code = run(argv.trim().split("\\s+"));

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains(message);
    }

    @Test
    void anInvalidWantedDocumentIsReportedAtItsPlace(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "a", "image": "x:1",
                  "memory": "lots", "restart": "sometimes"}]""");

        int code = run("plan", wanted.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains(wanted + ":2:").contains("$[0].memory: [").contains("$[0].restart: [docker-restart]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"id\": \"a\", \"image\": \"x\", \"constraints\": {\"disk\": \"nvme\"}}]                       | wanted.json:1:2: $[0]: [no-fit] ",
        "[{\"id\": \"a\", \"image\": \"x\", \"links\": [\"b\"]}, {\"id\": \"b\", \"image\": \"x\", \"depends_on\": [\"a\"]}] | [dependency-cycle]",
    })
    void aContainerThatFitsOnNoHostOrADependencyCycleIsInvalidInput(String json, String message, @TempDir Path dir)
            throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), json);

        int code = run("plan", wanted.toString(), "--hosts", HOSTS);

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains(message);
    }

    @Test
    void planAsksAnUnreachableEngineOnlyWithInspectAndNamesIt(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "far", "docker": "unix:///nonexistent.sock", "labels": {"disk": "ssd"}},
                 {"id": "near", "docker": "unix:///nonexistent-too.sock"}]""");

        assertThat(run("plan", APP, "--hosts", hosts.toString())).as(stderr()).isZero();
        out.reset();
        err.reset();
        int code = run("plan", APP, "--hosts", hosts.toString(), "--inspect");

        assertThat(code).isEqualTo(3);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("cccf plan: host far (unix:///nonexistent.sock): unreachable: ");
    }

    @Test
    void applyToAnUnreachableEngineChangesNothingAndNamesIt(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "far", "docker": "unix:///nonexistent.sock", "labels": {"disk": "ssd"}}]""");

        int code = run("apply", APP, "--hosts", hosts.toString(), "--dry-run");

        assertThat(code).isEqualTo(3);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("cccf apply: host far (unix:///nonexistent.sock): unreachable: ");
        assertThat(stderr().lines()).hasSize(1);
    }

    @Test
    void applyReportsAnInvalidWantedDocumentBeforeAnyEngineEvenThoughItAsksThemMeanwhile(@TempDir Path dir)
            throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "far", "docker": "unix:///nonexistent.sock"}]""");
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "a", "image": "x:1", "restart": "sometimes"}]""");

        int code = run("apply", wanted.toString(), "--hosts", hosts.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith(wanted + ":1:").contains("[docker-restart]").doesNotContain("unreachable");
    }

    @Test
    void aMemoryNoHostCanHaveIsALocatedProblemNotAnInternalError(@TempDir Path dir) throws Exception {
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "a", "image": "x:1", "memory": "1234567890123456"}]""");

        int code = run("plan", wanted.toString(), "--hosts", HOSTS);

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo(wanted + ":1:40: $[0].memory: [memory-range] memory \"1234567890123456\""
                + " must be at least 1 byte and at most 1p (1 PiB)\n");
    }

    @Test
    void aFieldNoTableKnowsIsTheSameLocatedWarningInPlanAndApplyAndNeverAnOption(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "far", "docker": "unix:///nonexistent.sock"}]""");
        Path wanted = Files.writeString(dir.resolve("wanted.json"), """
                [{"id": "a", "image": "busybox", "logging": {"driver": "none"}}]""");
        String warning = wanted + ":1:45: $[0].logging: warning: [unknown-field] field \"logging\" is not a field cccf knows:"
                + " docker run, apply, compose, swarm and systemd leave it out (the fields: docs/fields.md)\n";

        int planned = run("plan", wanted.toString());
        String planErr = stderr();
        String planOut = stdout();
        out.reset();
        err.reset();
        int applied = run("apply", wanted.toString(), "--hosts", hosts.toString(), "--dry-run");

        assertThat(planned).isZero();
        assertThat(planOut).isEqualTo("+ a  on (any host)\n\nPlan: 1 to add, 0 to change, 0 to replace, 0 to remove.\n");
        assertThat(planErr).isEqualTo(warning);
        assertThat(applied).isEqualTo(3); // the engine is unreachable: the warning came from reading WANTED
        assertThat(stderr()).startsWith(warning);
    }
}
