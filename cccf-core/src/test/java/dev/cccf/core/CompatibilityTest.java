package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * cccf 3.3.0's own examples and the cases of its test/spec.js. The verdict column is what cccf
 * 3.3.0 itself says (measured with node on its schema); rows marked DIFFERS are deliberate
 * differences, each listed in the README with its reason.
 */
class CompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void acceptsTheOriginalExampleUnchanged() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/cccf-3.3.0/example.json")) {
            Document doc = Cccf.read(in, "example.json");
            assertThat(doc.isSingleObject()).isTrue();
            Container app = doc.containers().get(0);
            assertThat(app.id()).isEqualTo("app");
            assertThat(app.links()).containsExactly("$redis");
            assertThat(app.expose()).containsExactly("8000", "3000");
        }
    }

    @Test
    void acceptsTheOriginalMultipleExampleUnchanged() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/cccf-3.3.0/example-multiple.json")) {
            Document doc = Cccf.read(in, "example-multiple.json");
            assertThat(doc.containers()).extracting(Container::id).containsExactly("app1", "app2");
        }
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            id      | '"yo lo"'                    | invalid | id-pattern
            id      | '"☃"'                        | invalid | id-pattern
            cmd     | 2                            | invalid | cmd-type
            ports   | false                        | invalid | list-type
            ports   | '["80:meh"]'                 | invalid | port-format
            env     | 2                            | invalid | list-type
            env     | '["FOO:BAR"]'                | invalid | env-format
            env     | '["FOO=192.168.1.2"]'        | valid   |
            volumes | 2                            | invalid | list-type
            volumes | '["chili"]'                  | invalid | volume-format
            volumes | '["tmp:tmp"]'                | invalid | volume-format
            volumes | '["./tmp:/tmp"]'             | valid   |
            expose  | 2                            | invalid | list-type
            expose  | '["FOO"]'                    | invalid | expose-format
            ports   | '["53:53/tcp","53:53/udp"]'  | valid   |
            id      | '"/abc"'                     | valid   |
            env     | '["=x"]'                     | invalid | env-format
            env     | '["A-B=x"]'                  | invalid | env-format
            volumes | '["/a:/b:ro"]'               | valid   |
            volumes | '["data:/var/lib/data"]'     | valid   |
            """)
    void agreesWithTheOriginalVerdict(String field, String json, String verdict, String code) throws Exception {
        assertVerdict(field, json, verdict, code);
    }

    @ParameterizedTest(name = "DIFFERS: {0} = {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            volumes | '["/tmp"]'                   | valid   |
            ports   | '["99999:0"]'                | invalid | port-range
            scale   | -1                           | invalid | scale-range
            scale   | 2.5                          | invalid | scale-type
            env     | '["A=line1\\nline2"]'        | valid   |
            links   | 5                            | invalid | list-type
            image   | '""'                         | invalid | image-empty
            cmd     | '["python","server.py"]'     | valid   |
            expose  | '["8000/udp"]'               | valid   |
            volumes | '["foo bar:/x"]'             | invalid | volume-format
            """)
    void differsFromTheOriginalOnPurpose(String field, String json, String verdict, String code) throws Exception {
        assertVerdict(field, json, verdict, code);
    }

    @Test
    void validatesEveryContainerOfAnArrayWithTheSameRules() throws Exception {
        String text = new String(getClass().getResourceAsStream("/cccf-3.3.0/example-multiple.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\"8000\"", "\"FOO\"");
        assertThatThrownBy(() -> Cccf.parse(text))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code, Problem::path)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("expose-format", "$[0].expose[0]")));
    }

    private void assertVerdict(String field, String json, String verdict, String code) throws Exception {
        ObjectNode container;
        try (InputStream in = getClass().getResourceAsStream("/cccf-3.3.0/example.json")) {
            container = (ObjectNode) JSON.readTree(in);
        }
        container.set(field, JSON.readTree(json));
        String text = JSON.writeValueAsString(container);
        if (verdict.equals("valid")) {
            assertThat(Cccf.parse(text).containers()).hasSize(1);
        } else {
            assertThatThrownBy(() -> Cccf.parse(text))
                    .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                            .extracting(Problem::code).containsExactly(code));
        }
    }
}
