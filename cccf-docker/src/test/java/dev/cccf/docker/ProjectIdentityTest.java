package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.cli.Tool;
import dev.cccf.diff.Diff;
import dev.cccf.docker.cli.ApplyTool;
import dev.cccf.docker.cli.InspectTool;
import dev.cccf.scale.Scale;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which project an apply works for, and that it touches no other: the project comes from
 * {@code -p}, {@code CCCF_PROJECT} or WANTED's folder; each container records the file it was
 * applied from; other projects' containers are not even read. On {@link MemoryEngine}.
 */
class ProjectIdentityTest {
    private final MemoryEngine engine = new MemoryEngine();

    private record Run(int exit, String out, String err) {
    }

    private Run apply(Map<String, String> env, Path wanted, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        List<String> argv = new ArrayList<>(List.of(wanted.toString(), "-H", "unix:///memory.sock", "--parallel", "1", "--compact"));
        argv.addAll(List.of(more));
        int exit = new ApplyTool(streams, url -> engine).execute(argv.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run apply(Path wanted, String... more) {
        return apply(Map.of(), wanted, more);
    }

    private static Path wanted(Path folder, String json) throws IOException {
        return Files.writeString(Files.createDirectories(folder).resolve("wanted.json"), json);
    }

    @Test
    void twoFoldersEachWithWantedJsonAreTwoProjectsThatLeaveEachOtherAlone(@TempDir Path dir) throws Exception {
        Path shop = wanted(dir.resolve("Shop"), """
                [{"id": "shop-web", "image": "w:1"}]""");
        Path blog = wanted(dir.resolve("blog"), """
                [{"id": "blog-web", "image": "b:1"}]""");
        assertThat(apply(shop).exit()).isZero();
        assertThat(apply(blog).exit()).isZero();
        Files.writeString(shop, """
                [{"id": "shop-api", "image": "a:1"}]""");
        engine.calls.clear();

        Run again = apply(shop);

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(engine.calls).containsExactly("stop shop-web", "remove shop-web", "create shop-api", "start shop-api");
        assertThat(engine.labels("blog-web")).containsEntry(CccfLabels.PROJECT, "blog")
                .containsEntry(CccfLabels.SOURCE, blog.toRealPath().toString());
        assertThat(engine.labels("shop-api")).containsEntry(CccfLabels.PROJECT, "shop")
                .containsEntry(CccfLabels.SOURCE, shop.toRealPath().toString());
        assertThat(again.out()).contains("\"foreign\":[]");
    }

    @Test
    void anApplyFromAFolderOfTheSameNameElsewhereRefusesToReplaceTheOthersContainersUnlessForced(@TempDir Path dir)
            throws Exception {
        Path first = wanted(dir.resolve("a/app"), """
                [{"id": "web", "image": "w:1"}]""");
        Path second = wanted(dir.resolve("b/app"), """
                [{"id": "web", "image": "w:2"}]""");
        assertThat(apply(first).exit()).isZero();
        engine.calls.clear();

        Run refused = apply(second);

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo(second + ":1:2: $[0]: [other-source] web on unix:///memory.sock belongs to project"
                + " app as applied from " + first.toRealPath() + ", not from " + second.toRealPath()
                + ": not removed (give the folders different project names, or --force to take it over)\n");
        assertThat(engine.calls).isEmpty();

        Run forced = apply(second, "--force");

        assertThat(forced.exit()).as(forced.err()).isZero();
        // taken over as any replacement is: start-first (no host port), the old one going once the new one runs
        assertThat(engine.calls).containsExactly("create web-cccf-next", "start web-cccf-next", "rename web web-cccf-old",
                "rename web-cccf-next web", "stop web-cccf-old", "remove web-cccf-old");
        assertThat(engine.labels("web")).containsEntry(CccfLabels.SOURCE, second.toRealPath().toString());
    }

    @Test
    void anotherFileOfTheSameFolderIsTheSameApplication(@TempDir Path dir) throws Exception {
        Path v1 = wanted(dir.resolve("app"), """
                [{"id": "web", "image": "w:1"}]""");
        Path v2 = Files.writeString(dir.resolve("app/wanted-v2.json"), """
                [{"id": "web", "image": "w:2"}]""");
        assertThat(apply(v1).exit()).isZero();

        Run updated = apply(v2);

        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(engine.labels("web")).containsEntry(CccfLabels.SOURCE, v2.toRealPath().toString());
    }

    @Test
    void theProjectIsTheOptionElseTheVariableElseTheFolderAsComposeNamesIt(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("My App.v2"), """
                [{"id": "web", "image": "w:1"}]""");

        apply(wanted);
        String fromFolder = engine.labels("web").get(CccfLabels.PROJECT);
        engine.containers.clear();
        apply(Map.of("CCCF_PROJECT", "fromenv"), wanted);
        String fromVariable = engine.labels("web").get(CccfLabels.PROJECT);
        engine.containers.clear();
        apply(Map.of("CCCF_PROJECT", "fromenv"), wanted, "-p", "fromoption");
        String fromOption = engine.labels("web").get(CccfLabels.PROJECT);

        assertThat(fromFolder).isEqualTo("myappv2");
        assertThat(fromVariable).isEqualTo("fromenv");
        assertThat(fromOption).isEqualTo("fromoption");
    }

    @Test
    void theNameOfTheDocumentComesBeforeTheFolderButAfterTheVariable(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("folder"), """
                {"name": "shop", "containers": [{"id": "web", "image": "w:1"}]}""");

        Run named = apply(wanted);
        String fromName = engine.labels("web").get(CccfLabels.PROJECT);
        engine.containers.clear();
        apply(Map.of("CCCF_PROJECT", "fromenv"), wanted);
        String fromVariable = engine.labels("web").get(CccfLabels.PROJECT);

        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(fromName).isEqualTo("shop");
        assertThat(fromVariable).isEqualTo("fromenv");
    }

    @Test
    void aProjectNameComposeWouldRefuseIsAUsageError(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("app"), """
                [{"id": "web", "image": "w:1"}]""");

        Run r = apply(wanted, "-p", "My.App");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--project: name \"My.App\" must match ^[a-z0-9][a-z0-9_-]*$");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void otherProjectsContainersAreNeitherReadNorListedButCountedAndOneInTheWayOfAWantedNameIs(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 60; i++) {
            engine.made("other-" + i, i % 2 == 0 ? Map.of() : Map.of(CccfLabels.PROJECT, "other"));
        }
        engine.made("web", Map.of()); // made by hand, with the name WANTED gives a container
        Path wanted = wanted(dir.resolve("app"), """
                [{"id": "web", "image": "w:1"}, {"id": "db", "image": "d:1"}]""");

        Run r = apply(wanted);
        engine.made("one-more", Map.of(CccfLabels.PROJECT, "other"));
        Run again = apply(wanted);

        for (int i = 0; i < 60; i++) {
            assertThat(engine.inspections("other-" + i)).as("other-" + i).isZero();
        }
        assertThat(r.err()).doesNotContain("other-");
        assertThat(r.err()).contains("cccf apply: web on unix:///memory.sock was not created by cccf for this project: left alone");
        assertThat(r.out()).contains("\"foreign\":[{\"id\":\"web\",\"host\":\"unix:///memory.sock\"}]");
        // the 60 others are one count (web is read, as a wanted name), then 61 (the project's db is read)
        assertThat(r.err()).contains("cccf apply: 60 other containers on unix:///memory.sock left alone\n");
        assertThat(r.out()).contains("\"others\":{\"unix:///memory.sock\":60}");
        assertThat(again.err()).contains("cccf apply: 61 other containers on unix:///memory.sock left alone\n");
        assertThat(again.out()).contains("\"others\":{\"unix:///memory.sock\":61}");
    }

    @Test
    void theEngineIsAskedOnlyForTheWantedNamesNoneOfTheProjectsContainersHolds(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("app"), """
                [{"id": "web", "image": "w:1", "scale": 2}, {"id": "db", "image": "d:1"}]""");
        Run first = apply(wanted);
        List<List<String>> askedFirst = List.copyOf(engine.namesAsked);
        engine.namesAsked.clear();
        Run nothingToDo = apply(wanted);
        List<List<String>> askedAgain = List.copyOf(engine.namesAsked);
        engine.namesAsked.clear();
        Path more = wanted(dir.resolve("app"), """
                [{"id": "web", "image": "w:1", "scale": 2}, {"id": "db", "image": "d:1"}, {"id": "cache", "image": "c:1"}]""");
        engine.made("cache", Map.of()); // made by hand: in the way of the new container of that name
        Run added = apply(more);

        assertThat(first.exit()).isZero();
        assertThat(askedFirst).singleElement().asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("web", "web-scale-1", "db");
        assertThat(nothingToDo.exit()).isZero();
        assertThat(nothingToDo.err()).contains("nothing to do: 3 container(s) as wanted");
        assertThat(askedAgain).as("every wanted name is held by one of the project's containers").isEmpty();
        // (and again by the look after the run: cache is still in the way)
        assertThat(engine.namesAsked).isNotEmpty().allSatisfy(names -> assertThat(names).containsExactly("cache"));
        assertThat(added.out()).contains("\"foreign\":[{\"id\":\"cache\",\"host\":\"unix:///memory.sock\"}]");
    }

    @Test
    void inspectOfOneProjectFoldsBackIntoTheScaledDocumentThatWasApplied(@TempDir Path dir) throws Exception {
        Path wanted = wanted(dir.resolve("app"), """
                [{"id": "web", "image": "w:1", "scale": 3}, {"id": "db", "image": "d:1"}]""");
        engine.made("elsewhere", Map.of(CccfLabels.PROJECT, "other"));
        assertThat(apply(wanted).exit()).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8), Map.of());

        int exit = new InspectTool(streams, url -> engine).execute("-H", "unix:///memory.sock", "--project", "app", "--compact");
        List<Container> inspected = Cccf.parse(out.toString(StandardCharsets.UTF_8)).containers();

        assertThat(exit).isZero();
        assertThat(inspected).extracting(Container::id).containsExactly("db", "web", "web-scale-1", "web-scale-2");
        assertThat(Scale.down(inspected)).extracting(Container::id, Container::scale)
                .containsExactly(tuple("db", null), tuple("web", 3));
        assertThat(Diff.between(Scale.down(inspected), Cccf.read(wanted).containers()).isEmpty()).isTrue();
    }
}
