package dev.cccf.core.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java example of the README, compiled and run: keep the two in step. */
class ReadmeExampleTest {

    // README:begin core-example
    static List<String> upgradeWeb(Path file) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        try {
            Document doc = Cccf.read(file);                      // JSON or YAML, validated
            for (Container c : doc.containers()) {
                Container next = c.id().equals("web")
                        ? c.withImage("example/shop-web:2.5.0")  // records: changes return new values
                        : c;
                out.add(Cccf.canonical(next));                   // sorted keys: hash it, compare it
            }
        } catch (InvalidDocumentException e) {
            for (Problem p : e.problems()) {                     // every problem, located
                System.err.println(p.format());                  // FILE:LINE:COL: path: [code] message
            }
        }
        return out;
    }
    // README:end core-example

    @Test
    void theReadmeExampleRunsOnTheShippedExamples() throws Exception {
        List<String> canonical = upgradeWeb(Path.of("../examples/app.json"));
        assertThat(canonical).hasSize(5);
        assertThat(canonical.get(1)).contains("\"image\":\"example/shop-web:2.5.0\"").startsWith("{\"cpus\":0.5,");
    }
}
