package dev.cccf.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cccf.core.Secrets;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.scale.Scale;
import dev.cccf.testkit.Samples;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffTest {

    private static List<String> ids(List<Container> containers) {
        return containers.stream().map(Container::id).toList();
    }

    private static List<Container> parse(String text) {
        return Cccf.parse(text).containers();
    }

    // cccf-diff 3.0.2 test/spec.js: current = [example, example as 'remove'], wanted = [example, example as 'new']
    private static final List<Container> CURRENT = List.of(Samples.example(), Samples.example().withId("remove"));
    private static final List<Container> WANTED = List.of(Samples.example(), Samples.example().withId("new"));

    @Test
    void returnsAnObjectWithKeepAddAndRemove() {
        DiffResult d = Diff.between(CURRENT, WANTED);
        assertThat(ids(d.keep())).containsExactly("app");
        assertThat(ids(d.add())).containsExactly("new");
        assertThat(ids(d.remove())).containsExactly("remove");
        assertThat(d.changed()).isEmpty();
    }

    /*
     * 'works with scales'. The counts are those of the original, though our diff ignores scale
     * and our scale up leaves scale 1 on the first instance: 'new' (scale 5) is not in current, so
     * all five instances are added whatever scale says; in the second half the ids app and new are
     * in both and equal apart from scale, so they are kept either way, and the four replicas go.
     */
    @Test
    void worksWithScales() {
        List<Container> upscaled = Scale.up(List.of(WANTED.get(0), WANTED.get(1).withScale(5)));
        DiffResult d = Diff.between(CURRENT, upscaled);
        assertThat(d.keep()).hasSize(1);
        assertThat(d.add()).hasSize(5);
        assertThat(d.remove()).hasSize(1);

        List<Container> downscaled = Scale.down(upscaled);
        DiffResult back = Diff.between(upscaled, downscaled);
        assertThat(back.keep()).hasSize(2);
        assertThat(back.add()).isEmpty();
        assertThat(back.remove()).hasSize(4);
    }

    /* Where scale alone differs, the original removed and re-added the container; we keep it. */
    @Test
    void keepsAContainerWhoseScaleAloneDiffers() {
        DiffResult d = Diff.between(List.of(Samples.example().withScale(3)), List.of(Samples.example()));
        assertThat(d.keep()).containsExactly(Samples.example().withScale(3));
        assertThat(d.isEmpty()).isTrue();
    }

    // 'looks at all the properties'
    @Test
    void looksAtAllTheProperties() {
        Container current = Samples.example();
        Container wanted = current.withImage(current.image() + ":1.2.3");
        DiffResult d = Diff.between(List.of(current), List.of(wanted));
        assertThat(d.add()).containsExactly(wanted);
        assertThat(d.remove()).containsExactly(current);
        assertThat(d.keep()).isEmpty();
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("app");
            assertThat(c.fields()).containsOnlyKeys("image");
            assertThat(c.fields().get("image").from()).isEqualTo(TextNode.valueOf("megacorp/webapp"));
            assertThat(c.fields().get("image").to()).isEqualTo(TextNode.valueOf("megacorp/webapp:1.2.3"));
        });
    }

    // 'can handle properties in random order'
    @Test
    void keepsContainerWhenOnlyPropertyOrderDiffers() {
        List<Container> current = parse("""
                {"image": "x", "env": ["A=1"], "x-a": {"q": 1, "p": [2, {"k": 1, "j": 2}]}, "id": "a"}""");
        List<Container> wanted = parse("""
                {"id": "a", "x-a": {"p": [2, {"j": 2, "k": 1}], "q": 1}, "image": "x", "env": ["A=1"]}""");
        DiffResult d = Diff.between(current, wanted);
        assertThat(d.keep()).hasSize(1);
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void comparesSetLikeListsAsSetsButOtherListsInOrder() {
        List<Container> current = parse("""
                {"id": "a", "image": "x", "env": ["A=1", "B=2"], "ports": ["1:1", "2:2"], "volumes": ["/a", "/b"],
                 "expose": ["1", "2"], "links": ["b", "c"], "cmd": ["run", "fast"]}""");
        List<Container> shuffled = parse("""
                {"id": "a", "image": "x", "env": ["B=2", "A=1", "A=1"], "ports": ["2:2", "1:1"], "volumes": ["/b", "/a"],
                 "expose": ["2", "1"], "links": ["c", "b"], "cmd": ["run", "fast"]}""");
        assertThat(Diff.between(current, shuffled).keep()).hasSize(1);
        List<Container> argvSwapped = List.of(shuffled.get(0).withCmd(dev.cccf.core.Cmd.argv(List.of("fast", "run"))));
        assertThat(Diff.between(current, argvSwapped).changed()).singleElement()
                .satisfies(c -> assertThat(c.fields()).containsOnlyKeys("cmd"));
    }

    @Test
    void idsThatAreAnagramsAreDifferentContainers() {
        DiffResult d = Diff.between(List.of(Container.of("ab", "x")), List.of(Container.of("ba", "x")));
        assertThat(ids(d.add())).containsExactly("ba");
        assertThat(ids(d.remove())).containsExactly("ab");
        assertThat(d.keep()).isEmpty();
    }

    @Test
    void configsThatAreAnagramsAreDifferent() {
        // the original compared sorted character bags: these two have the same characters
        DiffResult d = Diff.between(List.of(Container.of("a", "nginx:17")), List.of(Container.of("a", "nginx:71")));
        assertThat(d.changed()).singleElement().satisfies(c -> assertThat(c.fields()).containsOnlyKeys("image"));
    }

    @Test
    void ignoresTheCurrentHostWhenTheWantedContainerHasNoneAndKeepsTheCurrentValue() {
        Container running = Container.of("a", "x").withHost("h1");
        DiffResult d = Diff.between(List.of(running), List.of(Container.of("a", "x")));
        assertThat(d.keep()).containsExactly(running);
    }

    @Test
    void aWantedHostThatDiffersIsAChange() {
        DiffResult d = Diff.between(List.of(Container.of("a", "x").withHost("h1")),
                List.of(Container.of("a", "x").withHost("h2")));
        assertThat(d.changed()).singleElement().satisfies(c -> assertThat(c.fields()).containsOnlyKeys("host"));
        DiffResult placed = Diff.between(List.of(Container.of("a", "x")), List.of(Container.of("a", "x").withHost("h2")));
        assertThat(placed.changed().get(0).fields().get("host"))
                .isEqualTo(FieldChange.of(NullNode.instance, TextNode.valueOf("h2")));
    }

    @Test
    void ignoresTheFieldsItIsAskedTo() {
        List<Container> current = parse("{\"id\":\"a\",\"image\":\"x:1\",\"restart\":\"always\"}");
        List<Container> wanted = parse("{\"id\":\"a\",\"image\":\"x:2\"}");
        assertThat(Diff.between(current, wanted, Set.of("image", "restart")).keep()).hasSize(1);
        assertThat(Diff.between(current, wanted, Set.of("image")).changed()).singleElement()
                .satisfies(c -> assertThat(c.fields()).containsOnlyKeys("restart"));
        assertThatThrownBy(() -> Diff.between(current, wanted, Set.of("id"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangedContainerIsInRemoveAndAddAndChangedWithEveryDifferingField() {
        List<Container> current = parse("""
                {"id": "web", "image": "nginx:1", "env": ["A=1", "B=2"], "ports": ["80:80"], "weight": 1, "x-gone": true}""");
        List<Container> wanted = parse("""
                {"id": "web", "image": "nginx:2", "env": ["B=2", "A=2", "C=3"], "ports": ["80:80"], "weight": 1.0,
                 "x-new": [1]}""");
        DiffResult d = Diff.between(current, wanted);
        assertThat(d.remove()).isEqualTo(current);
        assertThat(d.add()).isEqualTo(wanted);
        Change c = d.changed().get(0);
        assertThat(c.fields()).containsOnlyKeys("image", "env", "x-gone", "x-new");
        assertThat(List.copyOf(c.fields().keySet())).containsExactly("image", "env", "x-gone", "x-new");
        assertThat(c.fields().get("env").added()).containsExactly("A=2", "C=3");
        assertThat(c.fields().get("env").removed()).containsExactly("A=1");
        assertThat(c.fields().get("x-new").from()).isEqualTo(NullNode.instance);
        assertThat(c.fields().get("x-gone").to()).isEqualTo(NullNode.instance);
    }

    @Test
    void numbersCompareByValue() {
        List<Container> current = parse("{\"id\":\"a\",\"image\":\"x\",\"cpus\":1}");
        List<Container> wanted = List.of(current.get(0).withExtension("cpus", IntNode.valueOf(1)));
        assertThat(Diff.between(current, parse("{\"id\":\"a\",\"image\":\"x\",\"cpus\":1.0}")).keep()).hasSize(1);
        assertThat(Diff.between(current, wanted).keep()).hasSize(1);
    }

    @Test
    void aLeadingSlashNamesTheSameContainer() {
        DiffResult d = Diff.between(List.of(Container.of("/web", "x")), List.of(Container.of("web", "x")));
        assertThat(ids(d.keep())).containsExactly("/web");
    }

    @Test
    void refusesTwoContainersWithOneIdOnOneSide() {
        assertThatThrownBy(() -> Diff.between(List.of(Container.of("a", "x"), Container.of("/a", "y")), List.of()))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.format()).isEqualTo(
                                "current: $[1].id: [duplicate-id] id \"/a\" is already used at $[0]")));
    }

    @Test
    void ordersAddAndKeepAsWantedAndRemoveAsCurrent() {
        List<Container> current = List.of(Container.of("c", "1"), Container.of("b", "1"), Container.of("a", "1"),
                Container.of("z", "1"));
        List<Container> wanted = List.of(Container.of("a", "1"), Container.of("y", "1"), Container.of("b", "2"),
                Container.of("c", "1"), Container.of("x", "1"));
        DiffResult d = Diff.between(current, wanted);
        assertThat(ids(d.add())).containsExactly("y", "b", "x");
        assertThat(ids(d.keep())).containsExactly("a", "c");
        assertThat(ids(d.remove())).containsExactly("b", "z");
    }

    @Test
    void emptySidesGiveEmptyOrWholeSections() {
        assertThat(Diff.between(List.of(), List.of())).isEqualTo(new DiffResult(List.of(), List.of(), List.of(), List.of()));
        assertThat(Diff.between(CURRENT, List.of()).remove()).isEqualTo(CURRENT);
        assertThat(Diff.between(List.of(), WANTED).add()).isEqualTo(WANTED);
    }

    @Test
    void secretLookingKeysAreRecognisedWithoutCase() {
        assertThat(List.of("DB_PASSWORD", "api_key", "GithubToken", "AWS_SECRET_ACCESS_KEY", "OAUTH_ID", "private_pem"))
                .allMatch(Secrets::isSecretKey);
        assertThat(List.of("PORT", "HOME", "DEBUG", "PATH")).noneMatch(Secrets::isSecretKey);
        assertThat(Secrets.maskEnv("DB_PASSWORD=a=b")).isEqualTo("DB_PASSWORD=***");
        assertThat(Secrets.maskEnv("PORT=80")).isEqualTo("PORT=80");
    }
}
