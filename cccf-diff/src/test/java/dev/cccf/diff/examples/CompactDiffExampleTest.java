package dev.cccf.diff.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.diff.CompactDiff;
import dev.cccf.diff.Diff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CompactDiff example of cccf-diff's README, compiled and run. */
class CompactDiffExampleTest {
    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theReadmeExample() throws IOException {
        InputStream currentIn = text("[{\"id\": \"web\", \"image\": \"nginx:1.25\"}, {\"id\": \"db\", \"image\": \"pg\"}]");
        InputStream wantedIn = text("[{\"id\": \"web\", \"image\": \"nginx:1.27\"}, {\"id\": \"db\", \"image\": \"pg\"}]");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> started = new ArrayList<>();

        CompactDiff d = CompactDiff.of(Cccf.reader(),
                new CompactDiff.Input(currentIn, "current.json", -1),    // size in bytes, or -1 if unknown
                new CompactDiff.Input(wantedIn, "wanted.json", -1), Set.of());
        d.size(CompactDiff.Part.ADD);                                   // ADD, REMOVE, KEEP
        d.writeCompact(CompactDiff.Part.KEEP, out);                     // the containers' JSON, comma-separated
        d.forEach(CompactDiff.Part.ADD, c -> started.add(c.id()));      // as records, read back a batch at a time
        d.changed();                                                    // List<Change>, as Diff.between explains them
        d.toResult();                                                   // the whole DiffResult in memory

        assertThat(d.size(CompactDiff.Part.ADD)).isOne();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"db\",\"image\":\"pg\"}");
        assertThat(started).containsExactly("web");
        assertThat(d.changed()).singleElement().satisfies(c -> assertThat(c.fields()).containsOnlyKeys("image"));
        assertThat(d.toResult()).isEqualTo(Diff.between(Cccf.parse("[{\"id\": \"web\", \"image\": \"nginx:1.25\"},"
                + " {\"id\": \"db\", \"image\": \"pg\"}]").containers(), Cccf.parse("[{\"id\": \"web\", \"image\":"
                + " \"nginx:1.27\"}, {\"id\": \"db\", \"image\": \"pg\"}]").containers()));
    }
}
