package dev.cccf.benchmarks;

import java.io.IOException;
import java.util.Arrays;

/**
 * The pipeline claim, checked in a way a loaded machine disturbs less than two separate JMH runs:
 * one JVM runs {@link PipelineBenchmark#pipeline} and {@link PipelineBenchmark#jacksonBaseline}
 * alternately, after a warm-up, and prints both medians and their ratio (the claim: at most 2).
 *
 * <pre>java -Xms4g -Xmx4g -cp cccf-benchmarks/target/benchmarks.jar dev.cccf.benchmarks.PipelineVsJackson [N [ROUNDS]]</pre>
 */
public final class PipelineVsJackson {
    private PipelineVsJackson() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        PipelineBenchmark b = new PipelineBenchmark();
        b.n = n;
        b.setUp();
        long sink = 0;
        for (int i = 0; i < 3; i++) {
            sink += b.pipeline() + b.jacksonBaseline();
        }
        long[] pipeline = new long[rounds];
        long[] jackson = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += b.pipeline();
            long t1 = System.nanoTime();
            sink += b.jacksonBaseline();
            long t2 = System.nanoTime();
            pipeline[i] = t1 - t0;
            jackson[i] = t2 - t1;
        }
        double p = median(pipeline) / 1e6;
        double j = median(jackson) / 1e6;
        System.out.printf("n=%d rounds=%d pipeline median %.0f ms, jackson median %.0f ms, ratio %.2f (claim: <= 2)%n",
                n, rounds, p, j, p / j);
        System.out.printf("pipeline ms: %s%njackson  ms: %s%n(%d)%n", ms(pipeline), ms(jackson), sink % 10);
    }

    private static double median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static String ms(long[] a) {
        return Arrays.toString(Arrays.stream(a).map(x -> x / 1_000_000).toArray());
    }
}
