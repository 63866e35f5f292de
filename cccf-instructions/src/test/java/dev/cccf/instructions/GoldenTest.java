package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Sections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Before/after golden files per target, under src/test/resources/golden. To regenerate after a
 * deliberate change, run with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Options OPTIONS = Options.defaults().withHosts(Map.of("a", "unix:///var/run/docker.sock"));

    private static List<Container> containers() throws IOException {
        return Cccf.read(DIR.resolve("containers.json")).containers();
    }

    private static Changes diff() throws IOException {
        try (InputStream in = Files.newInputStream(DIR.resolve("diff.json"))) {
            Sections s = Cccf.reader().readSections(in, "diff.json", Set.of("add", "remove", "keep"));
            return new Changes(s.section("add").containers(), s.section("remove").containers(), s.section("keep").containers());
        }
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(actual).as(name).isEqualTo(Files.readString(file));
    }

    private static String lines(Plan plan) {
        StringBuilder b = new StringBuilder();
        plan.lines().forEach(l -> b.append(l).append('\n'));
        plan.warnings().forEach(w -> b.append("# warning: ").append(w.path()).append(": [").append(w.code()).append("] ").append(w.message()).append('\n'));
        return b.toString();
    }

    private static String yaml(ObjectNode tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.writeTree(tree, out, OutputFormat.YAML);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dockerRun() throws IOException {
        assertGolden("docker-run.sh", lines(Instructions.run(containers(), OPTIONS)));
    }

    @Test
    void dockerPlan() throws IOException {
        assertGolden("docker-plan.sh", lines(Instructions.plan(diff(), OPTIONS)));
    }

    @Test
    void swarmRun() throws IOException {
        assertGolden("swarm-run.sh", lines(Instructions.run(containers(), OPTIONS.withTarget(Target.SWARM))));
    }

    @Test
    void swarmPlan() throws IOException {
        assertGolden("swarm-plan.sh", lines(Instructions.plan(diff(), OPTIONS.withTarget(Target.SWARM))));
    }

    @Test
    void compose() throws IOException {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        Instructions.compose(containers(), OPTIONS).forEach(all::set);
        assertGolden("compose.yaml", yaml(all));
    }

    @Test
    void systemd() throws IOException {
        Map<String, String> units = Instructions.systemd(containers(), OPTIONS);
        assertThat(units.keySet()).containsExactly("db.service", "web.service", "agent.service");
        for (var unit : units.entrySet()) {
            assertGolden("systemd/" + unit.getKey(), unit.getValue());
        }
    }
}
