package dev.cccf.diff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.cli.Tool;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code cccf diff} prints (from the compact diff, streamed) is byte for byte what writing
 * {@link Diff#between}'s result as one tree prints, in every layout, with and without secrets
 * and ignored fields, and when one side comes from stdin.
 */
class DiffOutputTest {
    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 25);
    }

    private static List<Container> current(SplittableRandom r, long seed) {
        List<Container> out = new ArrayList<>();
        for (Container c : Cccf.random(5 + r.nextInt(30), seed)) {
            Container.Builder b = c.toBuilder();
            if (r.nextBoolean()) {
                b.host("h" + r.nextInt(3));
            }
            if (r.nextInt(3) == 0) {
                b.env("DB_PASSWORD=" + r.nextInt(3), "MODE=a");
            }
            if (r.nextInt(4) == 0) {
                b.extension("x-team", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("owner", "o" + r.nextInt(2)));
            }
            out.add(b.build());
        }
        return out;
    }

    private static List<Container> wanted(List<Container> current, SplittableRandom r) {
        List<Container> out = new ArrayList<>();
        for (Container c : current) {
            switch (r.nextInt(8)) {
                case 0 -> { }
                case 1 -> out.add(c.withImage(c.image() + "-next"));
                case 2 -> out.add(c.withEnv(List.of("DB_PASSWORD=" + r.nextInt(3), "MODE=b")));
                case 3 -> out.add(c.withHost(null).withScale(2));
                case 4 -> out.add(c.withoutExtension("x-team").withExtension("restart",
                        com.fasterxml.jackson.databind.node.TextNode.valueOf("always")));
                default -> out.add(c);
            }
        }
        out.add(Container.of("new-" + r.nextInt(1000), "img"));
        return out;
    }

    private static byte[] bytes(List<Container> containers, OutputFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(containers, false, out, format);
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void printsWhatWritingDiffBetweenPrints(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<Container> current = current(r, seed);
        List<Container> wanted = wanted(current, r);
        byte[] wantedYaml = bytes(wanted, OutputFormat.YAML);
        Path currentFile = Files.write(dir.resolve("current.json"), bytes(current, OutputFormat.PRETTY));
        List<Container> readCurrent = Cccf.read(currentFile).containers();
        List<Container> readWanted = Cccf.read(new ByteArrayInputStream(wantedYaml), "wanted").containers();
        for (Set<String> ignore : List.of(Set.<String>of(), Set.of("env"), Set.of("x-team", "host"))) {
            for (boolean mask : List.of(true, false)) {
                for (OutputFormat format : List.of(OutputFormat.COMPACT, OutputFormat.PRETTY, OutputFormat.YAML)) {
                    ByteArrayOutputStream expected = new ByteArrayOutputStream();
                    CccfWriter.writeTree(DiffJson.toTree(Diff.between(readCurrent, readWanted, ignore), mask), expected,
                            format);
                    List<String> args = new ArrayList<>(List.of("--" + format.name().toLowerCase()));
                    if (!mask) {
                        args.add("--show-secrets");
                    }
                    ignore.forEach(f -> args.addAll(List.of("--ignore", f)));
                    args.addAll(List.of(currentFile.toString(), "-"));
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int code = DiffMain.run(args.toArray(String[]::new), new Tool.Streams(new ByteArrayInputStream(wantedYaml),
                            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                            Map.of("CCCF_STDOUT_TTY", "0")));
                    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
                    assertThat(out.toString(StandardCharsets.UTF_8)).as(args.toString())
                            .isEqualTo(expected.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
