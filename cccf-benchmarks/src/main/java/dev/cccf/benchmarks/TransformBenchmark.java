package dev.cccf.benchmarks;

import dev.cccf.core.Container;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.host.Placement;
import dev.cccf.host.Strategy;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.Plan;
import dev.cccf.scale.Scale;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * Each transform alone on records already in memory: scale up the wanted containers, diff them
 * against the current ones, spread them over {@value Workload#HOSTS} hosts, and render
 * {@code docker run} for the placed ones.
 */
public class TransformBenchmark extends Sized {

    private Workload w;
    private List<Container> scaled;
    private List<Container> placed;

    @Setup(Level.Trial)
    public void setUp() {
        w = new Workload(n);
        scaled = Scale.up(w.wanted);
        placed = Placement.place(scaled, w.hosts, Strategy.spread(), List.of()).containers();
    }

    @Benchmark
    public List<Container> scaleUp() {
        return Scale.up(w.wanted);
    }

    @Benchmark
    public DiffResult diff() {
        return Diff.between(w.current, scaled);
    }

    @Benchmark
    public Placement.Result placeSpread() {
        return Placement.place(scaled, w.hosts, Strategy.spread(), List.of());
    }

    @Benchmark
    public Plan instructionsRun() {
        return Instructions.run(placed, w.options);
    }
}
