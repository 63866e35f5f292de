package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CccfReaderTest {

    static List<Problem> problemsOf(String text) {
        try {
            Cccf.parse(text);
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
        throw new AssertionError("expected the document to be invalid:\n" + text);
    }

    private static List<Problem> problemsOf(byte[] bytes) {
        try {
            Cccf.read(new ByteArrayInputStream(bytes), "bytes");
        } catch (InvalidDocumentException e) {
            return e.problems();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the bytes to be invalid");
    }

    @Test
    void readsJsonAndYamlToTheSameContainers() {
        Document json = Cccf.parse("""
                [{"id": "web", "image": "nginx:1.27", "cmd": "nginx -g 'daemon off;'",
                  "ports": ["80:80"], "env": ["MODE=prod"], "scale": 2, "host": "a"}]
                """);
        Document yaml = Cccf.parse("""
                - id: web
                  image: nginx:1.27
                  cmd: nginx -g 'daemon off;'
                  ports: ["80:80"]
                  env: [MODE=prod]
                  scale: 2
                  host: a
                """);
        assertThat(yaml.containers()).isEqualTo(json.containers());
        assertThat(json.containers().get(0).cmd().words()).containsExactly("nginx", "-g", "daemon off;");
    }

    @Test
    void keepsUnknownFieldsInTheirOrder() {
        Container c = Cccf.parse("""
                {"zeta": 1, "id": "a", "alpha": {"b": [1, 2]}, "image": "x", "middle": "m"}
                """).containers().get(0);
        assertThat(c.extensions().keySet()).containsExactly("zeta", "alpha", "middle");
        assertThat(Cccf.toJson(c)).isEqualTo("{\"id\":\"a\",\"image\":\"x\",\"zeta\":1,\"alpha\":{\"b\":[1,2]},\"middle\":\"m\"}");
    }

    @Test
    void reportsEveryProblemOfTheDocumentAtOnceWithLocations() {
        List<Problem> problems = problemsOf("""
                [
                  {"id": "a b", "image": "x", "ports": ["80:99999"]},
                  {"id": "c", "env": ["FOO"]}
                ]
                """);
        assertThat(problems).extracting(p -> p.location().orElseThrow().line() + ":" + p.location().orElseThrow().column(), Problem::path, Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2:10", "$[0].id", "id-pattern"),
                        org.assertj.core.groups.Tuple.tuple("2:41", "$[0].ports[0]", "port-range"),
                        org.assertj.core.groups.Tuple.tuple("3:3", "$[1]", "image-required"),
                        org.assertj.core.groups.Tuple.tuple("3:23", "$[1].env[0]", "env-format"));
        assertThat(problems.get(0).format())
                .isEqualTo("<string>:2:10: $[0].id: [id-pattern] id \"a b\" must match ^/?[A-Za-z0-9_-]+$ (letters, digits, '_' and '-')");
    }

    @Test
    void locatesYamlProblemsOnTheirLineAndColumn() {
        List<Problem> problems = problemsOf("""
                - id: web
                  image: nginx
                  ports:
                    - "80:80"
                    - 8080
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location().orElseThrow().line()).isEqualTo(5);
            assertThat(p.location().orElseThrow().column()).isEqualTo(7);
            assertThat(p.path()).isEqualTo("$[0].ports[1]");
            assertThat(p.message()).contains("put the value in quotes");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty document                | ``                                           | empty-document
            only white space              | `  \n `                                      | empty-document
            a number                      | `42`                                         | top-level-type
            a string array                | `["a"]`                                      | container-type
            malformed JSON                | `{"id": "a", "image": }`                     | syntax
            malformed YAML                | `id: a\nimage: [b\n`                         | syntax
            two JSON documents            | `{"id":"a","image":"b"} {"id":"c","image":"d"}` | trailing-content
            two YAML documents            | `id: a\nimage: b\n---\nid: c\nimage: d\n`    | trailing-content
            duplicate key                 | `{"id":"a","image":"b","id":"c"}`            | duplicate-key
            YAML alias                    | `id: a\nimage: b\nx: &l [1]\ny: *l\n`         | yaml-aliases
            missing id                    | `{"image":"b"}`                              | id-required
            id not a string               | `{"id":1,"image":"b"}`                       | id-type
            image not a string            | `{"id":"a","image":["b"]}`                   | image-type
            cmd with an open quote        | `{"id":"a","image":"b","cmd":"echo 'hi"}`     | cmd-syntax
            cmd an object                 | `{"id":"a","image":"b","cmd":{}}`            | cmd-type
            ports item not a string       | `{"id":"a","image":"b","ports":[80]}`         | item-type
            port 0                        | `{"id":"a","image":"b","ports":["0:80"]}`     | port-range
            expose out of range           | `{"id":"a","image":"b","expose":["70000"]}`   | expose-range
            link with a space             | `{"id":"a","image":"b","links":["a b"]}`      | link-format
            scale a string                | `{"id":"a","image":"b","scale":"3"}`          | scale-type
            scale too large               | `{"id":"a","image":"b","scale":99999999999}`  | scale-range
            host not a string             | `{"id":"a","image":"b","host":{"x":1}}`       | host-type
            host empty                    | `{"id":"a","image":"b","host":""}`            | host-empty
            duplicate ids                 | `[{"id":"a","image":"b"},{"id":"a","image":"c"}]` | duplicate-id
            slash makes no new id         | `[{"id":"a","image":"b"},{"id":"/a","image":"c"}]` | duplicate-id
            id a scale replica            | `[{"id":"w","image":"b","scale":3},{"id":"w-scale-2","image":"c"}]` | scale-id-collision
            a huge number                 | `{"id":"a","image":"b","x":1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111}` | limit
            """)
    void eachRuleHasItsCode(String name, String text, String code) {
        String doc = text.replace("\\n", "\n");
        assertThat(problemsOf(doc)).extracting(Problem::code).contains(code);
        assertThat(problemsOf(doc)).allSatisfy(p -> assertThat(p.location().orElseThrow().line()).isPositive());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an escape beyond 7FFFFFFF               | `id: "\\UDDDDDDDD"\nimage: x\n`                        | <string>:1:8: $: [syntax] not valid YAML: For input string: "DDDDDDDD" under radix 16
            the same in a flow mapping               | `- {id: a, image: x, cpus: "\\UFFFFFFFF"}\n`             | <string>:1:30: $: [syntax] not valid YAML: For input string: "FFFFFFFF" under radix 16
            the same in an unknown field's value    | `- {id: a, image: x, x-skip: [1, {a: "\\UDDDDDDDD"}]}\n` | <string>:1:40: $: [syntax] not valid YAML: For input string: "DDDDDDDD" under radix 16
            """)
    void snakeYamlsOtherExceptionsAreSyntaxProblemsWhereTheyHappened(String name, String text, String problem) {
        // SnakeYAML throws a NumberFormatException here, which Jackson reported at 1:1 as a "Malformed Number token"
        assertThat(problemsOf(text.replace("\\n", "\n"))).extracting(Problem::format).containsExactly(problem);
    }

    @Test
    void replicasBeyondTheScaleAreOrdinaryIds() {
        Document doc = Cccf.parse("[{\"id\":\"w\",\"image\":\"b\",\"scale\":2},{\"id\":\"w-scale-2\",\"image\":\"c\"},"
                + "{\"id\":\"w-scale-01\",\"image\":\"c\"}]");
        assertThat(doc.containers()).hasSize(3);
    }

    @Test
    void refusesAYamlAliasBombWithoutExpandingIt() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
        }
        bomb.append("id: x\nimage: y\n");
        assertThat(problemsOf(bomb.toString())).extracting(Problem::code).containsOnly("yaml-aliases");
    }

    @Test
    void refusesDeepNestingWithALocatedError() {
        String deep = "{\"id\":\"a\",\"image\":\"b\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(problemsOf(deep)).singleElement().extracting(Problem::code).isEqualTo("nesting-depth");
        String deepYaml = "id: a\nimage: b\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThat(problemsOf(deepYaml)).singleElement().extracting(Problem::code).isEqualTo("nesting-depth");
    }

    @Test
    void reportsInvalidUtf8AsAnEncodingProblemInJsonAndYaml() {
        byte[] json = "{\"id\":\"a\",\"image\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
        json[json.length - 3] = (byte) 0xff;
        assertThat(problemsOf(json)).extracting(Problem::code).containsExactly("encoding");
        byte[] yaml = "id: a\nimage: \"x\"\n".getBytes(StandardCharsets.UTF_8);
        yaml[15] = (byte) 0xc3;
        assertThat(problemsOf(yaml)).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("encoding");
            assertThat(p.location().orElseThrow().line()).isEqualTo(2);
        });
    }

    @Test
    void refusesNulBytes() {
        assertThat(problemsOf("{\"id\":\"a\",\"image\":\"b\u0000\"}")).extracting(Problem::code).containsExactly("syntax");
        assertThat(problemsOf("id: a\nimage: b\u0000\n")).extracting(Problem::code).containsExactly("syntax");
    }

    @Test
    void acceptsAByteOrderMark() {
        assertThat(Cccf.parse("\uFEFF{\"id\":\"a\",\"image\":\"b\"}").containers()).hasSize(1);
        assertThat(Cccf.parse("\uFEFFid: a\nimage: b\n").containers()).hasSize(1);
    }

    @Test
    void takesCmdAsAnArrayToo() {
        Container c = Cccf.parse("{\"id\":\"a\",\"image\":\"b\",\"cmd\":[\"sh\",\"-c\",\"echo $HOME\"]}").containers().get(0);
        assertThat(c.cmd()).isEqualTo(Cmd.argv(List.of("sh", "-c", "echo $HOME")));
    }

    @Test
    void runsExtensionChecksAndLocatesTheirProblems() {
        CccfReader reader = Cccf.reader().withCheck("restart", (value, report) -> {
            if (!value.isTextual()) {
                report.problem("", "restart-type", "restart must be a string");
            }
        });
        assertThatThrownBy(() -> reader.read("{\"id\":\"a\",\n\"image\":\"b\",\n\"restart\": 3}", "doc.json"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .singleElement().hasToString("doc.json:3:12: $.restart: [restart-type] restart must be a string"));
        assertThat(reader.read("{\"id\":\"a\",\"image\":\"b\",\"restart\":\"always\"}", "ok").containers().get(0)
                .extension("restart")).contains(TextNode.valueOf("always"));
    }

    @Test
    void readsSectionsOfADiffDocument() throws Exception {
        String diff = """
                {"add": [{"id": "n", "image": "x"}], "remove": [], "keep": [{"id": "k", "image": "y", "host": "a"}],
                 "changed": [{"id": "n", "fields": {}}]}
                """;
        Sections s = Cccf.reader().readSections(new ByteArrayInputStream(diff.getBytes(StandardCharsets.UTF_8)),
                "diff.json", Set.of("add", "remove", "keep"));
        assertThat(s.section("add").containers()).extracting(Container::id).containsExactly("n");
        assertThat(s.section("keep").containers().get(0).host()).isEqualTo("a");
        assertThat(s.section("remove").containers()).isEmpty();
        assertThat(s.others()).containsOnlyKeys("changed");
        assertThat(s.section("keep").location(0)).hasToString("diff.json:1:61");
    }

    @Test
    void readsAPlainDocumentThroughReadSectionsAsTheUnnamedSection() throws Exception {
        Sections s = Cccf.reader().readSections(new ByteArrayInputStream("{\"id\":\"a\",\"image\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                "c.json", Set.of("add"));
        assertThat(s.section("").containers()).extracting(Container::id).containsExactly("a");
    }

    @Test
    void anEmptyObjectIsAContainerWithoutIdAndImageThroughReadSectionsToo() {
        assertThatThrownBy(() -> Cccf.reader().readSections(new ByteArrayInputStream("{ }".getBytes(StandardCharsets.UTF_8)),
                "e.json", Set.of("add")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::format).containsExactly(
                                "e.json:1:1: $: [id-required] the container has no id",
                                "e.json:1:1: $: [image-required] the container has no image"));
    }

    @Test
    void locatesProblemsInsideSections() throws Exception {
        String diff = "{\"add\": [{\"id\": \"n n\", \"image\": \"x\"}]}";
        assertThatThrownBy(() -> Cccf.reader().readSections(new ByteArrayInputStream(diff.getBytes(StandardCharsets.UTF_8)),
                "d.json", Set.of("add")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .singleElement().extracting(Problem::path).isEqualTo("$.add[0].id"));
    }

    @Test
    void idsAreUniqueWithinEachSectionButOneIdMayStandInTwo() throws Exception {
        String diff = """
                {"add": [{"id": "web", "image": "x"}, {"id": "/web", "image": "y"}, {"id": "db", "image": "z", "scale": 2},
                         {"id": "db-scale-1", "image": "z"}],
                 "remove": [{"id": "web", "image": "old"}]}
                """;
        assertThatThrownBy(() -> Cccf.reader().readSections(new ByteArrayInputStream(diff.getBytes(StandardCharsets.UTF_8)),
                "d.json", Set.of("add", "remove")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::format).containsExactly(
                                "d.json:1:46: $.add[1].id: [duplicate-id] id \"/web\" is already used at d.json:1:17",
                                "d.json:2:17: $.add[3].id: [scale-id-collision] id \"db-scale-1\" is also replica 1"
                                        + " of \"db\" (scale 2) at d.json:1:76"));
        String replaced = "{\"add\": [{\"id\": \"web\", \"image\": \"x\"}], \"remove\": [{\"id\": \"web\", \"image\": \"old\"}]}";
        assertThat(Cccf.reader().readSections(new ByteArrayInputStream(replaced.getBytes(StandardCharsets.UTF_8)),
                "d.json", Set.of("add", "remove")).sections()).containsOnlyKeys("add", "remove");
    }

    @Test
    void keepsNumbersOfExtensionsAsTheyWere() {
        Container c = Cccf.parse("{\"id\":\"a\",\"image\":\"b\",\"n\":7}").containers().get(0);
        assertThat(c.extension("n")).contains(IntNode.valueOf(7));
    }

    @Test
    void readsAnIntegerOfManyLeadingZerosAsTheSmallNumberItIsSoItSurvivesARoundTrip() throws Exception {
        // YAML leading zeros: Jackson types an integer by its digit count, so 0 written with 20
        // zeros came in as a BigIntegerNode, went out as 0 and came back an IntNode, not equal
        Document doc = Cccf.parse("- id: web\n  image: nginx\n  n: " + "0".repeat(20) + "\n");
        assertThat(doc.containers().get(0).extension("n")).contains(IntNode.valueOf(0));
        for (OutputFormat format : OutputFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CccfWriter.write(doc.containers(), doc.isSingleObject(), out, format);
            assertThat(Cccf.parse(out.toString(StandardCharsets.UTF_8)).containers()).as(format.name())
                    .isEqualTo(doc.containers());
        }
    }
}
