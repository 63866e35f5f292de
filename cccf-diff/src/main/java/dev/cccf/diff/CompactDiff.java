package dev.cccf.diff;

import dev.cccf.core.Cccf;
import dev.cccf.core.CccfReader;
import dev.cccf.core.Declarations;
import dev.cccf.core.Container;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * {@link Diff#between} for documents of any size, straight from their streams: the same result
 * (the same containers in the same order, the same explanations), without holding either
 * document as records.
 *
 * <p>Each document is read one container at a time ({@link CccfReader#eachJson}, every rule
 * checked) and each container kept only as the compact JSON {@code cccf} writes for it. A wanted
 * container is matched to the current one of its name through a hash table of names and compared
 * by its bytes, part by part: equal bytes (outside id, scale and host, and host too when the
 * wanted container has one) mean the same config. Other bytes may still be the same config (set-like
 * lists or extension keys in another order, {@code 1} vs {@code 1.0}): such pairs are read back
 * and compared as {@link Diff#between} compares them, and explained when they differ. Only
 * those pairs, and what is printed in another layout than compact JSON, are read back into
 * records; nothing is decided by a hash.
 *
 * <p>When both inputs have a known size that is small next to the heap, they are read at the
 * same time on two threads; otherwise the current one first, and of the wanted one only the
 * containers to add are kept: a million containers a side diff within a 1 GiB heap.
 *
 * <pre>{@code
 * CompactDiff d = CompactDiff.of(Cccf.reader(), new CompactDiff.Input(in1, "current.json", -1),
 *         new CompactDiff.Input(in2, "wanted.json", -1), Set.of());
 * d.size(CompactDiff.Part.ADD);
 * d.forEach(CompactDiff.Part.ADD, c -> System.out.println(c.id()));
 * d.toResult();   // the DiffResult, all in memory
 * }</pre>
 */
public final class CompactDiff {
    /** A document to read: its stream (read to the end, not closed), its name in messages, its size or -1. */
    public record Input(InputStream in, String source, long size) {
        public Input {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(source, "source");
        }
    }

    /** The container lists of a diff. */
    public enum Part {
        /** Wanted containers to start, in wanted order. */
        ADD,
        /** Current containers to stop, in current order. */
        REMOVE,
        /** Current containers that stay, in wanted order. */
        KEEP
    }

    private static final byte KEEP = 0;
    private static final byte ADD = 1;
    private static final byte CHANGED = 2;
    /** Other bytes: the same config or not, to be found out from the records. */
    private static final byte PENDING = 3;
    /** How many containers are read back at a time. */
    private static final int BATCH = 1024;

    private final Set<String> ignore;
    private final boolean ignoreAnyHost;
    private final Side current = new Side();
    private final Side wanted = new Side();
    /** Per wanted container, in wanted order: what becomes of it, and its entry (current when kept, else wanted). */
    private byte[] states = new byte[64];
    private int[] refs = new int[64];
    private int count;
    /** Per wanted entry: the current entry of its name, or -1. */
    private int[] pairs = new int[64];
    /** Per current entry: true when it is kept. */
    private boolean[] kept;
    private int adds;
    private int keeps;
    /** The explanations, in wanted order. */
    private final List<Change> changed = new ArrayList<>();
    /** The current side of a comparison (reused). */
    private final Slice c = new Slice();
    /** The current entry {@link #classify} found, or -1. */
    private int found;
    /** What the wanted document declares. */
    private Declarations declarations = Declarations.NONE;

    private CompactDiff(Set<String> ignore) {
        this.ignore = ignore;
        this.ignoreAnyHost = ignore.contains("host");
    }

    /**
     * Reads both documents with {@code reader} and compares them.
     *
     * @param ignore more fields to leave out of the comparison (never {@code id})
     * @throws InvalidDocumentException with every problem of both documents (current first)
     * @throws IllegalArgumentException when asked to ignore {@code id}
     * @throws IOException when reading a stream fails
     */
    public static CompactDiff of(CccfReader reader, Input current, Input wanted, Set<String> ignore) throws IOException {
        Runtime rt = Runtime.getRuntime();
        boolean small = current.size() >= 0 && wanted.size() >= 0
                && (current.size() + wanted.size()) * 8 < rt.maxMemory();
        return of(reader, current, wanted, ignore, small && rt.availableProcessors() > 1);
    }

    /** {@link #of(CccfReader, Input, Input, Set)}, reading both at once or one after the other as told. */
    static CompactDiff of(CccfReader reader, Input current, Input wanted, Set<String> ignore, boolean atOnce)
            throws IOException {
        if (ignore.contains("id")) {
            throw new IllegalArgumentException("the id cannot be ignored: it is what matches containers");
        }
        CompactDiff d = new CompactDiff(Set.copyOf(ignore));
        if (atOnce) {
            d.readAtOnce(reader, current, wanted);
        } else {
            d.readInTurn(reader, current, wanted);
        }
        d.resolvePending();
        d.settle();
        return d;
    }

    // ---------------------------------------------------------------- reading

    /** Current first, then wanted, matching each wanted container as it comes: only additions are kept. */
    private void readInTurn(CccfReader reader, Input currentIn, Input wantedIn) throws IOException {
        List<Problem> problems = new ArrayList<>();
        read(reader, currentIn, keepIn(current), problems);
        current.indexNames();
        boolean match = problems.isEmpty(); // else wanted is only checked, for its problems
        Parts we = new Parts();
        Slice w = new Slice();
        read(reader, wantedIn, (c, json, offset, length) -> {
            if (match) {
                we.take(c, json, offset, length);
                we.slice(w);
                byte state = classify(w);
                int matched = found;
                append(state, state == KEEP ? matched : pair(wanted.add(w), matched));
            }
        }, problems, d -> declarations = d);
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
    }

    /** Both at once on two threads, each kept whole; matched afterwards. */
    private void readAtOnce(CccfReader reader, Input currentIn, Input wantedIn) throws IOException {
        List<Problem> currentProblems = new ArrayList<>();
        FutureTask<Void> currentRead = new FutureTask<>(() -> {
            read(reader, currentIn, keepIn(current), currentProblems);
            return null;
        });
        Thread thread = new Thread(currentRead, "cccf-diff-current");
        thread.setDaemon(true);
        thread.start();
        List<Problem> problems = new ArrayList<>();
        try {
            read(reader, wantedIn, keepIn(wanted), problems, d -> declarations = d);
        } finally {
            waitFor(currentRead);
        }
        problems.addAll(0, currentProblems);
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        current.indexNames();
        Slice w = new Slice();
        for (int entry = 0; entry < wanted.size(); entry++) {
            wanted.slice(entry, w);
            byte state = classify(w);
            append(state, state == KEEP ? found : pair(entry, found));
        }
    }

    /** Reads one document into {@code each}; its problems go to {@code problems}. */
    private static void read(CccfReader reader, Input input, CccfReader.JsonConsumer each, List<Problem> problems)
            throws IOException {
        read(reader, input, each, problems, d -> { });
    }

    /** {@link #read(CccfReader, Input, CccfReader.JsonConsumer, List)}, telling {@code declared} what it declares. */
    private static void read(CccfReader reader, Input input, CccfReader.JsonConsumer each, List<Problem> problems,
            Consumer<Declarations> declared) throws IOException {
        try {
            reader.eachJson(input.in(), input.source(), each, declared);
        } catch (InvalidDocumentException e) {
            problems.addAll(e.problems());
        }
    }

    /** What keeps every container of a document in {@code side}. */
    private CccfReader.JsonConsumer keepIn(Side side) {
        Parts e = new Parts();
        Slice s = new Slice();
        return (c, json, offset, length) -> {
            e.take(c, json, offset, length);
            e.slice(s);
            side.add(s);
        };
    }

    /** Waits for work done on another thread: its result, or what it threw. */
    private static <T> T waitFor(FutureTask<T> task) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException r) {
                throw r;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- matching

    /**
     * What becomes of wanted container {@code w}: ADD (no current one of its name), KEEP (the same
     * bytes where they matter), or PENDING (to be compared as records). Sets {@link #found}.
     */
    private byte classify(Slice w) {
        int nameStart = w.nameStart();
        found = current.find(w.nameHash, w.bytes, w.offset + nameStart, w.idEnd - 1 - nameStart);
        if (found < 0) {
            return ADD;
        }
        current.slice(found, c);
        boolean sameHost = !w.hasHost() || ignoreAnyHost || c.same(c.hostStart, c.hostEnd, w, w.hostStart, w.hostEnd);
        return sameHost && c.same(c.idEnd, c.scaleStart, w, w.idEnd, w.scaleStart)
                && c.same(c.scaleEnd, c.hostStart, w, w.scaleEnd, w.hostStart)
                && c.same(c.hostEnd, c.length, w, w.hostEnd, w.length) ? KEEP : PENDING;
    }

    private int pair(int wantedEntry, int currentEntry) {
        if (wantedEntry >= pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(pairs.length * 2, wantedEntry + 1));
        }
        pairs[wantedEntry] = currentEntry;
        return wantedEntry;
    }

    private void append(byte state, int ref) {
        if (count == states.length) {
            states = Arrays.copyOf(states, count * 2);
            refs = Arrays.copyOf(refs, count * 2);
        }
        states[count] = state;
        refs[count++] = ref;
    }

    /**
     * Compares the PENDING pairs as records, and explains those that differ. Many pairs are
     * split between two threads (reading back and explaining is most of what is left to do).
     */
    private void resolvePending() throws IOException {
        int[] pending = positions(PENDING);
        if (pending.length < 256 || Runtime.getRuntime().availableProcessors() < 2) {
            changed.addAll(resolve(pending));
            return;
        }
        int half = pending.length / 2;
        FutureTask<List<Change>> first = new FutureTask<>(() -> resolve(Arrays.copyOfRange(pending, 0, half)));
        Thread thread = new Thread(first, "cccf-diff-compare");
        thread.setDaemon(true);
        thread.start();
        List<Change> second = resolve(Arrays.copyOfRange(pending, half, pending.length));
        changed.addAll(waitFor(first));
        changed.addAll(second);
    }

    /** Settles the pairs at {@code positions}; returns the explanations of those that differ, in order. */
    private List<Change> resolve(int[] positions) {
        List<Change> out = new ArrayList<>();
        forEachPair(positions, (p, c, w) -> {
            boolean ignoreHost = w.host() == null;
            if (Diff.sameConfig(c, w, ignore, ignoreHost)) {
                states[p] = KEEP;
                refs[p] = pairs[refs[p]];
            } else {
                states[p] = CHANGED;
                out.add(new Change(w.id(), Diff.explain(c, w, ignore, ignoreHost)));
            }
        });
        return out;
    }

    /** What is done with a pair read back: its position in wanted order, the current and the wanted container. */
    @FunctionalInterface
    private interface PairAction {
        void accept(int position, Container current, Container wanted);
    }

    /** Reads back the pairs (current, wanted) at {@code positions}, a batch at a time, and hands them over in order. */
    private void forEachPair(int[] positions, PairAction action) {
        for (int from = 0; from < positions.length; from += BATCH) {
            int n = Math.min(positions.length - from, BATCH);
            int[] wantedEntries = new int[n];
            int[] currentEntries = new int[n];
            for (int i = 0; i < n; i++) {
                wantedEntries[i] = refs[positions[from + i]];
                currentEntries[i] = pairs[wantedEntries[i]];
            }
            List<Container> cs = load(current, currentEntries);
            List<Container> ws = load(wanted, wantedEntries);
            for (int i = 0; i < n; i++) {
                action.accept(positions[from + i], cs.get(i), ws.get(i));
            }
        }
    }

    /** Counts, and which current containers stay. */
    private void settle() {
        kept = new boolean[current.size()];
        for (int p = 0; p < count; p++) {
            switch (states[p]) {
                case KEEP -> {
                    kept[refs[p]] = true;
                    keeps++;
                }
                default -> adds++;
            }
        }
    }

    /** The positions (in wanted order) in {@code state}. */
    private int[] positions(byte state) {
        int n = 0;
        for (int p = 0; p < count; p++) {
            if (states[p] == state) {
                n++;
            }
        }
        int[] out = new int[n];
        for (int p = 0, i = 0; p < count; p++) {
            if (states[p] == state) {
                out[i++] = p;
            }
        }
        return out;
    }

    /** The entries of {@code part}, in its order. */
    private int[] entries(Part part) {
        int[] out = new int[size(part)];
        int i = 0;
        if (part == Part.REMOVE) {
            for (int entry = 0; entry < current.size(); entry++) {
                if (!kept[entry]) {
                    out[i++] = entry;
                }
            }
            return out;
        }
        for (int p = 0; p < count; p++) {
            if ((states[p] == KEEP) == (part == Part.KEEP)) {
                out[i++] = refs[p];
            }
        }
        return out;
    }

    private Side side(Part part) {
        return part == Part.ADD ? wanted : current;
    }

    /** Containers read back from their bytes (which the reader wrote: they are valid). */
    private static List<Container> load(Side side, int[] entries) {
        List<Container> out = new ArrayList<>(entries.length);
        try {
            Cccf.reader().each(side.asArray(entries, 0, entries.length), "<diff>", out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on bytes in memory
        }
        return out;
    }

    // ---------------------------------------------------------------- results

    /** What the wanted document declares (name, networks, volumes): a diff carries them on. */
    public Declarations declarations() {
        return declarations;
    }

    /** How many containers {@code part} holds. */
    public int size(Part part) {
        return switch (part) {
            case ADD -> adds;
            case KEEP -> keeps;
            case REMOVE -> current.size() - keeps;
        };
    }

    /** How many wanted containers are held (all of them when read at once; else the ones to add). */
    int keptWanted() {
        return wanted.size();
    }

    /**
     * Writes the containers of {@code part} as compact JSON separated by commas (the inside of a
     * JSON array), exactly as {@code CccfWriter} writes them: straight from the kept bytes.
     */
    public void writeCompact(Part part, OutputStream out) throws IOException {
        Side side = side(part);
        int[] entries = entries(part);
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            side.write(entries[i], out);
        }
    }

    /** Hands each container of {@code part} to {@code each}, in order, read back a batch at a time. */
    public void forEach(Part part, Consumer<Container> each) {
        Side side = side(part);
        int[] entries = entries(part);
        for (int from = 0; from < entries.length; from += BATCH) {
            load(side, Arrays.copyOfRange(entries, from, Math.min(entries.length, from + BATCH))).forEach(each);
        }
    }

    /**
     * The containers that change (each is in both {@link Part#REMOVE} and {@link Part#ADD}), in
     * wanted order, explained as {@link Diff#between} explains them.
     */
    public List<Change> changed() {
        return Collections.unmodifiableList(changed);
    }

    /** What {@link #forEachChange} hands over: one change, and the two containers it is between. */
    @FunctionalInterface
    public interface ChangeAction {
        void accept(Change change, Container current, Container wanted);
    }

    /**
     * Hands each change of {@link #changed} to {@code each} with its current and its wanted
     * container, in wanted order, read back a batch at a time.
     */
    public void forEachChange(ChangeAction each) {
        int[] next = {0};
        forEachPair(positions(CHANGED), (p, c, w) -> each.accept(changed.get(next[0]++), c, w));
    }

    /** The whole diff in memory, as {@link Diff#between} returns it. */
    public DiffResult toResult() {
        List<Container> add = new ArrayList<>(size(Part.ADD));
        forEach(Part.ADD, add::add);
        List<Container> remove = new ArrayList<>(size(Part.REMOVE));
        forEach(Part.REMOVE, remove::add);
        List<Container> keep = new ArrayList<>(size(Part.KEEP));
        forEach(Part.KEEP, keep::add);
        return new DiffResult(add, remove, keep, changed);
    }
}
