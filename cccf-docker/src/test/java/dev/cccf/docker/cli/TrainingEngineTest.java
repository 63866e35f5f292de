package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.scale.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stand-in engine of the class-data training run answers as an engine does, so the training
 * walks what a real apply walks: from nothing every container is created and started, and a
 * second apply finds nothing to do.
 */
class TrainingEngineTest extends CliTest {
    private static final String APP = Path.of("../examples/app.json").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trainingWalksApplyFromNothingThenFindsNothingToDo() throws Exception {
        List<TrainingEngine> engines = new ArrayList<>();
        try {
            String hosts = TrainingEngine.hostsFile(Path.of("../examples/hosts.json"), engines).toString();
            assertThat(engines).hasSize(3);
            assertThat(run("apply", APP, "--hosts", hosts)).as(stderr()).isZero();
            JsonNode first = JSON.readTree(stdout());
            assertThat(refs(first.path("created"))).isEqualTo(PlanApplyToolTest.EXAMPLE_PLACED);
            for (String none : List.of("started", "removed", "foreign", "failed")) {
                assertThat(first.path(none)).as(none).isEmpty();
            }
            assertThat(first.path("unchanged").intValue()).isZero();
            // every link between two hosts of EXAMPLE_PLACED is wired across them: nothing to warn about
            assertThat(first.path("warnings")).isEmpty();
            out.reset();
            err.reset();

            assertThat(run("apply", APP, "--hosts", hosts)).as(stderr()).isZero();
            assertThat(stderr()).contains("nothing to do");
            JsonNode second = JSON.readTree(stdout());
            for (String none : List.of("created", "started", "removed", "foreign", "failed")) {
                assertThat(second.path(none)).as(none).isEmpty();
            }
            assertThat(second.path("unchanged").intValue()).isEqualTo(PlanApplyToolTest.EXAMPLE_PLACED.size());
            out.reset();

            // what the engines run reads back as the scaled-up wanted containers where they were
            // placed (the first instance of a scaled one with scale 1, a replica without)
            assertThat(run("inspect", "--hosts", hosts, "--all")).isZero();
            // (wired across hosts: published ports, extra_hosts, links that became depends_on)
            DiffResult diff = Diff.between(Cccf.parse(stdout()).containers(), Scale.up(Cccf.read(Path.of(APP)).containers())
                    .stream().map(c -> c.withHost(PlanApplyToolTest.EXAMPLE_PLACED.get(c.id()))).toList(),
                    Set.of("links", "depends_on", "extra_hosts", "ports"));
            assertThat(diff.add()).isEmpty();
            assertThat(diff.remove()).isEmpty();
        } finally {
            engines.forEach(TrainingEngine::close);
        }
    }

    private static Map<String, String> refs(JsonNode list) {
        Map<String, String> out = new HashMap<>();
        list.forEach(r -> out.put(r.path("id").asText(), r.path("host").asText()));
        assertThat(out).as("each id once").hasSize(list.size());
        return out;
    }

    @Test
    void theTrainingRunEndsWell() {
        assertThat(DockerMain.train(Path.of("../examples").toString())).isZero();
    }
}
