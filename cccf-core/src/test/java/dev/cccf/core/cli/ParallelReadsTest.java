package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ParallelReadsTest {

    private static Callable<Document> read(String text, String source) {
        return () -> Cccf.reader().read(text, source);
    }

    @Test
    void theDocumentsComeInTheOrderOfTheReads() throws IOException {
        List<Callable<Document>> reads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            reads.add(read("{\"id\": \"c" + i + "\", \"image\": \"x\"}", "f" + i));
        }

        List<Document> docs = ParallelReads.readAll(reads);

        assertThat(docs).extracting(d -> d.containers().get(0)).extracting(Container::id)
                .containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11");
    }

    @Test
    void everyProblemOfEveryReadIsThrownTogether() {
        List<Callable<Document>> reads = List.of(read("{\"id\": \"a b\", \"image\": \"x\"}", "one.json"),
                read("{\"id\": \"ok\", \"image\": \"x\"}", "two.json"), read("{\"id\": \"c\"}", "three.json"));

        assertThatThrownBy(() -> ParallelReads.readAll(reads)).isInstanceOfSatisfying(InvalidDocumentException.class,
                e -> assertThat(e.problems()).extracting(Problem::format).containsExactly(
                        "one.json:1:8: $.id: [id-pattern] id \"a b\" must match ^/?[A-Za-z0-9_-]+$ (letters, digits, '_' and '-')",
                        "three.json:1:1: $: [image-required] the container has no image"));
    }

    @Test
    void anInputThatCannotBeReadIsTheFailureItself() {
        List<Callable<Document>> reads = List.of(read("{\"id\": \"a\", \"image\": \"x\"}", "one.json"), () -> {
            throw new IOException("two.json: permission denied");
        });

        assertThatThrownBy(() -> ParallelReads.readAll(reads)).isInstanceOf(IOException.class)
                .hasMessage("two.json: permission denied");
        assertThatThrownBy(() -> ParallelReads.readAll(List.of(() -> {
            throw new UncheckedIOException(new IOException("gone"));
        }))).isInstanceOf(UncheckedIOException.class);
    }
}
