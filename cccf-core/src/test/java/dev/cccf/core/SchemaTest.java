package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.core.hosts.Hosts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas under schema/ (draft 2020-12, for editors) against the readers they describe:
 * every field the reader knows has a property and no other; every value the reader takes, the
 * schema takes (an editor never marks a valid document); every input of the bad-input catalogue
 * and of HostsTest's that the reader refuses for its shape, the schema refuses too. What a schema
 * cannot say is listed once, by rule code, in {@link #BEYOND_A_SCHEMA}.
 */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of("..");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema CCCF = schema("cccf.schema.json");
    private static final Schema HOSTS = schema("hosts.schema.json");

    /**
     * The rule codes a schema cannot check, and why: what is not JSON (or not one JSON value),
     * what depends on more than one value, shell quoting, and arithmetic the patterns leave loose.
     */
    private static final Map<String, String> BEYOND_A_SCHEMA = Map.ofEntries(
            Map.entry(Rules.SYNTAX, "not JSON or YAML"),
            Map.entry(Rules.ENCODING, "not UTF-8"),
            Map.entry(Rules.EMPTY_DOCUMENT, "no value to validate"),
            Map.entry(Rules.TRAILING_CONTENT, "more than one value"),
            Map.entry(Rules.DUPLICATE_KEY, "a parsed object has no duplicate keys left"),
            Map.entry(Rules.NESTING_DEPTH, "a limit of the reader, not of the format"),
            Map.entry(Rules.LIMIT, "a limit of the reader, not of the format"),
            Map.entry(Rules.YAML_ALIASES, "YAML, not JSON"),
            Map.entry(Rules.DUPLICATE_ID, "across containers"),
            Map.entry(Rules.SCALE_ID_COLLISION, "across containers"),
            Map.entry(Rules.CMD_SYNTAX, "shell quoting"),
            Map.entry(Rules.DECLARATION_CONFLICT, "across documents"),
            Map.entry(Hosts.HOST_DUPLICATE_ID, "across hosts"),
            Map.entry(Hosts.HOST_DUPLICATE_ENDPOINT, "across hosts"));

    private static Schema schema(String name) {
        try {
            return REGISTRY.getSchema(JSON.readTree(ROOT.resolve("schema").resolve(name).toFile()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> cccfErrors(JsonNode doc) {
        return CCCF.validate(doc).stream().map(Object::toString).toList();
    }

    @Test
    void theDocumentSchemaNamesEveryFieldTheReaderKnowsAndNoOther() {
        Set<String> known = new TreeSet<>(CoreField.names());
        known.addAll(FieldTable.names());
        Set<String> properties = new TreeSet<>();
        CCCF.getSchemaNode().path("$defs").path("container").path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).as("add the new field's property to schema/cccf.schema.json").isEqualTo(known);
    }

    static Stream<Path> validDocuments() throws IOException {
        return Stream.of(ROOT.resolve("examples/app.json"), ROOT.resolve("examples/current.json"),
                ROOT.resolve("examples/every-field.json"), Path.of("src/test/resources/cccf-3.3.0/example.json"),
                Path.of("src/test/resources/cccf-3.3.0/example-multiple.json"));
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void everyValidExampleIsValidForTheSchema(Path file) throws IOException {
        FieldTable.reader().read(file); // throws when it is not valid
        assertThat(cccfErrors(JSON.readTree(file.toFile()))).isEmpty();
    }

    @Test
    void everyFieldOfTheTableIsInTheExampleOfEveryField() throws IOException {
        Set<String> used = new TreeSet<>();
        JSON.readTree(ROOT.resolve("examples/every-field.json").toFile()).forEach(c -> c.fieldNames().forEachRemaining(used::add));
        assertThat(used).containsAll(FieldTable.names()).containsAll(CoreField.names());
    }

    @Test
    void randomValidContainersAreValidForTheSchema() {
        ArrayNode all = JSON.valueToTree(List.of());
        for (Container c : Cccf.random(300, 19)) {
            all.add(CccfWriter.toTree(c));
        }
        assertThat(cccfErrors(all)).isEmpty();
    }

    static Stream<Path> catalogue() throws IOException {
        return Files.list(Path.of("src/test/resources/bad")).filter(p -> !p.toString().endsWith(".tsv")).sorted();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void everyCatalogueInputTheReaderRefusesForItsShapeTheSchemaRefusesToo(Path file) throws IOException {
        Set<String> codes = new LinkedHashSet<>();
        assertThatThrownBy(() -> FieldTable.reader().read(file)).isInstanceOfSatisfying(InvalidDocumentException.class,
                e -> e.problems().forEach(p -> codes.add(p.code())));
        if (BEYOND_A_SCHEMA.keySet().containsAll(codes)) {
            return;
        }
        JsonNode doc;
        try {
            doc = (file.toString().endsWith(".json") ? JSON : YAML).readTree(file.toFile());
        } catch (IOException notJsonNorYaml) {
            return; // a streamed read reports what it met before the syntax error; an editor, the syntax error
        }
        assertThat(cccfErrors(doc)).as("the reader says %s", codes).isNotEmpty();
    }

    @Test
    void aDocumentObjectIsValidForTheSchema() throws IOException {
        String shop = """
                name: shop
                networks:
                  front: {}
                  back: {driver: bridge, options: {com.docker.network.driver.mtu: "1400"}, internal: true}
                  spare:
                volumes:
                  pgdata: {labels: {backup: daily}}
                containers:
                  - {id: web, image: example/shop-web:2.4.1, scale: 2}
                  - {id: db, image: postgres:16, volumes: ["pgdata:/var/lib/postgresql/data"]}
                """;
        FieldTable.reader().read(new ByteArrayInputStream(shop.getBytes(StandardCharsets.UTF_8)), "shop.yaml");
        assertThat(cccfErrors(YAML.readTree(shop))).isEmpty();
    }

    @ParameterizedTest
    @CsvFileSource(resources = "/documents/bad.csv", delimiter = '|', quoteCharacter = '\'')
    void everyBadDocumentObjectTheReaderRefusesTheSchemaRefusesToo(String text, String path, String code) throws IOException {
        assertThat(CccfReaderTest.problemsOf(text)).extracting(Problem::code).contains(code);
        assertThat(cccfErrors(JSON.readTree(text))).as(code).isNotEmpty();
    }

    @Test
    void theHostsExampleIsValidForTheSchema() throws IOException {
        assertThat(HOSTS.validate(JSON.readTree(ROOT.resolve("examples/hosts.json").toFile()))).isEmpty();
    }

    @ParameterizedTest
    @CsvFileSource(resources = "/hosts/bad.csv", delimiter = '|', quoteCharacter = '\'')
    void everyHostsFileTheReaderRefusesForItsShapeTheSchemaRefusesToo(String text, String at, String path, String code)
            throws IOException {
        assertThatThrownBy(() -> Hosts.parse(text)).isInstanceOf(InvalidDocumentException.class);
        if (!BEYOND_A_SCHEMA.containsKey(code)) {
            assertThat(HOSTS.validate(JSON.readTree(text))).as(code).isNotEmpty();
        }
    }

    /** The patterns of the core fields' items say what Rules' loops say, on the strings RulesSpecificationTest makes. */
    @Test
    void theCoreItemPatternsAgreeWithTheRules() {
        for (String field : List.of("ports", "env", "volumes", "expose", "links")) {
            RulesSpecificationTest.agree("schema " + field, s -> validWith(field, JsonNodeFactory.instance.arrayNode().add(s)),
                    s -> readerTakes(field, JsonNodeFactory.instance.arrayNode().add(s)), 2_000);
        }
        RulesSpecificationTest.agree("schema id", s -> validWith("id", JsonNodeFactory.instance.textNode(s)),
                s -> readerTakes("id", JsonNodeFactory.instance.textNode(s)), 2_000);
    }

    /**
     * For every field of the table, random values (strings of the characters its grammars turn
     * on, numbers, booleans, arrays, objects): each one the reader takes, the schema takes, and each
     * one it refuses, the schema refuses, but for the few checks a schema leaves to the reader.
     */
    @Test
    void theDockerFieldsAgreeWithTheTableOnRandomValues() {
        Set<String> looser = Set.of("memory-range", "cpus-range", "docker-entrypoint", "docker-ulimits", "docker-dns",
                "docker-extra-hosts");
        SplittableRandom r = new SplittableRandom(2026);
        List<String> disagreements = new ArrayList<>();
        for (String field : FieldTable.names()) {
            for (int n = 0; n < 3_000; n++) {
                JsonNode v = randomValue(r, 2);
                if (v.isFloatingPointNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
                    continue; // 2.0 is an integer to JSON Schema, a decimal to the reader (scale-type, memory-format)
                }
                List<String> problems = FieldTable.check(field, v).stream().map(Problem::code).toList();
                boolean schema = validWith(field, v);
                if (problems.isEmpty() != schema && !(schema && looser.containsAll(problems))) {
                    disagreements.add(field + " = " + v + ": reader " + problems + ", schema " + (schema ? "valid" : "invalid"));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static boolean validWith(String field, JsonNode value) {
        ObjectNode c = JsonNodeFactory.instance.objectNode().put("id", "a").put("image", "b");
        c.set(field, value);
        return cccfErrors(c).isEmpty();
    }

    private static boolean readerTakes(String field, JsonNode value) {
        ObjectNode c = JsonNodeFactory.instance.objectNode().put("id", "a").put("image", "b");
        c.set(field, value);
        try {
            Cccf.reader().read(new ByteArrayInputStream(JSON.writeValueAsBytes(c)), "<random>");
            return true;
        } catch (InvalidDocumentException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String[] WORDS = {"a", "Z", "0", "9", "_", "-", ".", "/", ":", "=", ",", " ", "\0", "SIG", "TERM",
        "on-failure", "no", "always", "container:", "tcp://", "10.0.0.1", "::1", "/dev/fuse", "ro", "rw", "rwm", "net.core.x",
        "nofile", "soft", "hard", "CMD", "CMD-SHELL", "NONE", "test", "30s", "1m", "retries", "disable", "512m", "2g", "dev.cccf.x",
        "running", "exited", "db-*", "?", "é"};

    private static JsonNode randomValue(SplittableRandom r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(depth > 0 ? 9 : 6)) {
            case 0, 1, 2: {
                StringBuilder b = new StringBuilder();
                for (int i = r.nextInt(4); i >= 0; i--) {
                    b.append(WORDS[r.nextInt(WORDS.length)]);
                }
                return f.textNode(b.toString());
            }
            case 3:
                return f.numberNode(r.nextInt(-2, 5000));
            case 4:
                return r.nextBoolean() ? f.numberNode(r.nextInt(0, 20) / 4.0) : f.booleanNode(r.nextBoolean());
            case 5:
                return f.nullNode();
            case 6, 7: {
                ArrayNode a = f.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth - 1));
                }
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    JsonNode key = randomValue(r, 0);
                    o.set(key.isTextual() ? key.textValue() : WORDS[r.nextInt(WORDS.length)], randomValue(r, depth - 1));
                }
                return o;
            }
        }
    }
}
