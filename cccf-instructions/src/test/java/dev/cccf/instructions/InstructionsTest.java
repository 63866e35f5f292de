package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Problem;
import dev.cccf.core.Cccf;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of cccf-docker-instructions 3.1.1's test/spec.js, compared on meaning, and what we add. */
class InstructionsTest {
    /** test/config.json of cccf-docker-instructions 3.1.1, with spec.js's additions: a second port on app1 and dns. */
    private static final List<Container> CONFIG = original();

    private static List<Container> original() {
        try {
            List<Container> config = Cccf.read(java.nio.file.Path.of(
                    "src/test/resources/cccf-docker-instructions-3.1.1/config.json")).containers();
            Container app1 = config.get(0).withPorts(List.of("80:80", "443:443"))
                    .withExtension("dns", com.fasterxml.jackson.databind.node.TextNode.valueOf("172.17.42.1"));
            return List.of(app1, config.get(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Options DEFAULTS = Options.defaults();

    /**
     * An argv as option -> values, so {@code --name=app1}, {@code --name app1} and the original's
     * spelling compare equal; the words after the image are the command.
     */
    private static Map<String, List<String>> meaning(List<String> argv) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (String w : argv) {
            int eq = w.indexOf('=');
            if (w.startsWith("-") && eq > 0) {
                m.computeIfAbsent(w.substring(0, eq), k -> new java.util.ArrayList<>()).add(w.substring(eq + 1));
            } else {
                m.computeIfAbsent(w, k -> new java.util.ArrayList<>());
            }
        }
        return m;
    }

    @Test
    void runGivesOneDockerRunPerContainerWithTheOriginalsFlagsAndValues() {
        List<List<String>> run = Instructions.run(CONFIG, DEFAULTS).commands();

        assertThat(run).hasSize(2);
        assertThat(run.get(0).subList(0, 2)).containsExactly("docker", "run");
        Map<String, List<String>> m = meaning(run.get(0));
        assertThat(m.get("--name")).containsExactly("app1");
        assertThat(m.get("-p")).containsExactly("80:80", "443:443");
        assertThat(m.get("--env")).containsExactly("FOO=BAR");
        assertThat(m.get("--volume")).containsExactly("/tmp:/tmp");
        assertThat(m.get("--expose")).containsExactly("8000", "3000");
        assertThat(m.get("--dns")).containsExactly("172.17.42.1");
        assertThat(run.get(0)).contains("megacorp/webapp");
    }

    @Test
    void runPutsTheImageThenTheCommandLast() {
        List<String> argv = Instructions.run(CONFIG, DEFAULTS).commands().get(0);

        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("megacorp/webapp", "python", "server.py");
        assertThat(Instructions.run(CONFIG, DEFAULTS).lines().get(0)).endsWith(" megacorp/webapp python server.py");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "start", "rm", "kill"})
    void verbsByNameGiveDockerVerbAndTheName(String verb) {
        Plan plan = switch (verb) {
            case "stop" -> Instructions.stop(CONFIG, DEFAULTS);
            case "start" -> Instructions.start(CONFIG, DEFAULTS);
            case "rm" -> Instructions.rm(CONFIG, DEFAULTS);
            default -> Instructions.kill(CONFIG, DEFAULTS);
        };

        assertThat(plan.lines()).containsExactlyInAnyOrder("docker " + verb + " app1", "docker " + verb + " app2");
    }

    @Test
    void aMissingCmdLeavesNothingAfterTheImage() {
        Container noCmd = CONFIG.get(0).withCmd(null);

        List<String> argv = Instructions.run(List.of(noCmd), DEFAULTS).commands().get(0);

        assertThat(argv.get(argv.size() - 1)).isEqualTo("megacorp/webapp");
        assertThat(String.join(" ", argv)).doesNotContain("undefined", "null");
    }

    @Test
    void runDetachesByDefaultAndNotWhenAskedNotTo() {
        assertThat(Instructions.run(CONFIG, DEFAULTS).commands().get(0)).contains("-d");
        assertThat(Instructions.run(CONFIG, DEFAULTS.withDetach(false)).commands().get(0)).doesNotContain("-d");
    }

    @Test
    void aHostUrlComesFirstAsDashH() {
        Container c = CONFIG.get(0).withHost("tcp://172.17.42.1:4243");

        assertThat(Instructions.run(List.of(c), DEFAULTS).commands().get(0).subList(0, 3))
                .containsExactly("docker", "-H=tcp://172.17.42.1:4243", "run");
        assertThat(Instructions.rm(List.of(c), DEFAULTS).commands().get(0))
                .containsExactly("docker", "-H=tcp://172.17.42.1:4243", "rm", "app1");
    }

    @Test
    void excludedFieldsAreLeftOut() {
        Container c = CONFIG.get(0).withExtension("memory", Cccf.parse("{\"id\":\"x\",\"image\":\"i\",\"memory\":\"1g\"}")
                .containers().get(0).extension("memory").orElseThrow());

        assertThat(Instructions.run(List.of(c), DEFAULTS).commands().get(0)).contains("--memory=1g");
        List<String> argv = Instructions.run(List.of(c), DEFAULTS.withExclude(Set.of("memory", "dns", "env")))
                .commands().get(0);
        assertThat(argv).noneMatch(w -> w.startsWith("--memory") || w.startsWith("--dns") || w.startsWith("--env"));
    }

    @Test
    void scaleIsNeverADockerRunOption() {
        Container c = CONFIG.get(0).withScale(5);

        assertThat(Instructions.run(List.of(c), DEFAULTS).commands().get(0)).noneMatch(w -> w.contains("scale"));
    }

    @Test
    void extensionFieldsBecomeOptions() {
        Container c = Cccf.parse("""
                {"id": "web", "image": "nginx",
                 "labels": {"tier": "front", "team": "a b"},
                 "cap_add": ["NET_ADMIN", "SYS_TIME"],
                 "privileged": true, "read_only": false,
                 "cpus": 1.5,
                 "depends_on": ["db"], "constraints": {"zone": "a"}, "conflicts": ["web*"], "global": false}
                """).containers().get(0);

        List<String> argv = Instructions.run(List.of(c), DEFAULTS).commands().get(0);

        assertThat(argv).containsExactly("docker", "run", "-d", "--name=web", "--label=tier=front", "--label=team=a b",
                "--cap-add=NET_ADMIN", "--cap-add=SYS_TIME", "--privileged", "--cpus=1.5", "nginx");
    }

    @Test
    void linksLoseTheDollarOfCccfsExampleAndKeepTheirAlias() {
        Container c = Container.builder("web", "nginx").links("$redis", "db:database", "/cache").build();

        assertThat(Instructions.run(List.of(c), DEFAULTS).commands().get(0))
                .contains("--link=redis", "--link=db:database", "--link=cache");
    }

    @Test
    void healthcheckBecomesDockersHealthOptions() {
        Container c = Cccf.parse("""
                {"id": "web", "image": "nginx", "healthcheck":
                  {"test": ["CMD", "curl", "-f", "http://x/a b"], "interval": "30s", "start_period": "5s", "retries": 3}}
                """).containers().get(0);

        assertThat(Instructions.run(List.of(c), DEFAULTS).commands().get(0)).contains(
                "--health-cmd=curl -f 'http://x/a b'", "--health-interval=30s", "--health-start-period=5s", "--health-retries=3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logging", "Labels", "a b", "x;y", "--rm", "-v", "é", "a=b"})
    void aFieldTheTableDoesNotKnowIsNeverGuessedIntoAnOption(String name) {
        Container c = Container.builder("web", "nginx").build()
                .withExtension(name, Cccf.parse("{\"id\": \"x\", \"image\": \"i\", \"f\": {\"driver\": \"none\"}}")
                        .containers().get(0).extension("f").orElseThrow());

        Plan plan = Instructions.run(List.of(c), DEFAULTS);

        assertThat(plan.commands()).containsExactly(List.of("docker", "run", "-d", "--name=web", "nginx"));
    }

    @Test
    void aKnownFieldWithABadValueIsAnErrorWithTheTablesRuleCode() {
        Container c = Container.builder("web", "nginx").build()
                .withExtension("restart", TextNode.valueOf("sometimes"));

        assertThatThrownBy(() -> Instructions.run(List.of(c), DEFAULTS))
                .isInstanceOfSatisfying(InstructionsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path, Problem::code).containsExactly(tuple("web.restart", "docker-restart")));
    }

    @Test
    void aHostIdIsResolvedThroughTheHostsAndAnUnknownOneIsAnError() {
        Container c = Container.builder("web", "nginx").host("a").build();

        assertThat(Instructions.stop(List.of(c), DEFAULTS.withHosts(Map.of("a", "unix:///var/run/docker.sock")))
                .commands().get(0)).containsExactly("docker", "-H=unix:///var/run/docker.sock", "stop", "web");
        assertThatThrownBy(() -> Instructions.stop(List.of(c), DEFAULTS))
                .isInstanceOfSatisfying(InstructionsException.class, e -> assertThat(e.problems().get(0))
                        .extracting(Problem::path, Problem::code).containsExactly("web.host", InstructionRules.UNKNOWN_HOST));
    }

    @Test
    void anIdOrImageStartingWithADashIsAnError() {
        Container c = Container.builder("-rf", "-x").build();

        assertThatThrownBy(() -> Instructions.stop(List.of(c), DEFAULTS))
                .isInstanceOfSatisfying(InstructionsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactly("-rf.id", "-rf.image"));
    }

    @Test
    void aNulCharacterInAValueIsAnError() {
        Container c = Container.builder("web", "nginx").cmd(Cmd.argv(List.of("a\0b"))).build();

        assertThatThrownBy(() -> Instructions.run(List.of(c), DEFAULTS))
                .isInstanceOfSatisfying(InstructionsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code).containsExactly(InstructionRules.NUL_CHARACTER));
    }

    @Test
    void extraRunArgumentsComeBeforeTheImage() {
        List<String> argv = Instructions.run(CONFIG.subList(1, 2), DEFAULTS.withRunArgs(List.of("--dns", "8.8.8.8")))
                .commands().get(0);

        assertThat(argv.subList(argv.size() - 5, argv.size()))
                .containsExactly("--dns", "8.8.8.8", "megacorp/webapp", "python", "server.py");
    }

    @Test
    void aCmdArrayIsTakenAsItIs() {
        Container c = Container.builder("web", "nginx").cmd(Cmd.argv(List.of("sh", "-c", "echo $HOME; ls *"))).build();

        assertThat(Instructions.run(List.of(c), DEFAULTS).lines().get(0))
                .isEqualTo("docker run -d --name=web nginx sh -c 'echo $HOME; ls *'");
    }

    @Test
    void runStartsWhatAContainerLinksToFirstAndStopGoesTheOtherWay() {
        List<Container> list = List.of(Container.builder("web", "nginx").links("db").build(),
                Container.of("db", "postgres"), Container.of("other", "x"));

        assertThat(Instructions.run(list, DEFAULTS).commands()).extracting(a -> a.get(a.size() - 1))
                .containsExactly("postgres", "nginx", "x");
        assertThat(Instructions.stop(list, DEFAULTS).lines())
                .containsExactly("docker stop other", "docker stop web", "docker stop db");
    }

    @Test
    void theInputIsNotChanged() {
        List<Container> before = List.copyOf(CONFIG);
        String canonical = before.stream().map(Cccf::canonical).toList().toString();

        Instructions.run(CONFIG, DEFAULTS);

        assertThat(CONFIG).isEqualTo(before);
        assertThat(CONFIG.stream().map(Cccf::canonical).toList().toString()).isEqualTo(canonical);
    }
}
