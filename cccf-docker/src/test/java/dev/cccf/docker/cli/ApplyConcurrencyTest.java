package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two {@code cccf apply} of the same wanted state and project started at once on the same two
 * engines: from nothing (both create every container) and over the previous version (both
 * replace the same containers), first at exactly the same moment, then with the second started
 * a random 0 to 1,499 ms later (so it sees the first one's work half done). Both must exit 0, and
 * the engines must hold exactly the wanted state: converged, no duplicate, no orphan.
 *
 * <p>4 rounds of both cases by default ({@code -Dcccf.trials.concurrent=N}), delays from the
 * printed seed ({@code -Dcccf.trials.seed=S}); written to target/concurrency-trials.txt.
 */
class ApplyConcurrencyTest extends TrialsBase {
    @Override
    String project() {
        return "cccf-cc";
    }

    @Test
    void twoAppliesAtOnceBothSucceedAndLeaveTheWantedStateOnce() throws Exception {
        int rounds = Trials.count("cccf.trials.concurrent", 4);
        Random random = new Random(trials.seed);
        String header = String.format(Locale.ROOT, "concurrency trials: %d rounds, seed %d (replay: scripts/trials.sh concurrent %d %d)",
                rounds, trials.seed, rounds, trials.seed);
        System.out.println(header);
        List<String> report = new ArrayList<>(List.of(header, "round  case          2nd-after-ms  exits  created(1st+2nd)  more-runs  result"));
        List<String> failures = new ArrayList<>();
        int version = 0;
        for (int round = 1; round <= rounds; round++) {
            for (String kind : List.of("from nothing", "a change")) {
                if (kind.equals("from nothing")) {
                    trials.removeAll();
                }
                int laterMs = round == 1 ? 0 : random.nextInt(1500);
                Path wanted = trials.wanted(++version);
                CyclicBarrier go = new CyclicBarrier(2);
                ApplyEngineTest.Run[] runs = new ApplyEngineTest.Run[2];
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int which = i;
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                            Thread.sleep(which == 0 ? 0 : laterMs);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        runs[which] = trials.apply(wanted, null);
                    }, "apply-" + round + "-" + i);
                    t.start();
                    threads.add(t);
                }
                for (Thread t : threads) {
                    t.join(180_000);
                }
                List<String> problems = new ArrayList<>(trials.problems(wanted));
                for (int i = 0; i < 2; i++) {
                    if (runs[i].code() != 0) {
                        problems.add((i == 0 ? "1st" : "2nd") + " apply exited " + runs[i].code() + ": " + runs[i].err().lines()
                                .filter(l -> l.contains("failed") || l.contains("error")).collect(Collectors.joining(" | ")));
                    }
                }
                long rechecks = runs[0].err().lines().filter(l -> l.contains("the engines changed meanwhile")).count()
                        + runs[1].err().lines().filter(l -> l.contains("the engines changed meanwhile")).count();
                String line = String.format(Locale.ROOT, "%5d  %-12s  %12d  %d, %d  %7d + %-7d  %9d  %s", round, kind, laterMs,
                        runs[0].code(), runs[1].code(), created(runs[0]), created(runs[1]), rechecks,
                        problems.isEmpty() ? "converged" : String.join("; ", problems));
                System.out.println(line);
                report.add(line);
                if (!problems.isEmpty()) {
                    failures.add("round " + round + ", " + kind + " (seed " + trials.seed + "): " + String.join("; ", problems));
                }
            }
        }
        Files.writeString(Path.of("target/concurrency-trials.txt"), String.join("\n", report) + "\n", StandardCharsets.UTF_8);

        assertThat(failures).as(String.join("\n", report)).isEmpty();
    }

    private static int created(ApplyEngineTest.Run run) {
        try {
            return run.ids("created").size();
        } catch (Exception noSummary) {
            return -1;
        }
    }
}
