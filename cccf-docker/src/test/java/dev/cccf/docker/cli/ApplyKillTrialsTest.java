package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code cccf apply} with engine h2's dockerd killed (SIGKILL) at random points: after a random
 * number of finished steps (0 to 9: before the inspect has even finished, between removals,
 * between creations) and a random delay (0 to 299 ms, so also in the middle of a step). After
 * each kill the engine is restarted with {@code scripts/engines.sh start} and apply is run again,
 * once: it must exit 0, and the engines must hold exactly the wanted state: converged, no
 * duplicate, no orphan ({@link Trials#problems}), and nothing the killed dockerd left running that
 * the new one does not know ({@link Trials#strangers}). Each trial applies the next version of the
 * wanted state, so every apply removes, creates and starts on both hosts.
 *
 * <p>20 trials by default ({@code -Dcccf.trials.kills=N} for more), from the seed printed at the
 * start ({@code -Dcccf.trials.seed=S} replays it; the kill points are the same, the timing of the
 * engines is not). Every trial is printed, and written to target/kill-trials.txt.
 */
class ApplyKillTrialsTest extends TrialsBase {
    @Override
    String project() {
        return "cccf-kt";
    }

    /** Counts the progress lines of an apply ("cccf apply: h1: removed ..."), one per finished or failed step. */
    static final class Steps extends OutputStream {
        private final StringBuilder line = new StringBuilder();
        private volatile int done;

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.append((char) b);
                return;
            }
            if (line.toString().matches("cccf apply: [^ ]+: ((removed|created and started|started|made again and started) .*|.* failed: .*)")) {
                done++;
            }
            line.setLength(0);
        }

        int done() {
            return done;
        }

        /** Waits until {@code n} steps are done or {@code applying} has ended. */
        void await(int n, Thread applying) throws InterruptedException {
            while (done < n && applying.isAlive()) {
                Thread.sleep(2);
            }
        }
    }

    @Test
    void applyConvergesAfterH2IsKilledAtRandomPoints() throws Exception {
        int count = Trials.count("cccf.trials.kills", 20);
        Random random = new Random(trials.seed);
        String header = String.format(Locale.ROOT, "kill trials: %d, seed %d (replay: scripts/trials.sh kill %d %d)", count,
                trials.seed, count, trials.seed);
        System.out.println(header);
        List<String> report = new ArrayList<>(List.of(header,
                "trial  after-steps  +ms  steps-before-kill  1st-exit  gone-s  restart-s  2nd-exit  2nd-apply-s  result"));
        List<String> failures = new ArrayList<>();

        Path first = trials.wanted(0);
        ApplyEngineTest.Run base = trials.apply(first, null);
        assertThat(base.code()).as(base.err()).isZero();
        assertThat(trials.problems(first)).isEmpty();

        int interrupted = 0;
        for (int t = 1; t <= count; t++) {
            int afterSteps = random.nextInt(10);
            int delayMs = random.nextInt(300);
            Path wanted = trials.wanted(t);
            long pid = trials.victimPid();
            Steps steps = new Steps();
            ApplyEngineTest.Run[] run = new ApplyEngineTest.Run[1];
            Thread applying = new Thread(() -> run[0] = trials.apply(wanted, steps), "apply-trial-" + t);
            applying.start();
            steps.await(afterSteps, applying);
            Thread.sleep(delayMs);
            int stepsBeforeKill = steps.done();
            boolean stillApplying = applying.isAlive();
            long k0 = System.nanoTime();
            trials.killVictim(pid);
            applying.join(120_000);
            assertThat(applying.isAlive()).as("trial %d: the killed apply ended", t).isFalse();
            long k1 = System.nanoTime();
            trials.restartEngines();
            long k2 = System.nanoTime();
            List<String> left = trials.strangers();

            long t0 = System.nanoTime();
            ApplyEngineTest.Run again = trials.apply(wanted, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<String> problems = new ArrayList<>(trials.problems(wanted));
            left.forEach(id -> problems.add("left running by the killed dockerd, unknown to the new one: " + id));
            if (!List.of(0, 3).contains(run[0].code()) || run[0].err().contains("internal error")) {
                problems.add("the killed apply exited " + run[0].code() + ": " + run[0].err().strip());
            }
            if (again.code() != 0) {
                problems.add("the apply after the restart exited " + again.code() + ": " + again.err().lines()
                        .filter(l -> !l.contains(" was not created by cccf for this project")).collect(Collectors.joining(" | ")));
            }
            interrupted += stillApplying && run[0].code() == 3 ? 1 : 0;
            String line = String.format(Locale.ROOT, "%5d  %11d  %3d  %17d  %8d  %6.1f  %9.1f  %8d  %11.1f  %s", t, afterSteps, delayMs,
                    stepsBeforeKill, run[0].code(), (k1 - k0) / 1e9, (k2 - k1) / 1e9, again.code(), seconds,
                    problems.isEmpty() ? "converged" : String.join("; ", problems));
            System.out.println(line);
            report.add(line);
            if (!problems.isEmpty()) {
                failures.add("trial " + t + " (seed " + trials.seed + "): " + String.join("; ", problems));
            }
        }
        String summary = String.format(Locale.ROOT, "%d trials, %d killed in the middle of the apply (exit 3), %d converged",
                count, interrupted, count - failures.size());
        System.out.println(summary);
        report.add(summary);
        Files.writeString(Path.of("target/kill-trials.txt"), String.join("\n", report) + "\n", StandardCharsets.UTF_8);

        assertThat(failures).as(String.join("\n", report)).isEmpty();
        assertThat(interrupted).as("trials whose kill came while apply ran: the kill points must hit applies").isGreaterThan(count / 2);
    }
}
