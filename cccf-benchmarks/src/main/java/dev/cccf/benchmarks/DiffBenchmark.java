package dev.cccf.benchmarks;

import dev.cccf.core.Cccf;
import dev.cccf.diff.CompactDiff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * What {@code cccf diff} does without the process: both documents read from their JSON bytes
 * into a {@link CompactDiff} and add, remove and keep written out as compact JSON. {@code atOnce}
 * reads both documents at the same time on two threads (as the CLI does with two files of known
 * size); {@code inTurn} reads current, then wanted, keeping of it only what is added (as the CLI
 * does with stdin or large files). Compare with {@link PipelineBenchmark#jacksonBaseline}, plain
 * Jackson reading and writing the same two documents.
 */
public class DiffBenchmark extends Sized {
    private Workload w;

    @Setup(Level.Trial)
    public void setUp() {
        w = new Workload(n);
    }

    @Benchmark
    public long atOnce() throws IOException {
        return diff(w.wantedJson.length);
    }

    @Benchmark
    public long inTurn() throws IOException {
        return diff(-1);
    }

    /** The diff, written; returns the bytes written plus the number of changes. */
    private long diff(long wantedSize) throws IOException {
        CompactDiff d = CompactDiff.of(Cccf.reader(),
                new CompactDiff.Input(new ByteArrayInputStream(w.currentJson), "current.json", w.currentJson.length),
                new CompactDiff.Input(new ByteArrayInputStream(w.wantedJson), "wanted.json", wantedSize), Set.of());
        Sink sink = new Sink();
        for (CompactDiff.Part part : CompactDiff.Part.values()) {
            d.writeCompact(part, sink);
        }
        return sink.bytes + d.changed().size();
    }
}
