package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stand-in engine of the class-data training run answers as an engine does, so the training
 * walks what a real apply walks: from nothing every container is created and started, and a
 * second apply finds nothing to do.
 */
class TrainingEngineTest extends CliTest {
    private static final String APP = Path.of("../examples/app.json").toString();

    @Test
    void trainingWalksApplyFromNothingThenFindsNothingToDo() throws Exception {
        List<TrainingEngine> engines = new ArrayList<>();
        try {
            String hosts = TrainingEngine.hostsFile(Path.of("../examples/hosts.json"), engines).toString();
            assertThat(engines).hasSizeGreaterThan(1);
            assertThat(run("apply", APP, "--hosts", hosts)).as(stderr()).isZero();
            assertThat(stdout()).contains("\"created\":[{").contains("\"failed\":[]");
            out.reset();
            err.reset();
            assertThat(run("apply", APP, "--hosts", hosts)).as(stderr()).isZero();
            assertThat(stderr()).contains("nothing to do");
            assertThat(stdout()).contains("\"created\":[]");
            out.reset();
            assertThat(run("inspect", "--hosts", hosts, "--all")).isZero();
            assertThat(stdout()).contains("\"id\":\"web\"");
        } finally {
            engines.forEach(TrainingEngine::close);
        }
    }

    @Test
    void theTrainingRunEndsWell() {
        assertThat(DockerMain.train(Path.of("../examples").toString())).isZero();
    }
}
