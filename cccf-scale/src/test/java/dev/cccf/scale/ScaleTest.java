package dev.cccf.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import dev.cccf.testkit.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaleTest {

    private static List<String> ids(List<Container> containers) {
        return containers.stream().map(Container::id).toList();
    }

    // cccf-scale 2.0.0 test/spec.js: 'can scale up'
    @Test
    void scalesTheExampleUpToTenContainers() {
        List<Container> up = Scale.up(List.of(Samples.example().withScale(10)));
        assertThat(up).hasSize(10);
        assertThat(ids(up)).containsExactly("app", "app-scale-1", "app-scale-2", "app-scale-3", "app-scale-4",
                "app-scale-5", "app-scale-6", "app-scale-7", "app-scale-8", "app-scale-9");
    }

    // cccf-scale 2.0.0 test/spec.js: 'can scale down'
    @Test
    void scalesTheExampleBackDownToOneContainer() {
        List<Container> config = List.of(Samples.example().withScale(10));
        List<Container> down = Scale.down(Scale.up(config));
        assertThat(down).hasSize(1).isEqualTo(config);
    }

    @Test
    void firstInstanceKeepsScaleOneAndReplicasDropItButKeepEverythingElse() {
        Container web = Container.builder("web", "nginx").ports("80:80").env("A=1").scale(3).host("h1").build();
        List<Container> up = Scale.up(List.of(web));
        assertThat(up.get(0)).isEqualTo(web.withScale(1));
        assertThat(up.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.scale()).isNull();
            assertThat(r.withId("web").withScale(3)).isEqualTo(web);
        });
    }

    @Test
    void keepsContainersWithoutScaleOrWithScaleOneAsTheyAre() {
        List<Container> in = List.of(Container.of("a", "x"), Container.of("b", "y").withScale(1));
        assertThat(Scale.up(in)).isEqualTo(in);
    }

    @Test
    void scaleZeroLeavesNoInstance() {
        List<Container> in = List.of(Container.of("a", "x").withScale(0), Container.of("b", "y").withScale(2));
        assertThat(ids(Scale.up(in))).containsExactly("b", "b-scale-1");
    }

    @Test
    void downCannotRestoreScaleZeroBecauseNothingOfItIsLeft() {
        List<Container> in = List.of(Container.of("a", "x").withScale(0), Container.of("b", "y"));
        assertThat(Scale.down(Scale.up(in))).containsExactly(Container.of("b", "y"));
    }

    @Test
    void keepsTheOrderOfTheInputWithReplicasRightAfterTheirBase() {
        List<Container> in = List.of(Container.of("a", "x").withScale(2), Container.of("b", "y"),
                Container.of("c", "z").withScale(2));
        assertThat(ids(Scale.up(in))).containsExactly("a", "a-scale-1", "b", "c", "c-scale-1");
    }

    @Test
    void replicasOfAnIdWithLeadingSlashKeepTheSlash() {
        assertThat(ids(Scale.up(List.of(Container.of("/web", "x").withScale(2))))).containsExactly("/web", "/web-scale-1");
    }

    @Test
    void refusesAnIdThatEqualsAReplicaIdNamingBothPlaces() {
        List<Container> in = List.of(Container.of("web", "x").withScale(3), Container.of("web-scale-2", "y"));
        assertThatThrownBy(() -> Scale.up(in)).isInstanceOfSatisfying(InvalidDocumentException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.code()).isEqualTo("scale-id-collision");
                    assertThat(p.path()).isEqualTo("$[1].id");
                    assertThat(p.message()).contains("\"web-scale-2\"", "\"web\"", "scale 3", "$[0]");
                }));
    }

    @Test
    void refusesDuplicateIdsIncludingTheLeadingSlashForm() {
        List<Container> in = List.of(Container.of("web", "x"), Container.of("/web", "y"));
        assertThatThrownBy(() -> Scale.up(in)).isInstanceOfSatisfying(InvalidDocumentException.class, e ->
                assertThat(e.problems()).extracting(Problem::code).containsExactly("duplicate-id"));
    }

    @Test
    void refusesANegativeScaleMadeInCode() {
        List<Container> in = List.of(Container.of("web", "x").withScale(-1));
        assertThatThrownBy(() -> Scale.up(in)).isInstanceOfSatisfying(InvalidDocumentException.class, e ->
                assertThat(e.problems()).extracting(Problem::code).containsExactly("scale-range"));
    }

    @Test
    void locatesACollisionThatAnOverrideCreatesInTheSourceDocument() {
        Document doc = Cccf.parse("""
                [{"id": "web", "image": "x"},
                 {"id": "web-scale-1", "image": "y"}]
                """);
        assertThatThrownBy(() -> Scale.up(doc, Map.of("web", 2)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .singleElement().extracting(Problem::format).asString()
                        .isEqualTo("<string>:2:9: $[1].id: [scale-id-collision] id \"web-scale-1\" is also replica 1"
                                + " of \"web\" (scale 2) at <string>:1:9"));
    }

    @Test
    void overridesReplaceTheScaleByIdOrByName() {
        Document doc = Cccf.parse("""
                [{"id": "/web", "image": "x", "scale": 5}, {"id": "db", "image": "y"}]""");
        assertThat(ids(Scale.up(doc, Map.of("web", 2, "db", 0)))).containsExactly("/web", "/web-scale-1");
        assertThatThrownBy(() -> Scale.up(doc, Map.of("nope", 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-scale-01", "web-scale-", "web-scale-0", "other-scale-1", "web-scale-1x"})
    void downKeepsContainersThatOnlyLookLikeReplicas(String id) {
        List<Container> in = List.of(Container.of("web", "x").withScale(1), Container.of(id, "x"));
        assertThat(Scale.down(in)).isEqualTo(in);
    }

    @Test
    void downKeepsAReplicaIdWhoseBaseHasNoScaleOrWhoseConfigDiffers() {
        List<Container> unscaled = List.of(Container.of("web", "x"), Container.of("web-scale-1", "x"));
        assertThat(Scale.down(unscaled)).isEqualTo(unscaled);
        List<Container> other = List.of(Container.of("web", "x").withScale(1), Container.of("web-scale-1", "y"));
        assertThat(Scale.down(other)).isEqualTo(other);
        List<Container> scaled = List.of(Container.of("web", "x").withScale(1), Container.of("web-scale-1", "x").withScale(2));
        assertThat(Scale.down(scaled)).isEqualTo(scaled);
    }

    @Test
    void downAddsOneToTheBaseScaleForEachReplicaFolded() {
        List<Container> in = List.of(Container.of("web", "x").withScale(1), Container.of("db", "y"),
                Container.of("web-scale-4", "x"), Container.of("web-scale-1", "x"));
        assertThat(Scale.down(in)).containsExactly(Container.of("web", "x").withScale(3), Container.of("db", "y"));
    }

    @Test
    void upIsIdempotent() {
        List<Container> up = Scale.up(List.of(Container.of("web", "x").withScale(4), Container.of("db", "y")));
        assertThat(Scale.up(up)).isEqualTo(up);
    }

    @Test
    void downDropsReplicasEvenWhenTheyWerePlacedOnOtherHosts() {
        List<Container> up = Scale.up(List.of(Container.of("web", "x").withScale(3)));
        List<Container> placed = List.of(up.get(0).withHost("a"), up.get(1).withHost("b"), up.get(2).withHost("c"));
        assertThat(Scale.down(placed)).containsExactly(Container.of("web", "x").withScale(3).withHost("a"));
    }

    @Test
    void unknownFieldsSurviveUpAndDownIntact() {
        String text = """
                {"id":"web","image":"nginx","scale":2,"x-team":{"owner":"ops","tags":["a","b"]},"restart":"always"}""";
        List<Container> up = Scale.up(Cccf.parse(text));
        assertThat(up.stream().map(Cccf::toJson)).containsExactly(
                text.replace("\"scale\":2", "\"scale\":1"),
                "{\"id\":\"web-scale-1\",\"image\":\"nginx\",\"x-team\":{\"owner\":\"ops\",\"tags\":[\"a\",\"b\"]},"
                        + "\"restart\":\"always\"}");
        assertThat(Cccf.toJson(Scale.down(up).get(0))).isEqualTo(text);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertThat(Scale.up(List.of())).isEmpty();
        assertThat(Scale.down(List.of())).isEmpty();
    }

    @Test
    void replicaIdsParseBackToOneBase() {
        assertThat(ReplicaId.parse("a-scale-1-scale-12")).isEqualTo(new ReplicaId("a-scale-1", 12));
        assertThat(ReplicaId.parse("-scale-1")).isNull();
        assertThat(ReplicaId.parse("a-scale-0")).isNull();
        assertThat(ReplicaId.parse("a-scale-12345678")).isNull();
        assertThat(ReplicaId.parse("a-scale-1x")).isNull();
    }

    @Test
    void replicasShareNoMutableStateWithTheirBase() {
        Container web = Cccf.parse("{\"id\":\"web\",\"image\":\"x\",\"scale\":2,\"x\":{\"k\":[1]}}").containers().get(0);
        String before = CccfWriter.canonical(web);
        List<Container> up = Scale.up(List.of(web));
        ((com.fasterxml.jackson.databind.node.ObjectNode) up.get(1).extension("x").orElseThrow()).put("k", 2);
        assertThat(CccfWriter.canonical(web)).isEqualTo(before);
    }
}
