package dev.cccf.docker.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM while apply changes the engines: the first is noted (no new step starts,
 * waits end, the steps under way finish or are rolled back, and apply prints its summary so far
 * and exits 130), the second halts at once. It handles the signals itself rather than through a
 * shutdown hook (the tools register none and end by halting); {@link #close} gives the signals
 * their handlers back. A signal the process ignores (a background job of a non-interactive shell
 * ignores SIGINT) stays ignored.
 */
final class Interrupts implements BooleanSupplier, AutoCloseable {
    /** The exit code of a process ended by SIGINT, as shells report it: 128 + 2. */
    static final int EXIT_CODE = 130;

    private final AtomicBoolean requested = new AtomicBoolean();
    /** Closed: a signal handled from now on ends the process (see {@link #received}). */
    private boolean closed;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final PrintStream stderr;
    private final String tool;

    private Interrupts(PrintStream stderr, String tool) {
        this.stderr = stderr;
        this.tool = tool;
    }

    /** Handles SIGINT and SIGTERM from now until {@link #close}. */
    static Interrupts install(PrintStream stderr, String tool) {
        Interrupts interrupts = new Interrupts(stderr, tool);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            try {
                SignalHandler before = Signal.handle(signal, interrupts::received);
                interrupts.previous.put(signal, before);
                if (before == SignalHandler.SIG_IGN) { // ignored by whoever started us: leave it so
                    Signal.handle(signal, before);
                    interrupts.previous.remove(signal);
                }
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal (-Xrs): its default stands
            }
        }
        return interrupts;
    }

    /**
     * A signal, on the JVM's signal thread: that thread may run it some time after the signal came,
     * even after {@link #close}. Then nobody asks {@link #getAsBoolean} any more: it ends the process
     * with 130, as the handler {@code close} put back would have, rather than say that apply stops
     * and let it end with 0.
     */
    private synchronized void received(Signal signal) {
        if (closed || !requested.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        stderr.println(tool + ": interrupted (SIG" + signal.getName() + "): no new step starts, the running ones finish or are"
                + " rolled back (once more to stop at once)");
        stderr.flush();
    }

    /** True once a signal came; final once closed (ask then for the answer the exit code follows). */
    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        previous.forEach(Signal::handle);
    }
}
