package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CccfWriterTest {

    private static String write(List<Container> containers, boolean single, OutputFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(containers, single, out, format);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void marksAreToldWhereEachFieldBeginsAndChangeNoByte() throws Exception {
        Container c = Cccf.parse("""
                {"id": "/web", "image": "nginx", "cmd": ["a"], "env": ["A=1"], "scale": 2, "host": "h", "x-b": {"c": 1}, "x-a": 2}
                """).containers().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> marks = new java.util.ArrayList<>();
        try (com.fasterxml.jackson.core.JsonGenerator g = CccfWriter.generator(out, OutputFormat.COMPACT)) {
            CccfWriter.writeContainer(g, c, field -> {
                g.flush();
                marks.add(field + "@" + out.size());
            });
        }
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(Cccf.toJson(c));
        assertThat(marks).containsExactly("image@12", "cmd@28", "env@40", "scale@54", "host@64", "x-b@75", "x-a@89",
                "null@97");
        assertThat(json.substring(0, 12)).isEqualTo("{\"id\":\"/web\"");
        assertThat(json.substring(54, 64)).isEqualTo(",\"scale\":2");
        assertThat(json.substring(89)).isEqualTo(",\"x-a\":2}");
    }

    @Test
    void canonicalFormSortsKeysAtEveryLevelAndHasNoWhitespace() {
        Container c = Cccf.parse("{\"image\":\"x\",\"id\":\"a\",\"z\":{\"b\":1,\"a\":[{\"d\":1,\"c\":2}]},\"env\":[\"B=1\",\"A=2\"]}")
                .containers().get(0);
        assertThat(Cccf.canonical(c))
                .isEqualTo("{\"env\":[\"B=1\",\"A=2\"],\"id\":\"a\",\"image\":\"x\",\"z\":{\"a\":[{\"c\":2,\"d\":1}],\"b\":1}}");
    }

    @Test
    void canonicalFormIgnoresPropertyOrder() {
        Container a = Cccf.parse("{\"id\":\"a\",\"image\":\"x\",\"p\":1,\"q\":{\"r\":1,\"s\":2}}").containers().get(0);
        Container b = Cccf.parse("{\"q\":{\"s\":2,\"r\":1},\"p\":1,\"image\":\"x\",\"id\":\"a\"}").containers().get(0);
        assertThat(Cccf.canonical(a)).isEqualTo(Cccf.canonical(b));
    }

    @Test
    void canonicalFormNormalisesNumbers() {
        Container a = Cccf.parse("{\"id\":\"a\",\"image\":\"x\",\"cpus\":2.0,\"m\":1.50}").containers().get(0);
        Container b = Cccf.parse("{\"id\":\"a\",\"image\":\"x\",\"cpus\":2,\"m\":1.5}").containers().get(0);
        assertThat(Cccf.canonical(a)).isEqualTo(Cccf.canonical(b)).contains("\"cpus\":2,");
    }

    @Test
    void anagramsHaveDifferentCanonicalForms() {
        Container ab = Container.of("ab", "img");
        Container ba = Container.of("ba", "img");
        assertThat(Cccf.canonical(ab)).isNotEqualTo(Cccf.canonical(ba));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void everyFormatReadsBackToTheSameContainers(OutputFormat format) throws Exception {
        List<Container> containers = Cccf.parse("""
                [{"id": "web", "image": "nginx", "cmd": ["sh", "-c", "echo 'a'; exit 0"],
                  "ports": ["22:22", "53:53/udp"], "env": ["A=yes", "B=0123", "C=line1\\nline2", "D=null"],
                  "volumes": ["/data"], "scale": 0, "host": "h1",
                  "labels": {"com.example/x": "true", "n": 1.5}, "flag": true, "nothing": null}]
                """).containers();
        String text = write(containers, false, format);
        assertThat(Cccf.parse(text).containers()).isEqualTo(containers);
    }

    @Test
    void writesASingleObjectBackAsAnObject() throws Exception {
        assertThat(write(List.of(Container.of("a", "b")), true, OutputFormat.COMPACT)).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}\n");
        assertThat(write(List.of(Container.of("a", "b")), false, OutputFormat.COMPACT)).isEqualTo("[{\"id\":\"a\",\"image\":\"b\"}]\n");
    }

    @Test
    void leavesEmptyListsOut() throws Exception {
        Container c = Cccf.parse("{\"id\":\"a\",\"image\":\"b\",\"env\":[],\"ports\":[]}").containers().get(0);
        assertThat(Cccf.toJson(c)).isEqualTo("{\"id\":\"a\",\"image\":\"b\"}");
    }

    @Test
    void writesIndentedJsonForPeople() throws Exception {
        assertThat(write(List.of(Container.of("a", "b")), true, OutputFormat.PRETTY))
                .isEqualTo("{\n  \"id\": \"a\",\n  \"image\": \"b\"\n}\n");
    }
}
