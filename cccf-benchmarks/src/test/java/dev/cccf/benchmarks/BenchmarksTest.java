package dev.cccf.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Container;
import dev.cccf.instructions.Plan;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what they say: the workload has its documented shape and every benchmark does the whole job. */
class BenchmarksTest {

    @Test
    void workloadIsShapedAsDocumented() {
        Workload w = new Workload(1000);
        assertThat(w.current).hasSize(1000).allMatch(c -> c.host() != null);
        // 1000 - every 50th + 1000/40 new
        assertThat(w.wanted).hasSize(1000 - 20 + 25).allMatch(c -> c.host() == null);
        assertThat(w.wanted).filteredOn(c -> Integer.valueOf(3).equals(c.scale())).hasSize(10);
        assertThat(w.wanted).filteredOn(c -> c.image().endsWith("-next")).hasSize(100);
        assertThat(w.hosts).hasSize(Workload.HOSTS);
    }

    @Test
    void pipelinePlansEveryRemovalAndAddition() throws IOException {
        PipelineBenchmark b = new PipelineBenchmark();
        b.n = 1000;
        b.setUp();
        Plan plan = b.plan();
        // removed: 20 gone + 100 changed, each stop + rm; added: 100 changed + 25 new + 10 x 2 replicas
        List<String> lines = plan.lines();
        assertThat(lines).filteredOn(l -> l.contains(" stop ")).hasSize(120);
        assertThat(lines).filteredOn(l -> l.contains(" rm ")).hasSize(120);
        assertThat(lines).filteredOn(l -> l.contains(" run ")).hasSize(145).allMatch(l -> l.contains("-H"));
        assertThat(b.pipeline()).isEqualTo(lines.stream().mapToLong(l -> l.length() + 1).sum());
    }

    @Test
    void jacksonBaselineWritesBackTheSameBytes() throws IOException {
        PipelineBenchmark b = new PipelineBenchmark();
        b.n = 1000;
        b.setUp();
        Workload w = new Workload(1000);
        // CccfWriter ends each document with a newline; Jackson writes the compact JSON without it
        assertThat(b.jacksonBaseline()).isEqualTo(w.wantedJson.length + w.currentJson.length - 2);
    }

    @Test
    void cccfReadWriteRoundTripsTheBytes() throws IOException {
        ReadBenchmark b = new ReadBenchmark();
        b.n = 1000;
        b.setUp();
        List<Container> read = b.cccfRead();
        assertThat(read).isEqualTo(new Workload(1000).wanted);
        assertThat(b.cccfReadWrite()).isEqualTo(Workload.json(read).length);
        assertThat(b.jacksonReadWrite()).isEqualTo(Workload.json(read).length - 1);
    }

    @Test
    void theStreamedDiffWritesWhatDiffBetweenFinds() throws IOException {
        DiffBenchmark b = new DiffBenchmark();
        b.n = 1000;
        b.setUp();
        Workload w = new Workload(1000);
        // scale is ignored: add = 100 changed + 25 new; remove = 20 gone + 100 changed; keep the rest
        dev.cccf.diff.DiffResult d = dev.cccf.diff.Diff.between(w.current, w.wanted);
        assertThat(d.add()).hasSize(125);
        assertThat(d.remove()).hasSize(120);
        long bytes = 0;
        for (List<Container> part : List.of(d.add(), d.remove(), d.keep())) {
            bytes += Math.max(0, Workload.json(part).length - 3); // without '[', ']' and the newline
        }
        assertThat(b.atOnce()).isEqualTo(bytes + 100).isEqualTo(b.inTurn());
    }

    @Test
    void transformsDoTheirWholeJob() {
        TransformBenchmark b = new TransformBenchmark();
        b.n = 1000;
        b.setUp();
        assertThat(b.scaleUp()).hasSize(1005 + 20);
        assertThat(b.diff().add()).hasSize(145);
        assertThat(b.diff().remove()).hasSize(120);
        assertThat(b.placeSpread().containers()).hasSize(1025).allMatch(c -> c.host() != null);
        assertThat(b.instructionsRun().commands()).hasSize(1025);
    }
}
