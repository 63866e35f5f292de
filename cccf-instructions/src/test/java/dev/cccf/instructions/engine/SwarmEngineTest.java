package dev.cccf.instructions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Target;
import dev.cccf.testkit.TestEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The swarm target's shell lines, run by a real shell against the manager of the swarm of
 * {@code scripts/engines.sh swarm} (two nodes), create the services with the right replica counts
 * and modes, and keep hostile values literal. The swarm is left as it was: only the services
 * this test made are removed.
 */
@Tag("engine")
class SwarmEngineTest {
    private TestEngines.Swarm swarm;
    private final List<String> services = new ArrayList<>();

    @BeforeEach
    void swarm() {
        swarm = TestEngines.requireSwarm();
    }

    @AfterEach
    void removeServices() throws Exception {
        if (swarm == null) {
            return; // skipped: no swarm to clean up
        }
        for (String s : services) {
            docker("service", "rm", s);
        }
        // the tasks' containers go a moment later, on both nodes: wait, so that no later test sees them
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String url : List.of(swarm.manager(), swarm.worker())) {
            for (String s : services) {
                while (!run(List.of("docker", "-H", url, "ps", "-aq", "--filter", "label=com.docker.swarm.service.name=" + s))
                        .output().isBlank() && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
            }
        }
    }

    @Test
    void swarmInstructionsCreateTheServicesWithTheirReplicas() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        List<Container> wanted = Cccf.parse("""
                [{"id": "web-%1$s", "image": "%2$s", "scale": 3, "env": ["GREETING=$(touch /tmp/canary-%1$s)"],
                  "labels": {"tier": "front end"}},
                 {"id": "agent-%1$s", "image": "%2$s", "global": true, "cmd": "sleep 1000"},
                 {"id": "db-%1$s", "image": "%2$s"}]
                """.formatted(suffix, TestEngines.IMAGE)).containers();
        wanted.forEach(c -> services.add(c.id()));
        // --detach: return at once instead of watching each service converge (checked below)
        List<String> lines = Instructions.run(wanted,
                Options.defaults().withTarget(Target.SWARM).withRunArgs(List.of("--detach"))).lines();
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("docker service create "));

        for (String line : lines) {
            Result r = run(List.of("/bin/sh", "-c", line));
            assertThat(r.code()).as(line + "\n" + r.output()).isZero();
        }

        assertThat(docker("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", "web-" + suffix).output().trim())
                .isEqualTo("3");
        assertThat(docker("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", "db-" + suffix).output().trim())
                .isEqualTo("1");
        assertThat(docker("service", "inspect", "--format", "{{if .Spec.Mode.Global}}global{{end}}", "agent-" + suffix)
                .output().trim()).isEqualTo("global");
        assertThat(docker("service", "inspect", "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Env}}", "web-" + suffix)
                .output().trim()).isEqualTo("[\"GREETING=$(touch /tmp/canary-" + suffix + ")\"]");
        assertThat(docker("service", "inspect", "--format", "{{index .Spec.TaskTemplate.ContainerSpec.Labels \"tier\"}}", "web-" + suffix)
                .output().trim()).isEqualTo("front end");
        assertThat(java.nio.file.Path.of("/tmp/canary-" + suffix)).doesNotExist();

        // the tasks really run: 3 of web, 1 of agent on each node, 1 of db
        int nodes = swarm.nodes().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String replicas = "";
        while (System.nanoTime() < deadline) {
            replicas = docker("service", "ls", "--format", "{{.Name}}={{.Replicas}}").output();
            if (replicas.contains("web-" + suffix + "=3/3") && replicas.contains("agent-" + suffix + "=" + nodes + "/" + nodes)
                    && replicas.contains("db-" + suffix + "=1/1")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(replicas).contains("web-" + suffix + "=3/3", "agent-" + suffix + "=" + nodes + "/" + nodes,
                "db-" + suffix + "=1/1");
    }

    record Result(int code, String output) {
    }

    private Result docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", swarm.manager()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", swarm.manager());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
