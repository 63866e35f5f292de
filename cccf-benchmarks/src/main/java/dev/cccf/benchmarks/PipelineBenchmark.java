package dev.cccf.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.host.Placement;
import dev.cccf.host.Strategy;
import dev.cccf.instructions.Changes;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.Plan;
import dev.cccf.scale.Scale;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The whole in-process pipeline from bytes to instructions: read and validate wanted and current,
 * scale wanted up, diff, place the added containers (spread, with current as load), plan, and
 * write the plan's lines. The baseline is plain Jackson reading both documents into trees and
 * writing them back: the claim to check is {@code pipeline <= 2 x jacksonBaseline} at 100,000.
 *
 */
public class PipelineBenchmark extends Sized {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Workload w;

    @Setup(Level.Trial)
    public void setUp() {
        w = new Workload(n);
    }

    @Benchmark
    public long pipeline() throws IOException {
        Plan plan = plan();
        Sink sink = new Sink();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8))) {
            for (String line : plan.lines()) {
                out.write(line);
                out.write('\n');
            }
        }
        return sink.bytes;
    }

    /** From bytes to the plan: everything {@link #pipeline} does but writing the lines. */
    Plan plan() throws IOException {
        Document wanted = Cccf.read(new ByteArrayInputStream(w.wantedJson), "wanted.json");
        List<Container> current = Cccf.read(new ByteArrayInputStream(w.currentJson), "current.json").containers();
        DiffResult d = Diff.between(current, Scale.up(wanted));
        List<Container> placed = Placement.place(d.add(), w.hosts, Strategy.spread(), current).containers();
        return Instructions.plan(new Changes(placed, d.remove(), d.keep()), w.options);
    }

    @Benchmark
    public long jacksonBaseline() throws IOException {
        JsonNode wanted = MAPPER.readTree(w.wantedJson);
        JsonNode current = MAPPER.readTree(w.currentJson);
        Sink sink = new Sink();
        MAPPER.writeValue(sink, wanted);
        MAPPER.writeValue(sink, current);
        return sink.bytes;
    }
}
