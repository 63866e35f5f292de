package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.Problem;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final Options DOCKER = Options.defaults();

    private static List<Container> parse(String json) {
        return Cccf.parse(json).containers();
    }

    private static Changes changes(String add, String remove, String keep) {
        return new Changes(parse(add), parse(remove), parse(keep));
    }

    @Test
    void aReplacedContainerIsStoppedAndRemovedBeforeItsNewConfigurationRuns() {
        Changes c = changes("""
                [{"id": "web", "image": "nginx:2"}]""", """
                [{"id": "web", "image": "nginx:1"}]""", "[]");

        assertThat(Instructions.plan(c, DOCKER).lines())
                .containsExactly("docker stop web", "docker rm web", "docker run -d --name=web nginx:2");
    }

    @Test
    void additionsRunAfterWhatTheyLinkToOrDependOn() {
        Changes c = changes("""
                [{"id": "web", "image": "w", "links": ["api:backend"]},
                 {"id": "api", "image": "a", "depends_on": ["db", "cache"]},
                 {"id": "solo", "image": "s"},
                 {"id": "cache", "image": "c"},
                 {"id": "db", "image": "d"}]""", "[]", "[]");

        assertThat(Instructions.plan(c, DOCKER).commands()).extracting(argv -> argv.get(3))
                .containsExactly("--name=solo", "--name=cache", "--name=db", "--name=api", "--name=web");
    }

    @Test
    void removalsGoInReverseDependencyOrderBeforeEveryAddition() {
        Changes c = changes("""
                [{"id": "new", "image": "n"}]""", """
                [{"id": "db", "image": "d"}, {"id": "web", "image": "w", "links": ["$db"]}]""", "[]");

        assertThat(Instructions.plan(c, DOCKER).lines()).containsExactly(
                "docker stop web", "docker rm web", "docker stop db", "docker rm db", "docker run -d --name=new n");
    }

    @Test
    void withoutDependenciesTheInputOrderIsKept() {
        Changes c = changes("""
                [{"id": "c", "image": "i"}, {"id": "a", "image": "i"}, {"id": "b", "image": "i"}]""", """
                [{"id": "z", "image": "i"}, {"id": "y", "image": "i"}]""", "[]");

        assertThat(Instructions.plan(c, DOCKER).lines()).containsExactly(
                "docker stop y", "docker rm y", "docker stop z", "docker rm z",
                "docker run -d --name=c i", "docker run -d --name=a i", "docker run -d --name=b i");
    }

    @Test
    void aDependencyCycleIsAnErrorNamingTheCycle() {
        Changes c = changes("""
                [{"id": "x", "image": "i"},
                 {"id": "a", "image": "i", "links": ["b"]},
                 {"id": "b", "image": "i", "depends_on": ["c"]},
                 {"id": "c", "image": "i", "links": ["a:alias"]}]""", "[]", "[]");

        assertThatThrownBy(() -> Instructions.plan(c, DOCKER)).isInstanceOfSatisfying(InstructionsException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(i -> {
                    assertThat(i.code()).isEqualTo(InstructionRules.DEPENDENCY_CYCLE);
                    assertThat(i.path()).isEqualTo("a.links[0]");
                    assertThat(i.location()).isEmpty();
                    assertThat(i.message()).contains("a -> b -> c -> a");
                }));
    }

    @Test
    void aLongCycleIsNamedShortly() {
        List<Container> ring = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ring.add(Container.builder("c" + i, "i").links("c" + (i + 1) % 100).build());
        }

        assertThatThrownBy(() -> Instructions.plan(new Changes(ring, List.of(), List.of()), DOCKER))
                .isInstanceOfSatisfying(InstructionsException.class, e -> assertThat(e.problems().get(0).message())
                        .isEqualTo("dependency cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> c8 -> c9"
                                + " -> ... (89 more) -> c99 -> c0 (links and depends_on)"));
    }

    @Test
    void aContainerThatLinksToItselfIsACycle() {
        Changes c = changes("""
                [{"id": "a", "image": "i", "links": ["a"]}]""", "[]", "[]");

        assertThatThrownBy(() -> Instructions.plan(c, DOCKER)).isInstanceOfSatisfying(InstructionsException.class,
                e -> assertThat(e.problems().get(0).message()).contains("a -> a"));
    }

    @Test
    void aLinkToAKeptContainerIsFineAndToOneNeitherAddedNorKeptIsAWarning() {
        Changes c = changes("""
                [{"id": "web", "image": "w", "links": ["db", "ghost"], "depends_on": ["old"]}]""", """
                [{"id": "old", "image": "o"}]""", """
                [{"id": "db", "image": "d"}]""");

        Plan plan = Instructions.plan(c, DOCKER);

        assertThat(plan.commands()).hasSize(3);
        assertThat(plan.warnings()).extracting(Problem::path, Problem::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web.links[1]", InstructionRules.MISSING_DEPENDENCY),
                org.assertj.core.groups.Tuple.tuple("web.depends_on[0]", InstructionRules.MISSING_DEPENDENCY));
        assertThat(plan.warnings().get(1).message()).contains("removes");
    }

    @Test
    void hostsOfTheOldAndTheNewContainerAreEachUsed() {
        Changes c = changes("""
                [{"id": "web", "image": "w", "host": "tcp://b:2375"}]""", """
                [{"id": "web", "image": "w", "host": "tcp://a:2375"}]""", "[]");

        assertThat(Instructions.plan(c, DOCKER).lines()).containsExactly("docker -H=tcp://a:2375 stop web",
                "docker -H=tcp://a:2375 rm web", "docker -H=tcp://b:2375 run -d --name=web w");
    }

    @Test
    void anEmptyDiffGivesNoInstructions() {
        assertThat(Instructions.plan(changes("[]", "[]", "[]"), DOCKER).commands()).isEmpty();
    }

    @Test
    void swarmUpdatesAReplacedServiceWhenOnlyImageEnvPortsOrReplicasChanged() {
        Changes c = changes("""
                [{"id": "web", "image": "w:2", "env": ["A=1", "C=3"], "ports": ["8080:80/udp"], "scale": 3}]""", """
                [{"id": "web", "image": "w:1", "env": ["A=1", "B=2"], "ports": ["80:80"]}]""", "[]");

        assertThat(Instructions.plan(c, Options.defaults().withTarget(Target.SWARM)).commands()).containsExactly(List.of(
                "docker", "service", "update", "--image=w:2", "--env-rm=B", "--env-add=C=3",
                "--publish-rm=published=80,target=80,protocol=tcp", "--publish-add=published=8080,target=80,protocol=udp",
                "--replicas=3", "web"));
    }

    @Test
    void swarmRecreatesAReplacedServiceWhenOtherFieldsChanged() {
        Changes c = changes("""
                [{"id": "web", "image": "w", "volumes": ["/a:/b"]}, {"id": "new", "image": "n"}]""", """
                [{"id": "web", "image": "w"}, {"id": "gone", "image": "g"}]""", "[]");

        assertThat(Instructions.plan(c, Options.defaults().withTarget(Target.SWARM)).lines()).containsExactly(
                "docker service rm gone", "docker service rm web",
                "docker service create --name=web --mount=type=bind,source=/a,target=/b w",
                "docker service create --name=new n");
    }

    @Test
    void theWantedStateIsKeptAndAddedInDependencyOrder() {
        Changes c = changes("""
                [{"id": "web", "image": "w", "links": ["db"]}]""", """
                [{"id": "web", "image": "old"}]""", """
                [{"id": "db", "image": "d"}]""");

        assertThat(Instructions.wanted(c)).extracting(Container::id).containsExactly("db", "web");
    }
}
