package dev.cccf.host;

import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * How {@link Placement} chooses among the hosts that can take a container. Each strategy carries
 * its behaviour (the order in which it tries hosts, its choice, its score), its name and its help
 * text; a new strategy is one more record here, and the CLIs list it from {@link #all}.
 */
public sealed interface Strategy {

    /** What a strategy sees of a host while placing: its place in the hosts file and its load so far. */
    interface Candidate {
        /** 0-based position in the hosts file */
        int index();

        /** containers on the host */
        int count();

        /** declared memory and cpus over capacity, summed: 0 (empty or no capacity declared) to 2 (full) */
        double fullness();

        /** containers of {@code service} (an id without its {@code -scale-N}) on the host */
        int replicasOf(String service);
    }

    /**
     * The choices of one placement run: asked once per container to place, in order; it may keep
     * state between calls (round-robin's cursor, random's generator).
     */
    @FunctionalInterface
    interface Choice {
        /**
         * The host for a container of {@code service}, or {@code null} when none fits.
         *
         * @param inFileOrder the hosts that the container's constraints allow, in hosts-file order
         * @param inOrder     the same hosts in {@link #order()} (only when that is not null)
         * @param fits        whether a host can take the container
         */
        Candidate choose(List<? extends Candidate> inFileOrder, NavigableSet<? extends Candidate> inOrder, String service,
                Predicate<Candidate> fits);
    }

    /** The name users type ({@code --strategy NAME}). */
    String name();

    /** One line for {@code --help}. */
    String help();

    /** The order in which this strategy keeps hosts sorted while placing; {@code null} (the default) when it needs none. */
    default Comparator<Candidate> order() {
        return null;
    }

    /** The score a placement reports for choosing {@code host} ({@link Placement.Decision#score}); by default its position. */
    default double score(Candidate host) {
        return host.index();
    }

    /** A fresh {@link Choice} for one placement run. */
    Choice start();

    /** The least busy host by container count; among equals, the one with fewest replicas of the service; then hosts-file order. */
    record Spread() implements Strategy {
        private static final Comparator<Candidate> ORDER =
                Comparator.comparingInt(Candidate::count).thenComparingInt(Candidate::index);

        @Override
        public String name() {
            return "spread";
        }

        @Override
        public String help() {
            return "the least busy host (fewest containers, then replicas)";
        }

        @Override
        public Comparator<Candidate> order() {
            return ORDER;
        }

        @Override
        public double score(Candidate host) {
            return host.count();
        }

        @Override
        public Choice start() {
            return Strategy::leastBusy;
        }
    }

    /** The fullest host (declared memory and cpus against capacity) that still fits; then the one with most containers. */
    record Binpack() implements Strategy {
        private static final Comparator<Candidate> ORDER = Comparator
                .comparingDouble((Candidate h) -> -h.fullness())
                .thenComparingInt(h -> -h.count())
                .thenComparingInt(Candidate::index);

        @Override
        public String name() {
            return "binpack";
        }

        @Override
        public String help() {
            return "the fullest host that fits (declared memory and cpus)";
        }

        @Override
        public Comparator<Candidate> order() {
            return ORDER;
        }

        @Override
        public double score(Candidate host) {
            return host.fullness();
        }

        @Override
        public Choice start() {
            return (inFileOrder, inOrder, service, fits) -> firstFit(inOrder, fits);
        }
    }

    /** The next host in hosts-file order after the one chosen last, skipping those that cannot take the container. */
    record RoundRobin() implements Strategy {
        @Override
        public String name() {
            return "round-robin";
        }

        @Override
        public String help() {
            return "the next host in hosts-file order after the last one";
        }

        @Override
        public Choice start() {
            int[] cursor = {0};
            return (inFileOrder, inOrder, service, fits) -> {
                Candidate h = firstFitFrom(inFileOrder, firstAtOrAfter(inFileOrder, cursor[0]), fits);
                if (h != null) {
                    cursor[0] = h.index() + 1;
                }
                return h;
            };
        }
    }

    /** A pseudo-random host from a seed: the same seed gives the same placement. */
    record Random(long seed) implements Strategy {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public String help() {
            return "a pseudo-random host; the same --seed, the same hosts";
        }

        @Override
        public Choice start() {
            SplittableRandom random = new SplittableRandom(seed);
            return (inFileOrder, inOrder, service, fits) ->
                    inFileOrder.isEmpty() ? null : firstFitFrom(inFileOrder, random.nextInt(inFileOrder.size()), fits);
        }
    }

    /** Spread's choice: in the least loaded tier, the host with the fewest replicas of the service that fits. */
    private static Candidate leastBusy(List<? extends Candidate> inFileOrder, NavigableSet<? extends Candidate> inOrder,
            String service, Predicate<Candidate> fits) {
        Candidate best = null;
        int bestService = 0;
        for (Candidate h : inOrder) {
            if (best != null && h.count() != best.count()) {
                break;
            }
            if (fits.test(h)) {
                int same = h.replicasOf(service);
                if (best == null || same < bestService) {
                    best = h;
                    bestService = same;
                    if (same == 0) {
                        break;
                    }
                }
            }
        }
        return best;
    }

    /** The first host that fits, in the order given; {@code null} when none does. */
    private static Candidate firstFit(Iterable<? extends Candidate> hosts, Predicate<Candidate> fits) {
        for (Candidate h : hosts) {
            if (fits.test(h)) {
                return h;
            }
        }
        return null;
    }

    /** The position of the first host at or after hosts-file position {@code cursor} (binary search), or the size. */
    private static int firstAtOrAfter(List<? extends Candidate> inFileOrder, int cursor) {
        int lo = 0;
        int hi = inFileOrder.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (inFileOrder.get(mid).index() < cursor) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first host from position {@code start} on, wrapping around, that fits; {@code null} when none does. */
    private static Candidate firstFitFrom(List<? extends Candidate> hosts, int start, Predicate<Candidate> fits) {
        for (int k = 0; k < hosts.size(); k++) {
            Candidate h = hosts.get((start + k) % hosts.size());
            if (fits.test(h)) {
                return h;
            }
        }
        return null;
    }

    static Strategy spread() {
        return new Spread();
    }

    static Strategy binpack() {
        return new Binpack();
    }

    static Strategy roundRobin() {
        return new RoundRobin();
    }

    static Strategy random(long seed) {
        return new Random(seed);
    }

    /** Every strategy, the default ({@code spread}) first; random with {@code seed}. */
    static List<Strategy> all(long seed) {
        return List.of(spread(), binpack(), roundRobin(), random(seed));
    }

    /** {@code spread}, {@code binpack}, {@code round-robin} (or {@code roundrobin}) or {@code random} (which takes {@code seed}). */
    static Strategy named(String name, long seed) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Strategy s : all(seed)) {
            if (s.name().equals(wanted) || s.name().replace("-", "").equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy " + Rules.quote(name) + "; use " + names());
    }

    /** {@code spread, binpack, round-robin or random}: for messages. */
    static String names() {
        return listed(all(0).stream().map(Strategy::name).toList());
    }

    /** {@code spread (default), binpack, round-robin or random}: for usage lines. */
    static String choices() {
        return listed(namesWithDefaultMarked());
    }

    /** The names of {@link #all}, the first (the default) as {@code spread (default)}. */
    private static List<String> namesWithDefaultMarked() {
        List<String> names = new ArrayList<>(all(0).stream().map(Strategy::name).toList());
        names.set(0, names.get(0) + " (default)");
        return names;
    }

    private static String listed(List<String> names) {
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** One line per strategy, {@code indent} before each: its name (the default marked), then its help. */
    static String describe(String indent) {
        List<Strategy> all = all(0);
        List<String> names = namesWithDefaultMarked();
        int width = names.stream().mapToInt(String::length).max().orElse(0) + 2;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            lines.add(indent + names.get(i) + " ".repeat(width - names.get(i).length()) + all.get(i).help());
        }
        return String.join("\n", lines);
    }
}
