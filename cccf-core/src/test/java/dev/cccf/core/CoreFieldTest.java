package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of core fields is what the reader, the writer and the record agree on. */
class CoreFieldTest {
    private static final Container FULL = Container.builder("web", "nginx:1").cmd(Cmd.argv(List.of("run", "--x")))
            .ports("80:80").env("A=1").volumes("/a:/a").expose("80").links("db").scale(2).host("h1")
            .extension("x-meta", new ObjectMapper().createObjectNode().put("a", 1)).build();

    @Test
    void theWriterWritesEveryCoreFieldInTheTablesOrderThenTheExtensions() throws Exception {
        JsonNode written = new ObjectMapper().readTree(CccfWriter.json(FULL));
        List<String> names = new ArrayList<>();
        written.fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>(CoreField.names());
        expected.add("x-meta");
        assertThat(names).isEqualTo(expected);
        assertThat(Container.CORE_FIELDS).isEqualTo(CoreField.names());
    }

    @Test
    void everyCoreFieldIsReadBackAsItWasWritten() {
        Container read = Cccf.parse(CccfWriter.json(FULL)).containers().get(0);
        for (CoreField field : CoreField.all()) {
            assertThat(field.value(read)).as(field.jsonName()).isNotNull().isEqualTo(field.value(FULL));
            assertThat(CoreField.named(field.jsonName())).isSameAs(field);
        }
        assertThat(read).isEqualTo(FULL);
        assertThat(CoreField.named("x-meta")).isNull();
    }

    @Test
    void thePlainLengthIsTheSumOfTheFieldsLengths() {
        Container plain = FULL.withoutExtension("x-meta");
        int fields = 0;
        for (CoreField field : CoreField.all()) {
            fields += CccfWriter.plainLength(plain, field);
        }
        assertThat(CccfWriter.plainLength(plain)).isEqualTo(fields + 1).isEqualTo(CccfWriter.json(plain).length());
        assertThat(CccfWriter.plainLength(plain, CoreField.HOST)).isEqualTo(",\"host\":\"h1\"".length());
        assertThat(CccfWriter.plainLength(plain.withHost(null), CoreField.HOST)).isZero();
    }

    @Test
    void theSetFieldsAreTheListsOfStrings() {
        assertThat(CoreField.all().stream().filter(f -> f.kind() == CoreField.Kind.SET).map(CoreField::jsonName))
                .containsExactly("ports", "env", "volumes", "expose", "links");
        assertThat(CoreField.ENV.items(FULL)).containsExactly("A=1");
        assertThat(CoreField.IMAGE.items(FULL)).isEmpty();
    }
}
