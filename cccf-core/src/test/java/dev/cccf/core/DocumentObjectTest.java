package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The document object form: {"name", "networks", "volumes", "containers"} beside the array and the single container. */
class DocumentObjectTest {
    private static final String SHOP = """
            {"name": "shop",
             "networks": {"front": {"driver": "bridge", "options": {"com.docker.network.driver.mtu": "1400"},
                                    "labels": {"team": "web"}, "internal": false},
                          "back": {"internal": true}},
             "volumes": {"data": {"driver": "local", "labels": {"keep": "yes"}}, "cache": null},
             "containers": [{"id": "web", "image": "nginx"}, {"id": "db", "image": "postgres"}]}
            """;

    @Test
    void readsNameNetworksVolumesAndContainers() {
        Document doc = Cccf.parse(SHOP);

        assertThat(doc.containers()).extracting(Container::id).containsExactly("web", "db");
        Declarations d = doc.declarations();
        assertThat(d.name()).isEqualTo("shop");
        assertThat(d.networks()).containsOnlyKeys("front", "back");
        assertThat(d.networks().get("front")).isEqualTo(new Declarations.Network("bridge",
                Map.of("com.docker.network.driver.mtu", "1400"), Map.of("team", "web"), false));
        assertThat(d.networks().get("back").internal()).isTrue();
        assertThat(d.volumes().get("data")).isEqualTo(new Declarations.Volume("local", Map.of(), Map.of("keep", "yes")));
        assertThat(d.volumes().get("cache")).isEqualTo(Declarations.Volume.DEFAULT);
        assertThat(doc.path(1)).isEqualTo("$.containers[1]");
        assertThat(doc.isSingleObject()).isFalse();
    }

    @Test
    void yamlReadsAsJsonDoes() {
        Document yaml = Cccf.parse("""
                name: shop
                networks:
                  front:
                    driver: bridge
                    options: {com.docker.network.driver.mtu: "1400"}
                    labels: {team: web}
                    internal: false
                  back: {internal: true}
                volumes:
                  data: {driver: local, labels: {keep: "yes"}}
                  cache:
                containers:
                  - {id: web, image: nginx}
                  - {id: db, image: postgres}
                """);
        Document json = Cccf.parse(SHOP);
        assertThat(yaml.declarations()).isEqualTo(json.declarations());
        assertThat(yaml.containers()).isEqualTo(json.containers());
    }

    @Test
    void declarationsMayFollowTheContainers() {
        Document doc = Cccf.parse("""
                {"containers": [{"id": "web", "image": "nginx"}], "networks": {"front": {}}, "name": "shop"}
                """);
        assertThat(doc.declarations().networks()).containsOnlyKeys("front");
        assertThat(doc.declarations().name()).isEqualTo("shop");
    }

    @Test
    void aContainerWithAnIdStaysAContainerWhateverComesFirst() {
        Document doc = Cccf.parse("""
                {"name": "not-a-document", "networks": ["front"], "id": "web", "image": "nginx"}
                """);
        assertThat(doc.isSingleObject()).isTrue();
        assertThat(doc.declarations()).isEqualTo(Declarations.NONE);
        assertThat(doc.containers().get(0).extensions()).containsOnlyKeys("name", "networks");
    }

    @Test
    void aContainerWhoseVolumesComeFirstStaysAContainer() {
        Document doc = Cccf.parse("""
                {"volumes": ["data:/data"], "id": "db", "image": "postgres"}
                """);
        assertThat(doc.isSingleObject()).isTrue();
        assertThat(doc.containers().get(0).volumes()).containsExactly("data:/data");
    }

    @Test
    void anEmptyObjectIsStillAContainerWithoutIdOrImage() {
        assertThat(CccfReaderTest.problemsOf("{}")).extracting(Problem::code).containsExactly("id-required", "image-required");
    }

    @Test
    void canonicalWriterKeepsTheDeclarationsAndReadsBackTheSame() throws IOException {
        Document doc = Cccf.parse(SHOP);
        for (OutputFormat format : OutputFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CccfWriter.write(doc.declarations(), doc.containers(), false, out, format);
            Document again = Cccf.read(new ByteArrayInputStream(out.toByteArray()), "written");
            assertThat(again.declarations()).as(format.name()).isEqualTo(doc.declarations());
            assertThat(again.containers()).as(format.name()).isEqualTo(doc.containers());
        }
    }

    @Test
    void compactOutputPutsTheDeclarationsFirstAndLeavesDefaultsOut() throws IOException {
        Document doc = Cccf.parse("""
                {"containers": [{"id": "web", "image": "nginx"}],
                 "volumes": {"data": {"options": {}}}, "networks": {"front": {"internal": false}}, "name": "shop"}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(doc.declarations(), doc.containers(), false, out, OutputFormat.COMPACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"name\":\"shop\",\"networks\":{\"front\":{}},\"volumes\":{\"data\":{}},"
                        + "\"containers\":[{\"id\":\"web\",\"image\":\"nginx\"}]}\n");
    }

    @Test
    void aDocumentWithoutDeclarationsIsWrittenAsAnArray() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(Declarations.NONE, Cccf.parse("{\"containers\": [{\"id\": \"a\", \"image\": \"x\"}]}").containers(),
                false, out, OutputFormat.COMPACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[{\"id\":\"a\",\"image\":\"x\"}]\n");
    }

    @ParameterizedTest
    @CsvFileSource(resources = "/documents/bad.csv", delimiter = '|', quoteCharacter = '\'')
    void aBadDocumentObjectIsALocatedProblem(String text, String path, String code) {
        List<Problem> problems = CccfReaderTest.problemsOf(text);
        assertThat(problems).extracting(Problem::path, Problem::code).contains(tuple(path, code));
        assertThat(problems).allSatisfy(p -> assertThat(p.location()).isPresent());
    }

    @Test
    void aProblemInADeclarationStandsWhereItsNetworkIsDeclared() {
        List<Problem> problems = CccfReaderTest.problemsOf("""
                name: shop
                networks:
                  front: {driver: 7}
                containers: []
                """);
        assertThat(problems).extracting(Problem::format)
                .containsExactly("<string>:3:3: $.networks.front.driver: [declaration-type] driver must be a driver's name, not 7");
    }

    @Test
    void idsAreUniqueAmongTheContainersOfADocumentObject() {
        assertThat(CccfReaderTest.problemsOf("""
                {"name": "shop", "containers": [{"id": "a", "image": "x"}, {"id": "a", "image": "y"}]}
                """)).extracting(Problem::path, Problem::code)
                .contains(tuple("$.containers[1].id", "duplicate-id"));
    }

    @Test
    void eachHandsOverTheContainersOfADocumentObject() throws IOException {
        List<String> ids = new ArrayList<>();
        int n = Cccf.reader().each(new ByteArrayInputStream(SHOP.getBytes(StandardCharsets.UTF_8)), "shop.json",
                c -> ids.add(c.id()));
        assertThat(n).isEqualTo(2);
        assertThat(ids).containsExactly("web", "db");
    }

    @Test
    void severalDocumentsDeclareTogetherAndMustAgree() {
        Document a = Cccf.parse("{\"name\": \"shop\", \"networks\": {\"front\": {}}, \"containers\": [{\"id\": \"a\", \"image\": \"x\"}]}");
        Document b = Cccf.parse("{\"networks\": {\"back\": {}}, \"containers\": [{\"id\": \"b\", \"image\": \"x\"}]}");
        Document both = Document.concat(List.of(a, b));
        assertThat(both.declarations().name()).isEqualTo("shop");
        assertThat(both.declarations().networks()).containsOnlyKeys("front", "back");
        assertThat(both.path(1)).isEqualTo("$.containers[0]");

        Document other = Cccf.parse("{\"name\": \"other\", \"networks\": {\"front\": {\"internal\": true}}, \"containers\": []}");
        assertThatThrownBy(() -> Document.concat(List.of(a, other)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code).containsExactly("declaration-conflict", "declaration-conflict"));
    }

    @Test
    void sectionsCarryTheDeclarationsOfADiff() throws IOException {
        Sections s = Cccf.reader().readSections(new ByteArrayInputStream("""
                {"add": [{"id": "a", "image": "x"}], "remove": [], "name": "shop", "networks": {"front": {}}}
                """.getBytes(StandardCharsets.UTF_8)), "diff.json", Set.of("add", "remove", "keep"));
        assertThat(s.declarations().name()).isEqualTo("shop");
        assertThat(s.declarations().networks()).containsOnlyKeys("front");
        assertThat(s.others()).containsOnlyKeys("name", "networks");
    }

    @Test
    void sectionsReadADocumentObjectWithItsDeclarations() throws IOException {
        Sections s = Cccf.reader().readSections(new ByteArrayInputStream(SHOP.getBytes(StandardCharsets.UTF_8)),
                "shop.json", Set.of("add", "remove", "keep"));
        assertThat(s.section("").containers()).hasSize(2);
        assertThat(s.declarations().name()).isEqualTo("shop");
    }
}
