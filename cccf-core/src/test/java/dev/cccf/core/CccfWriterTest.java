package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CccfWriterTest {

    private static String write(List<Container> containers, boolean single, OutputFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(containers, single, out, format);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Three containers that carry {@code value} in the image, an env entry and the cmd line. */
    private static List<Container> carrying(String value) {
        return List.of(Container.of("a", value), Container.builder("/a", "i").cmd(Cmd.argv(List.of()))
                .env("K=" + value).scale(12).host("h").build(), Container.builder("a", "i").cmd(value).ports("1:1", "2:2")
                .volumes("/v").expose("80").links("b").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "caf\u00e9", "quo\"te", "tab\t", "a/b", "del\u007f"})
    void plainLengthIsTheLengthOfTheJsonWithEveryStringMadePlain(String value) throws Exception {
        // ASCII that JSON writes as it is (DEL included); a quote, a backslash, a control character
        // is escaped, and é takes two bytes
        boolean plain = value.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7f && ch != '"' && ch != '\\');
        List<Container> odd = carrying(value);
        List<Container> same = carrying("x".repeat(value.length())); // as long, and plain
        for (int i = 0; i < odd.size(); i++) {
            Container c = odd.get(i);
            int length = write(List.of(c), true, OutputFormat.COMPACT).getBytes(StandardCharsets.UTF_8).length - 1;
            int plainLength = write(List.of(same.get(i)), true, OutputFormat.COMPACT).length() - 1;

            assertThat(CccfWriter.plainLength(c)).as(c.toString()).isEqualTo(plainLength);
            if (plain) {
                assertThat(length).as(c.toString()).isEqualTo(plainLength);
            } else {
                assertThat(length).as(c.toString()).isGreaterThan(plainLength);
            }
        }
    }

    @Test
    void plainLengthIsMinusOneWithAnExtensionField() {
        assertThat(CccfWriter.plainLength(Container.of("a", "b").withExtension("x", IntNode.valueOf(1)))).isEqualTo(-1);
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
