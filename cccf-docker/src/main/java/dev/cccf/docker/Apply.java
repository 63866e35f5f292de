package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Problem;
import dev.cccf.core.Secrets;
import dev.cccf.core.fields.Networks;
import dev.cccf.docker.internal.CreateBody;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries a {@link Converge.Result} out on the engines: first every removal (stop, then remove;
 * dependents before what they depend on), then every creation (create under the final name with
 * {@link CccfLabels}, then start) and start of a stopped container (dependencies first). Steps
 * that do not depend on each other run at the same time, at most {@code parallel} at once. A
 * replaced container is stopped and removed before its new configuration is created, unless it is
 * replaced start-first ({@link StartFirst}: the new one runs before the old one goes), and only
 * once {@link PreFlight} has made sure its replacement can be (image there, host ports free):
 * otherwise it is left running. A container whose {@code depends_on} asks for a dependency
 * healthy, or exited 0, is created once it is ({@link Health}).
 *
 * <p>A step that fails is reported and the others go on; a container whose dependency failed, or
 * whose old version could not be removed, is not created (and reported). Because containers are
 * created under their final name and carry their config in labels, running the same apply again
 * after a failure finds what was done (a container created but never started is started).
 */
public final class Apply {
    /** Warning: another apply at the same time made or replaced a container. */
    public static final String CONCURRENT_APPLY = "concurrent-apply";
    /** Warning: a container created but not startable was made again. */
    public static final String MADE_AGAIN = Converge.MADE_AGAIN;
    /** Warning: the engines could not be inspected again after applying. */
    public static final String RECHECK_FAILED = "recheck-failed";
    /** Warning: a step failed, then was tried again or found done by another apply. */
    public static final String FAILED_ONCE = "failed-once";

    private Apply() {
    }

    /** One container, by id and host. */
    public record Ref(String id, String host) {
    }

    /** One step that failed, and why (the values of the container's secret-looking env entries masked, {@link Secrets}). */
    public record Failure(String id, String host, String error) {
    }

    /** What was done. */
    public record Report(List<Ref> created, List<Ref> started, List<Ref> removed, int unchanged, List<Ref> foreign,
            List<Failure> failed, List<Problem> warnings) {
        public Report {
            created = List.copyOf(created);
            started = List.copyOf(started);
            removed = List.copyOf(removed);
            foreign = List.copyOf(foreign);
            failed = List.copyOf(failed);
            warnings = List.copyOf(warnings);
        }

        /** Nothing was created, started or removed, and nothing failed. */
        public boolean unchangedAll() {
            return created.isEmpty() && started.isEmpty() && removed.isEmpty() && failed.isEmpty();
        }
    }

    /**
     * How long apply waits for a container to get ready (a start-first replacement, a
     * {@code depends_on} condition, {@code --wait}), and whether it was asked to stop: then no
     * further step starts and waits end (a start-first replacement waiting is rolled back).
     *
     * @param timeoutSeconds the longest one wait may take
     * @param interrupted true once apply is to stop (SIGINT, SIGTERM)
     */
    public record Waits(int timeoutSeconds, BooleanSupplier interrupted, long stalledMillis) {
        /** Two minutes, never interrupted. */
        public static final Waits DEFAULT = new Waits(120, () -> false);

        /** With {@link StartFirst#STALLED_MILLIS}. */
        public Waits(int timeoutSeconds, BooleanSupplier interrupted) {
            this(timeoutSeconds, interrupted, StartFirst.STALLED_MILLIS);
        }

        /** The {@link System#nanoTime} at which a wait starting now ends. */
        public long deadline() {
            return System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        }

        /** Throws the failure of a step that does not start because apply was interrupted. */
        void checkNotInterrupted() {
            if (interrupted.getAsBoolean()) {
                throw new Engine.EngineException("not done: apply was interrupted");
            }
        }
    }

    /** {@link #run(Converge.Result, Map, int, int, String, Consumer, Waits)} with {@link Waits#DEFAULT}. */
    public static Report run(Converge.Result plan, Map<String, Engine> engines, int parallel, int stopTimeoutSeconds,
            String project, Consumer<String> progress) {
        return run(plan, engines, parallel, stopTimeoutSeconds, project, null, progress, Waits.DEFAULT, PreFlight.withoutPulls());
    }

    /**
     * @param plan what to do
     * @param engines the engine of each host value the containers of {@code plan} carry
     * @param parallel how many steps may run at once (at least 1)
     * @param stopTimeoutSeconds how long a container may take to stop before it is killed
     * @param project recorded on each container created ({@link CccfLabels#PROJECT})
     * @param progress told one line per finished step, from any thread (never at the same time)
     * @param waits how long to wait for containers to get ready, and whether apply was interrupted
     * @throws Dependencies.CycleException before any step, when the containers to remove, or those
     *         to start and create, depend on each other in a circle ({@code cccf plan} refuses the same)
     */
    public static Report run(Converge.Result plan, Map<String, Engine> engines, int parallel, int stopTimeoutSeconds,
            String project, Consumer<String> progress, Waits waits) {
        return run(plan, engines, parallel, stopTimeoutSeconds, project, null, progress, waits, PreFlight.withoutPulls());
    }

    /** {@link #run(Converge.Result, Map, int, int, String, String, Consumer, Waits, PreFlight)} without a source, with {@link Waits#DEFAULT}. */
    public static Report run(Converge.Result plan, Map<String, Engine> engines, int parallel, int stopTimeoutSeconds,
            String project, Consumer<String> progress, PreFlight preflight) {
        return run(plan, engines, parallel, stopTimeoutSeconds, project, null, progress, Waits.DEFAULT, preflight);
    }

    /**
     * As {@link #run(Converge.Result, Map, int, int, String, Consumer, Waits)}, recording {@code source}
     * (the WANTED file's absolute path, {@link CccfLabels#SOURCE}) on each container created, after
     * {@code preflight} has made sure of what the plan creates (images pulled, host ports free):
     * what it refuses is reported as failed, and the running containers it would have replaced are
     * left running.
     */
    public static Report run(Converge.Result wholePlan, Map<String, Engine> engines, int parallel, int stopTimeoutSeconds,
            String project, String source, Consumer<String> progress, Waits waits, PreFlight preflight) {
        PreFlight.Outcome checked = preflight.check(wholePlan, engines);
        Converge.Result plan = checked.plan();
        List<Container> removals = Dependencies.order(plan.remove()).orThrow();
        List<Container> upsInOrder = Dependencies.order(ups(plan)).orThrow();
        Consumer<String> say = line -> {
            synchronized (progress) {
                progress.accept(line);
            }
        };
        List<Ref> created = Collections.synchronizedList(new ArrayList<>());
        List<Ref> started = Collections.synchronizedList(new ArrayList<>());
        List<Ref> removed = Collections.synchronizedList(new ArrayList<>());
        List<Failure> failed = Collections.synchronizedList(new ArrayList<>(checked.failed()));
        checked.failed().forEach(f -> say.accept(f.host() + ": " + f.id() + " failed: " + f.error()));
        List<Problem> warnings = Collections.synchronizedList(new ArrayList<>(plan.warnings()));
        Map<String, Container> startFirst = startFirst(plan, warnings); // the old containers replaced start-first, by key
        Map<String, Container> byName = byName(plan);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "cccf-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            // 1. removals, dependents first
            Map<String, CompletableFuture<Boolean>> gone = new HashMap<>();
            Map<String, List<Container>> dependents = new HashMap<>();
            for (Container other : plan.remove()) {
                Dependencies.of(other).keySet().forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(other));
            }
            for (Container c : reversed(removals)) {
                if (startFirst.containsKey(key(c))) {
                    continue; // removed once its replacement runs
                }
                List<CompletableFuture<Boolean>> before = new ArrayList<>();
                for (Container other : dependents.getOrDefault(c.name(), List.of())) {
                    CompletableFuture<Boolean> f = gone.get(key(other));
                    if (f != null) {
                        before.add(f);
                    }
                }
                String[] done = {"removed"};
                gone.put(key(c), after(before).thenApplyAsync(ignored -> step(c, done, say, failed, () -> {
                    waits.checkNotInterrupted();
                    Engine e = engine(engines, c);
                    Optional<JsonNode> now = e.inspect(c.name());
                    if (now.isPresent() && !hash(now.get()).equals(hash(c))) {
                        // another apply replaced it since it was inspected: its container is not ours to remove
                        done[0] = "left alone (made again meanwhile)";
                        warnings.add(Problem.warning(c.id(), CONCURRENT_APPLY,
                                c.id() + " on " + c.host() + " was made again by another apply at the same time: left alone"));
                        return;
                    }
                    try {
                        e.stop(c.name(), stopTimeoutSeconds);
                        e.remove(c.name());
                    } catch (Engine.EngineException notRemoved) {
                        // "removal ... is already in progress": another apply removes it
                        if (!notRemoved.isConflict() || !gone(e, c.name())) {
                            throw notRemoved;
                        }
                    }
                    removed.add(ref(c));
                }), pool));
            }
            Map<String, Boolean> removedOk = new HashMap<>();
            gone.forEach((k, f) -> removedOk.put(k, f.join()));

            // 2. creations and starts, dependencies first
            Set<Container> toCreate = Collections.newSetFromMap(new IdentityHashMap<>());
            toCreate.addAll(plan.create());
            Map<String, CompletableFuture<Boolean>> up = new HashMap<>();
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (Container c : upsInOrder) {
                List<CompletableFuture<Boolean>> before = new ArrayList<>();
                List<String> needs = new ArrayList<>();
                for (String d : Dependencies.of(c).keySet()) {
                    CompletableFuture<Boolean> f = up.get(d);
                    if (f != null) {
                        before.add(f);
                        needs.add(d);
                    }
                }
                boolean create = toCreate.contains(c);
                Boolean oldGone = removedOk.get(key(c));
                CompletableFuture<Boolean> f = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                        .thenApplyAsync(ignored -> {
                            for (int i = 0; i < before.size(); i++) {
                                if (!before.get(i).join()) {
                                    return fail(c, "not started: it needs " + needs.get(i) + ", which failed", say, failed);
                                }
                            }
                            if (Boolean.FALSE.equals(oldGone)) {
                                return fail(c, "not replaced: its old container could not be removed", say, failed);
                            }
                            String[] done = {create ? "created and started" : "started"};
                            return step(c, done, say, failed, () -> {
                                waits.checkNotInterrupted();
                                Health.awaitDependencies(c, byName, engines, waits);
                                Engine e = engine(engines, c);
                                Container old = startFirst.get(key(c));
                                if (create && old != null) {
                                    JsonNode body = CreateBody.of(plan.runnable(c), CccfLabels.labelsFor(c, project, source));
                                    StartFirst.Outcome outcome = StartFirst.replace(e, c, body, hash(old), project, stopTimeoutSeconds, waits);
                                    if (outcome == StartFirst.Outcome.BY_ANOTHER) {
                                        done[0] = "left alone (replaced by another apply meanwhile)";
                                        warnings.add(Problem.warning(c.id(), CONCURRENT_APPLY, c.id() + " on " + c.host()
                                                + " was replaced at the same time by another apply (same config, project " + project + ")"));
                                        return;
                                    }
                                    if (outcome == StartFirst.Outcome.REPLACED) {
                                        removed.add(ref(old));
                                        say.accept(c.host() + ": removed " + c.id() + " (the old one, once the new one ran)");
                                    }
                                    created.add(ref(c));
                                } else if (create) {
                                    Map<String, String> labels = CccfLabels.labelsFor(c, project, source);
                                    try {
                                        create(e, c.name(), c, CreateBody.of(plan.runnable(c), labels));
                                        created.add(ref(c));
                                    } catch (Engine.EngineException notCreated) {
                                        if (!notCreated.isConflict()
                                                || !madeTheSame(e, c.name(), labels.get(CccfLabels.HASH), project)) {
                                            throw notCreated;
                                        }
                                        done[0] = "started";
                                        warnings.add(Problem.warning(c.id(), CONCURRENT_APPLY, c.id() + " on " + c.host()
                                                + " was created at the same time by another apply (same config, project "
                                                + project + "): started, not created again"));
                                    }
                                    e.start(c.name());
                                } else {
                                    Optional<JsonNode> now = e.inspect(c.name());
                                    if (now.isPresent() && !hash(now.get()).equals(hash(c))) {
                                        // replaced since it was inspected (by hand, say): not ours to start
                                        throw new Engine.EngineException(
                                                "not started: the container of that name was changed since apply looked (left alone)");
                                    }
                                    try {
                                        e.start(c.name());
                                    } catch (Engine.EngineException notStarted) {
                                        if (!"created".equals(stateOf(c))) {
                                            throw notStarted;
                                        }
                                        // a start cut short by a dying engine can leave the container's task in
                                        // containerd ("task ...: already exists"), which refuses every later start;
                                        // a container that never ran loses nothing when it is made again
                                        Container asWanted = c.toBuilder().removeExtension(DockerFields.STATE).build();
                                        try {
                                            e.remove(c.name());
                                        } catch (Engine.EngineException unreachable) {
                                            throw notStarted;
                                        }
                                        create(e, c.name(), c, CreateBody.of(plan.runnable(asWanted), CccfLabels.labelsFor(asWanted, project, source)));
                                        e.start(c.name());
                                        done[0] = "made again and started";
                                        warnings.add(Problem.warning(c.id(), MADE_AGAIN, c.id() + " on " + c.host()
                                                + " was created but could not start ("
                                                + Secrets.maskValuesIn(notStarted.getMessage(), c.env()) + "): made again"));
                                    }
                                    started.add(ref(c));
                                }
                            });
                        }, pool);
                up.put(c.name(), f);
                all.add(f);
            }
            all.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }
        List<Ref> foreign = plan.foreign().stream().map(Apply::ref).toList();
        return new Report(sorted(created), sorted(started), sorted(removed), plan.keep().size(), foreign,
                sortedFailures(failed), warnings);
    }

    /**
     * The containers of {@code plan} replaced start-first ({@link StartFirst}): the old one of
     * each, by key; a warning for each that asks for start-first and cannot have it.
     */
    private static Map<String, Container> startFirst(Converge.Result plan, List<Problem> warnings) {
        Map<String, Container> old = new HashMap<>();
        plan.remove().forEach(c -> old.put(key(c), c));
        Map<String, Container> out = new HashMap<>();
        for (Container c : plan.create()) {
            Container was = old.get(key(c));
            if (was != null) {
                StartFirst.refused(c).ifPresent(warnings::add);
                if (StartFirst.stopFirstBecause(c).isEmpty()) {
                    out.put(key(c), was);
                }
            }
        }
        return out;
    }

    /** The containers that run when the plan is done, by name: what a {@code depends_on} condition waits for. */
    private static Map<String, Container> byName(Converge.Result plan) {
        Map<String, Container> out = new HashMap<>();
        for (List<Container> part : List.of(plan.keep(), plan.start(), plan.create())) {
            part.forEach(c -> out.put(c.name(), c));
        }
        return out;
    }

    /** The {@code state} of a container to start ({@code created}, {@code exited}), or null. */
    private static String stateOf(Container c) {
        return c.extension(DockerFields.STATE).map(JsonNode::asText).orElse(null);
    }

    /** At most this many runs in one {@link #converge}: the plan, and what the checks after it find still to do. */
    public static final int MAX_RUNS = 3;

    /**
     * {@link #run Runs} {@code plan}, then asks {@code replan} (which inspects the engines again)
     * what is still to do, and runs that, until nothing is, at most {@link #MAX_RUNS} times. A
     * plan is made from what ran when it was inspected; another apply of the same project at the
     * same time may change that meanwhile: place a container on another host than this one did
     * (a duplicate), remove one this one was about to start. The check after each run finds
     * such leftovers and the next run settles them, the same way in both applies (what runs is
     * kept, the duplicate first in hosts order removed).
     *
     * <p>The report counts what every run did. A failure that the next check no longer needs
     * (another apply did it) becomes a warning; the failures of the last run stand. No further
     * run is made when only what just failed is still to do (it would fail again), or when the
     * engines cannot be inspected again (a warning says why).
     *
     * @param replan the plan from what runs now; it may throw (an engine unreachable)
     */
    public static Report converge(Converge.Result plan, Supplier<Converge.Result> replan, Map<String, Engine> engines, int parallel,
            int stopTimeoutSeconds, String project, Consumer<String> progress) {
        return converge(plan, replan, engines, parallel, stopTimeoutSeconds, project, null, progress, Waits.DEFAULT,
                PreFlight.withoutPulls());
    }

    /** {@link #converge(Converge.Result, Supplier, Map, int, int, String, Consumer)}, each run after {@code preflight}. */
    public static Report converge(Converge.Result plan, Supplier<Converge.Result> replan, Map<String, Engine> engines, int parallel,
            int stopTimeoutSeconds, String project, Consumer<String> progress, PreFlight preflight) {
        return converge(plan, replan, engines, parallel, stopTimeoutSeconds, project, null, progress, Waits.DEFAULT, preflight);
    }

    /**
     * {@link #converge(Converge.Result, Supplier, Map, int, int, String, Consumer)} recording
     * {@code source} as {@link #run} does, with these waits, each run after {@code preflight}; once
     * interrupted, no further run is made.
     */
    public static Report converge(Converge.Result plan, Supplier<Converge.Result> replan, Map<String, Engine> engines, int parallel,
            int stopTimeoutSeconds, String project, String source, Consumer<String> progress, Waits waits, PreFlight preflight) {
        List<Ref> created = new ArrayList<>();
        List<Ref> started = new ArrayList<>();
        List<Ref> removed = new ArrayList<>();
        Set<Problem> warnings = new LinkedHashSet<>();
        Converge.Result current = plan;
        Converge.Result lastPlan = plan;
        Report last = run(current, engines, parallel, stopTimeoutSeconds, project, source, progress, waits, preflight);
        for (int runs = 1; ; runs++) {
            created.addAll(last.created());
            started.addAll(last.started());
            removed.addAll(last.removed());
            warnings.addAll(last.warnings());
            if (last.unchangedAll() || runs == MAX_RUNS || waits.interrupted().getAsBoolean()) {
                break;
            }
            Converge.Result next;
            try {
                next = replan.get();
            } catch (RuntimeException e) {
                warnings.add(Problem.warning("", RECHECK_FAILED, "could not check the engines after applying: " + e.getMessage()));
                break;
            }
            Set<String> todo = new HashSet<>();
            for (List<Container> step : List.of(next.create(), next.start(), next.remove())) {
                step.forEach(c -> todo.add(c.host() + "\u0000" + c.id()));
            }
            Set<String> failedNow = new HashSet<>();
            last.failed().forEach(f -> failedNow.add(f.host() + "\u0000" + f.id()));
            if (!todo.isEmpty() && failedNow.containsAll(todo)) {
                break; // only what failed is left: it would fail again
            }
            current = next;
            for (Failure f : last.failed()) {
                warnings.add(Problem.warning(f.id(), FAILED_ONCE, f.id() + " on " + f.host() + " failed (" + f.error() + "), then "
                        + (todo.contains(f.host() + "\u0000" + f.id()) ? "was tried again" : "was found done by another apply")));
            }
            lastPlan = next;
            if (next.isEmpty()) {
                last = new Report(List.of(), List.of(), List.of(), next.keep().size(), next.foreign().stream().map(Apply::ref).toList(),
                        List.of(), next.warnings());
                break;
            }
            progress.accept("the engines changed meanwhile (another apply at the same time?): "
                    + (next.create().size() + next.start().size() + next.remove().size()) + " more step(s)");
            last = run(next, engines, parallel, stopTimeoutSeconds, project, source, progress, waits, preflight);
        }
        // unchanged: as wanted in the last look at the engines, and not made so by this apply
        Set<Ref> touched = new HashSet<>(created);
        touched.addAll(started);
        int unchanged = (int) lastPlan.keep().stream().filter(c -> !touched.contains(ref(c))).count();
        return new Report(sorted(created), sorted(started), sorted(removed), unchanged, last.foreign(), last.failed(),
                new ArrayList<>(warnings));
    }

    /**
     * Checks that {@link #run} can order the plan's steps: neither the containers to remove nor
     * those to start and create depend on each other in a circle. {@code cccf plan} refuses the
     * same plans (instructions-wise, a {@code dependency-cycle}), so plan and apply agree.
     *
     * @throws Dependencies.CycleException naming the cycle
     */
    public static void checkOrder(Converge.Result plan) {
        Dependencies.order(plan.remove()).orThrow();
        Dependencies.order(ups(plan)).orThrow();
    }

    /**
     * Creates the container {@code name} from {@code body} and joins it to each network of
     * {@code c} after the first ({@link Networks#joined}), before anything starts it: engines
     * before API 1.44 refuse a create on several networks. One that cannot join a network is
     * removed again, so that no container starts short of one (the next apply makes it again).
     *
     * @throws Engine.EngineException the create's (a conflict when the name is taken) or the join's
     */
    static void create(Engine e, String name, Container c, JsonNode body) {
        e.create(name, body);
        try {
            for (Networks.Attachment a : Networks.joined(c)) {
                e.connectNetwork(a.network(), name, Networks.endpoint(a));
            }
        } catch (Engine.EngineException notJoined) {
            try {
                e.remove(name);
            } catch (Engine.EngineException notRemoved) {
                notJoined.addSuppressed(notRemoved);
            }
            throw notJoined;
        }
    }

    /** The containers to start, then those to create. */
    private static List<Container> ups(Converge.Result plan) {
        List<Container> ups = new ArrayList<>(plan.start());
        ups.addAll(plan.create());
        return ups;
    }

    /** Each container before the ones it depends on: the order of removals. */
    private static List<Container> reversed(List<Container> inOrder) {
        List<Container> out = new ArrayList<>(inOrder);
        Collections.reverse(out);
        return out;
    }

    private interface Action {
        void run();
    }

    /**
     * True when the container called {@code name} on {@code engine} is the one we meant to create:
     * it carries cccf's labels with the same config hash and project. Docker names are unique per
     * engine, so when two applies of one project run at once both try to create it and one is
     * refused (409): that one finds the other's container, identical to its own, and takes it as
     * done. A container of that name with another config, project or none of cccf's labels is not
     * touched: the create's failure stands.
     */
    static boolean madeTheSame(Engine engine, String name, String hash, String project) {
        try {
            // docker takes the name a moment before the container can be inspected: give the other create that moment
            long deadline = System.nanoTime() + NAME_SETTLE_NANOS;
            Optional<JsonNode> there = engine.inspect(name);
            while (there.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
                there = engine.inspect(name);
            }
            if (there.isEmpty()) {
                return false;
            }
            Map<String, String> found = labels(there.get());
            return CccfLabels.containerFrom(found).isPresent() && hash.equals(found.get(CccfLabels.HASH))
                    && project.equals(found.get(CccfLabels.PROJECT));
        } catch (Engine.EngineException unreachable) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * How long a container another apply creates may be unseen after docker took its name: as
     * long as a removal may take, since a loaded engine is slow at both (2 s was once too short
     * on a machine busy with eight builds). Only a refused create waits for it.
     */
    private static final long NAME_SETTLE_NANOS = 10_000_000_000L;
    /** How long a container another apply removes may take to go. */
    private static final long REMOVAL_NANOS = 10_000_000_000L;
    private static final long POLL_MILLIS = 50;

    /** True when the container called {@code name} is gone, or goes within a few seconds (another apply removes it). */
    private static boolean gone(Engine engine, String name) {
        long deadline = System.nanoTime() + REMOVAL_NANOS;
        try {
            while (engine.inspect(name).isPresent()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return true;
        } catch (Engine.EngineException unreachable) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A container's labels, from the Engine API's description of it. */
    private static Map<String, String> labels(JsonNode container) {
        Map<String, String> out = new HashMap<>();
        container.path("Config").path("Labels").properties().forEach(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    /** The config hash a container carries ({@code ""} when it has none). */
    static String hash(JsonNode container) {
        return labels(container).getOrDefault(CccfLabels.HASH, "");
    }

    /** The config hash of a planned container, as {@link CccfLabels} would record it. */
    static String hash(Container c) {
        return CccfLabels.labelsFor(c.toBuilder().removeExtension(DockerFields.STATE).build()).get(CccfLabels.HASH);
    }

    /** Runs one step; {@code done[0]} says what was done (the step may change it) on the progress line. */
    private static boolean step(Container c, String[] done, Consumer<String> say, List<Failure> failed, Action action) {
        long t0 = System.nanoTime();
        try {
            action.run();
            say.accept(c.host() + ": " + done[0] + " " + c.id() + String.format(" (%.1f s)", (System.nanoTime() - t0) / 1e9));
            return true;
        } catch (Engine.EngineException e) {
            return fail(c, e.getMessage(), say, failed);
        } catch (RuntimeException e) {
            return fail(c, e.getClass().getSimpleName() + ": " + e.getMessage(), say, failed);
        }
    }

    /** Reports a failed step; the values of the container's secret-looking env entries are masked in {@code error}. */
    private static boolean fail(Container c, String unmasked, Consumer<String> say, List<Failure> failed) {
        String error = Secrets.maskValuesIn(unmasked, c.env());
        failed.add(new Failure(c.id(), c.host(), error));
        say.accept(c.host() + ": " + c.id() + " failed: " + error);
        return false;
    }

    private static CompletableFuture<Void> after(List<CompletableFuture<Boolean>> before) {
        return CompletableFuture.allOf(before.toArray(CompletableFuture[]::new));
    }

    private static Engine engine(Map<String, Engine> engines, Container c) {
        Engine e = engines.get(c.host());
        if (e == null) {
            throw new Engine.EngineException("no engine for host " + c.host());
        }
        return e;
    }

    private static String key(Container c) {
        return c.host() + "\u0000" + c.name();
    }

    private static Ref ref(Container c) {
        return new Ref(c.id(), c.host());
    }

    private static List<Ref> sorted(List<Ref> refs) {
        synchronized (refs) {
            return refs.stream().sorted(Comparator.comparing(Ref::host).thenComparing(Ref::id)).toList();
        }
    }

    private static List<Failure> sortedFailures(List<Failure> failures) {
        synchronized (failures) {
            return failures.stream().sorted(Comparator.comparing(Failure::host).thenComparing(Failure::id)).toList();
        }
    }
}
