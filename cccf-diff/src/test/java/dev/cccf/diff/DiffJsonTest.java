package dev.cccf.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DiffJsonTest {
    private static final String CURRENT = """
            [{"id": "db", "image": "pg:15", "env": ["DB_PASSWORD=old", "MODE=a"]}, {"id": "gone", "image": "x"}]""";
    private static final String WANTED = """
            [{"id": "db", "image": "pg:16", "env": ["DB_PASSWORD=new", "MODE=a"]}, {"id": "new", "image": "y", "env": ["API_TOKEN=t"]}]""";

    private static DiffResult diff() {
        return Diff.between(Cccf.parse(CURRENT).containers(), Cccf.parse(WANTED).containers());
    }

    @Test
    void theTreeHasTheFourSectionsAChangedContainerInAddAndRemoveAndSecretsMaskedOnlyInChanged() {
        assertThat(DiffJson.toTree(diff(), true).toString()).isEqualTo("{\"add\":[{\"id\":\"db\",\"image\":\"pg:16\",\"env\":[\"DB_PASSWORD=new\",\"MODE=a\"]},"
                + "{\"id\":\"new\",\"image\":\"y\",\"env\":[\"API_TOKEN=t\"]}],"
                + "\"remove\":[{\"id\":\"db\",\"image\":\"pg:15\",\"env\":[\"DB_PASSWORD=old\",\"MODE=a\"]},"
                + "{\"id\":\"gone\",\"image\":\"x\"}],\"keep\":[],"
                + "\"changed\":[{\"id\":\"db\",\"fields\":{"
                + "\"image\":{\"from\":\"pg:15\",\"to\":\"pg:16\"},"
                + "\"env\":{\"from\":[\"DB_PASSWORD=***\",\"MODE=a\"],\"to\":[\"DB_PASSWORD=***\",\"MODE=a\"],"
                + "\"added\":[\"DB_PASSWORD=***\"],\"removed\":[\"DB_PASSWORD=***\"]}}}]}");
    }

    @Test
    void withoutMaskingTheValuesShow() {
        assertThat(DiffJson.toTree(diff(), false).get("changed").get(0).get("fields").get("env").toString())
                .isEqualTo("{\"from\":[\"DB_PASSWORD=old\",\"MODE=a\"],\"to\":[\"DB_PASSWORD=new\",\"MODE=a\"],"
                        + "\"added\":[\"DB_PASSWORD=new\"],\"removed\":[\"DB_PASSWORD=old\"]}");
    }

    @Test
    void maskingAChangeLeavesItAndItsOtherFieldsAlone() {
        Change change = diff().changed().get(0);

        Change masked = change.maskSecrets();

        assertThat(masked.fields().get("image")).isEqualTo(change.fields().get("image"));
        assertThat(masked.fields().get("env").added()).containsExactly("DB_PASSWORD=***");
        assertThat(change.fields().get("env").added()).containsExactly("DB_PASSWORD=new");
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"COMPACT", "PRETTY", "YAML"})
    void theStreamedDiffIsTheTreeWrittenInEachLayout(OutputFormat layout) throws IOException {
        CompactDiff compact = CompactDiff.of(Cccf.reader(), input(CURRENT, "current"), input(WANTED, "wanted"), Set.of());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        ByteArrayOutputStream fromTree = new ByteArrayOutputStream();

        DiffJson.write(compact, true, streamed, layout);
        try (JsonGenerator g = CccfWriter.generator(fromTree, layout)) {
            CccfWriter.writeTree(g, DiffJson.toTree(diff(), true));
        }

        assertThat(streamed.toString(StandardCharsets.UTF_8).strip()).isEqualTo(fromTree.toString(StandardCharsets.UTF_8).strip());
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"COMPACT", "PRETTY", "YAML"})
    void theWantedDocumentsDeclarationsFollowTheSectionsAndReadBackAsSections(OutputFormat layout) throws IOException {
        String wanted = "{\"name\": \"shop\", \"networks\": {\"front\": {\"internal\": true}},"
                + " \"volumes\": {\"data\": {}}, \"containers\": " + WANTED + "}";
        CompactDiff compact = CompactDiff.of(Cccf.reader(), input(CURRENT, "current"), input(wanted, "wanted"), Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DiffJson.write(compact, true, out, layout);

        Sections read = Cccf.reader().readSections(new ByteArrayInputStream(out.toByteArray()), "diff",
                Set.of("add", "remove", "keep"));
        assertThat(read.declarations()).isEqualTo(Cccf.parse(wanted).declarations());
        assertThat(read.section("add").containers()).extracting(Container::id).containsExactly("db", "new");
        if (layout == OutputFormat.COMPACT) {
            assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("}}}]"
                    + ",\"name\":\"shop\",\"networks\":{\"front\":{\"internal\":true}},\"volumes\":{\"data\":{}}}\n");
        }
    }

    private static CompactDiff.Input input(String text, String name) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CompactDiff.Input(new ByteArrayInputStream(bytes), name, bytes.length);
    }

    @Test
    void containersKeepTheirFieldsInTheTree() {
        List<Container> one = Cccf.parse("{\"id\": \"a\", \"image\": \"x\", \"zz\": 1}").containers();

        assertThat(DiffJson.toTree(Diff.between(List.of(), one), true).get("add").toString())
                .isEqualTo("[{\"id\":\"a\",\"image\":\"x\",\"zz\":1}]");
    }
}
