package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.docker.internal.CreateBody;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Carries a {@link Converge.Result} out on the engines: first every removal (stop, then remove;
 * dependents before what they depend on), then every creation (create under the final name with
 * {@link CccfLabels}, then start) and start of a stopped container (dependencies first). Steps
 * that do not depend on each other run at the same time, at most {@code parallel} at once. A
 * replaced container is therefore stopped and removed before its new configuration is created.
 *
 * <p>A step that fails is reported and the others go on; a container whose dependency failed, or
 * whose old version could not be removed, is not created (and reported). Because containers are
 * created under their final name and carry their config in labels, running the same apply again
 * after a failure finds what was done (a container created but never started is started).
 */
public final class Apply {
    private Apply() {
    }

    /** One container, by id and host. */
    public record Ref(String id, String host) {
    }

    /** One step that failed, and why. */
    public record Failure(String id, String host, String error) {
    }

    /** What was done. */
    public record Report(List<Ref> created, List<Ref> started, List<Ref> removed, int unchanged, List<Ref> foreign,
            List<Failure> failed, List<String> warnings) {
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
     * @param plan what to do
     * @param engines the engine of each host value the containers of {@code plan} carry
     * @param parallel how many steps may run at once (at least 1)
     * @param stopTimeoutSeconds how long a container may take to stop before it is killed
     * @param project recorded on each container created ({@link CccfLabels#PROJECT})
     * @param progress told one line per finished step, from any thread (never at the same time)
     */
    public static Report run(Converge.Result plan, Map<String, Engine> engines, int parallel, int stopTimeoutSeconds,
            String project, Consumer<String> progress) {
        Consumer<String> say = line -> {
            synchronized (progress) {
                progress.accept(line);
            }
        };
        List<Ref> created = Collections.synchronizedList(new ArrayList<>());
        List<Ref> started = Collections.synchronizedList(new ArrayList<>());
        List<Ref> removed = Collections.synchronizedList(new ArrayList<>());
        List<Failure> failed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "cccf-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            // 1. removals, dependents first
            List<Container> removals = order(plan.remove(), true);
            Map<String, CompletableFuture<Boolean>> gone = new HashMap<>();
            for (Container c : removals) {
                List<CompletableFuture<Boolean>> before = new ArrayList<>();
                for (Container other : plan.remove()) {
                    CompletableFuture<Boolean> f = gone.get(key(other));
                    if (f != null && dependencies(other).contains(c.name())) {
                        before.add(f);
                    }
                }
                gone.put(key(c), after(before).thenApplyAsync(ignored -> step(c, "removed", say, failed, () -> {
                    Engine e = engine(engines, c);
                    e.stop(c.name(), stopTimeoutSeconds);
                    e.remove(c.name());
                    removed.add(ref(c));
                }), pool));
            }
            Map<String, Boolean> removedOk = new HashMap<>();
            gone.forEach((k, f) -> removedOk.put(k, f.join()));

            // 2. creations and starts, dependencies first
            List<Container> ups = new ArrayList<>(plan.start());
            ups.addAll(plan.create());
            Set<Container> toCreate = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            toCreate.addAll(plan.create());
            Map<String, CompletableFuture<Boolean>> up = new HashMap<>();
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (Container c : order(ups, false)) {
                List<CompletableFuture<Boolean>> before = new ArrayList<>();
                List<String> needs = new ArrayList<>();
                for (String d : dependencies(c)) {
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
                            return step(c, create ? "created and started" : "started", say, failed, () -> {
                                Engine e = engine(engines, c);
                                if (create) {
                                    JsonNode body = CreateBody.of(plan.runnable(c), CccfLabels.labelsFor(c, project));
                                    e.create(c.name(), body);
                                    created.add(ref(c));
                                    e.start(c.name());
                                } else {
                                    e.start(c.name());
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
                sortedFailures(failed), plan.warnings());
    }

    /** What a container waits for: the containers it links to and those of its {@code depends_on}. */
    static Set<String> dependencies(Container c) {
        Set<String> out = new LinkedHashSet<>();
        c.links().forEach(l -> out.add(Converge.linkTarget(l)));
        JsonNode d = c.extension(DockerFields.DEPENDS_ON).orElse(null);
        if (d != null && d.isArray()) {
            d.forEach(n -> out.add(n.asText().replaceFirst("^/", "")));
        } else if (d != null && d.isObject()) {
            d.fieldNames().forEachRemaining(out::add);
        }
        out.remove(c.name());
        return out;
    }

    /**
     * The containers, each after those it depends on (stable; {@code reverse}: each before them).
     * Containers in a cycle keep their input order.
     */
    static List<Container> order(List<Container> containers, boolean reverse) {
        List<Container> out = new ArrayList<>();
        Set<Integer> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (placed.size() < containers.size() && progress) {
            progress = false;
            for (int i = 0; i < containers.size(); i++) {
                if (placed.contains(i)) {
                    continue;
                }
                Container c = containers.get(i);
                boolean ready = true;
                for (int j = 0; j < containers.size() && ready; j++) {
                    if (j != i && !placed.contains(j)) {
                        Container o = containers.get(j);
                        ready = reverse ? !dependencies(o).contains(c.name()) : !dependencies(c).contains(o.name());
                    }
                }
                if (ready) {
                    placed.add(i);
                    out.add(c);
                    progress = true;
                }
            }
        }
        for (int i = 0; i < containers.size(); i++) {
            if (!placed.contains(i)) {
                out.add(containers.get(i));
            }
        }
        return out;
    }

    private interface Action {
        void run();
    }

    private static boolean step(Container c, String done, Consumer<String> say, List<Failure> failed, Action action) {
        long t0 = System.nanoTime();
        try {
            action.run();
            say.accept(c.host() + ": " + done + " " + c.id() + String.format(" (%.1f s)", (System.nanoTime() - t0) / 1e9));
            return true;
        } catch (Engine.EngineException e) {
            return fail(c, e.getMessage(), say, failed);
        } catch (RuntimeException e) {
            return fail(c, e.getClass().getSimpleName() + ": " + e.getMessage(), say, failed);
        }
    }

    private static boolean fail(Container c, String error, Consumer<String> say, List<Failure> failed) {
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
            return refs.stream().sorted(java.util.Comparator.comparing(Ref::host).thenComparing(Ref::id)).toList();
        }
    }

    private static List<Failure> sortedFailures(List<Failure> failures) {
        synchronized (failures) {
            return failures.stream().sorted(java.util.Comparator.comparing(Failure::host).thenComparing(Failure::id)).toList();
        }
    }
}
