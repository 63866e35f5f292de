package dev.cccf.docker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.CccfReader;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Document;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.Diagnostics;
import dev.cccf.core.cli.FailureException;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.core.hosts.Host;
import dev.cccf.docker.Apply;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Converge;
import dev.cccf.docker.DockerState;
import dev.cccf.docker.Engine;
import dev.cccf.docker.StartFirst;
import dev.cccf.host.PlacementException;
import dev.cccf.host.Strategy;
import dev.cccf.instructions.InstructionRules;
import dev.cccf.scale.Scale;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** What {@code cccf plan} and {@code cccf apply} share: the reader, the hosts, the strategy, inspecting engines. */
final class Pipeline {
    private Pipeline() {
    }

    /** Documents of what runs: every field of the table checked, with located errors. */
    static CccfReader reader() {
        return FieldTable.reader();
    }

    /**
     * Wanted documents: every field of the table checked, with located errors, and a located
     * warning in {@code unknown} for each field the table does not know (no target carries it),
     * worded as {@code cccf instructions} words it; printed by {@link #warn} once the document
     * is known to be valid (an invalid one gets its problems only).
     */
    static CccfReader wantedReader(List<Problem> unknown) {
        return FieldTable.warningAboutUnknownFields(FieldTable.reader(), unknown::add);
    }


    /** {@code --strategy NAME} (spread when absent) with {@code --seed N}. */
    static Strategy strategy(Args args) {
        String name = args.value("--strategy");
        try {
            return Strategy.named(name == null ? "spread" : name, args.longValue("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--strategy: " + e.getMessage());
        }
    }

    /** Connects to every host's engine (they must all have one). */
    static Map<String, Engine> connect(List<Host> hosts, Function<String, Engine> connect) {
        Map<String, Engine> engines = new LinkedHashMap<>();
        for (Host h : hosts) {
            if (h.docker() == null) {
                engines.values().forEach(Engine::close);
                throw new UsageException("host " + Rules.quote(h.id()) + " has no \"docker\" endpoint: the engines are needed");
            }
            try {
                engines.put(h.id(), connect.apply(h.docker()));
            } catch (Engine.EngineException e) {
                engines.values().forEach(Engine::close);
                throw new FailureException(who(h) + ": " + e.getMessage());
            }
        }
        return engines;
    }

    /** Every container of every engine (stopped ones too with {@code all}); an engine that does not answer is a failure naming it. */
    static List<Converge.Observed> observe(List<Host> hosts, Map<String, Engine> engines, boolean all) {
        return observeInBackground(hosts, engines, all).join();
    }

    /**
     * {@link #observe}, started now with each engine asked on its own thread (engines answer in
     * parallel), so that the caller can read its documents meanwhile; {@link Observation#join}
     * gives the containers in the order of {@code hosts}.
     */
    static Observation observeInBackground(List<Host> hosts, Map<String, Engine> engines, boolean all) {
        return inBackground(hosts, h -> DockerState.observe(engines.get(h.id()), h.id(), all));
    }

    /**
     * The containers of {@code project} on every engine, and those of other projects called one
     * of {@code names} ({@link DockerState#observeProject}); no other container is read. Each
     * engine is asked on its own thread as soon as this is called, and asked for the names once
     * they are known (the wanted document is read meanwhile).
     */
    static Observation observeProjectInBackground(List<Host> hosts, Map<String, Engine> engines, String project,
            CompletableFuture<Collection<String>> names) {
        return inBackground(hosts, h -> DockerState.observeProject(engines.get(h.id()), h.id(), project, names::join));
    }

    /**
     * {@link #observeProjectInBackground}, each engine first put right where an apply cut short
     * left a start-first replacement ({@link StartFirst#settle(String, Engine, List, String, long)},
     * its warnings added to {@code settled}): one list of the project's containers serves both
     * when nothing was put right, and neither waits for the document to be read. The names the
     * document wants are asked for last, only those none of the project's containers holds: when
     * nothing changed since the last apply, none.
     */
    static Observation settleAndObserveProjectInBackground(List<Host> hosts, Map<String, Engine> engines, String project,
            CompletableFuture<Collection<String>> names, long olderThanSeconds, List<Problem> settled) {
        return inBackground(hosts, h -> {
            Engine engine = engines.get(h.id());
            List<JsonNode> ours = engine.listLabelled(CccfLabels.PROJECT, project);
            List<Problem> done = StartFirst.settle(h.id(), engine, ours, project, olderThanSeconds);
            if (!done.isEmpty()) {
                synchronized (settled) {
                    settled.addAll(done);
                }
                ours = engine.listLabelled(CccfLabels.PROJECT, project); // settling renames only the project's own
            }
            // then the names the document wants that none of the project's containers holds, once it is read
            return DockerState.observeProject(engine, h.id(), project, ours, names::join);
        });
    }

    /** What {@code ask} gives of each engine, by host id, each asked on a thread of its own started now. */
    static <T> Map<String, CompletableFuture<T>> askInBackground(List<Host> hosts, Map<String, Engine> engines, String what,
            Function<Engine, T> ask) {
        Map<String, CompletableFuture<T>> out = new LinkedHashMap<>();
        for (Host h : hosts) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            daemon(() -> {
                try {
                    answer.complete(ask.apply(engines.get(h.id())));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }, "cccf-" + what + "-" + h.id());
            out.put(h.id(), answer);
        }
        return out;
    }

    /** The answers of {@link #askInBackground} that came, by host id; an engine that failed is left out (others report it). */
    static <T> Map<String, T> answered(Map<String, CompletableFuture<T>> answers) {
        Map<String, T> out = new LinkedHashMap<>();
        answers.forEach((host, answer) -> {
            try {
                out.put(host, answer.join());
            } catch (CompletionException | CancellationException failed) {
                // not answered
            }
        });
        return out;
    }

    private static void daemon(Runnable run, String name) {
        Thread t = new Thread(run, name);
        t.setDaemon(true);
        t.start();
    }

    /** {@link #observeProjectInBackground}, waited for. */
    static List<Converge.Observed> observeProject(List<Host> hosts, Map<String, Engine> engines, String project,
            Collection<String> names) {
        return observeProjectInBackground(hosts, engines, project, CompletableFuture.completedFuture(names)).join();
    }

    /**
     * How many containers each engine holds ({@link Engine#containerCount}), by host id, each
     * engine asked on its own thread as soon as this is called, beside the look at the project's
     * containers; an engine that does not answer has no count (the look reports it).
     */
    static Map<String, CompletableFuture<Integer>> countInBackground(List<Host> hosts, Map<String, Engine> engines) {
        return askInBackground(hosts, engines, "count", Engine::containerCount);
    }

    /**
     * The containers on each engine that the look at the project did not read: its count less
     * those {@code observed} there, by host id, in the order of {@code counts}; an engine without a
     * count is left out.
     */
    static Map<String, Integer> others(Map<String, CompletableFuture<Integer>> counts, List<Converge.Observed> observed) {
        Map<String, Integer> out = new LinkedHashMap<>();
        answered(counts).forEach((host, count) -> {
            long read = observed.stream().filter(o -> host.equals(o.container().host())).count();
            out.put(host, (int) Math.max(0, count - read));
        });
        return out;
    }

    /** The names of the containers {@code wanted} makes (scaled up): the names that other projects' containers may not hold. */
    static List<String> names(Document wanted) {
        return Scale.up(wanted.containers()).stream().map(Container::name).toList();
    }

    private static Observation inBackground(List<Host> hosts, Function<Host, List<Converge.Observed>> observe) {
        List<CompletableFuture<List<Converge.Observed>>> parts = new ArrayList<>();
        for (Host h : hosts) {
            CompletableFuture<List<Converge.Observed>> part = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    part.complete(observe.apply(h));
                } catch (Engine.EngineException e) {
                    part.completeExceptionally(new FailureException(who(h) + ": " + e.getMessage()));
                } catch (RuntimeException | Error e) {
                    part.completeExceptionally(e);
                }
            }, "cccf-observe-" + h.id());
            t.setDaemon(true);
            t.start();
            parts.add(part);
        }
        return new Observation(parts);
    }

    /** Engines being asked what runs on them. */
    static final class Observation {
        private final List<CompletableFuture<List<Converge.Observed>>> parts;

        private Observation(List<CompletableFuture<List<Converge.Observed>>> parts) {
            this.parts = parts;
        }

        /** Every engine's containers; the first engine (in hosts order) that failed is the failure. */
        List<Converge.Observed> join() {
            List<Converge.Observed> out = new ArrayList<>();
            for (CompletableFuture<List<Converge.Observed>> part : parts) {
                try {
                    out.addAll(part.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
            return out;
        }
    }

    static String who(Host h) {
        return h.id().equals(h.docker()) ? h.docker() : "host " + h.id() + " (" + h.docker() + ")";
    }

    /**
     * The plan, or exit 1 with each container that fits nowhere (placed in {@code wanted} when it
     * stands there). The project's named volumes that WANTED mounts are read from {@code engines}
     * ({@link #volumes}; none when they are not asked): a new container goes where its volume is.
     */
    static Converge.Result plan(Document wanted, List<Converge.Observed> current, List<Host> hosts,
            Map<String, Engine> engines, Strategy strategy, String project, PrintStream err) {
        Map<String, Set<String>> volumes = volumes(wanted, hosts, engines, project);
        try {
            return Converge.plan(wanted.containers(), current, hosts, strategy, project, volumes,
                    wanted.declarations().sharedVolumes());
        } catch (PlacementException e) {
            print(e.problems(), wanted, err);
            throw new Refused();
        }
    }

    /**
     * Where the named volumes that WANTED's containers mount are: each engine's volumes labelled
     * with {@code project} ({@code GET /volumes} with a label filter, one call per engine, and
     * none when WANTED mounts no named volume), volume name -> host ids. An engine that does not
     * answer is a failure naming it.
     */
    static Map<String, Set<String>> volumes(Document wanted, List<Host> hosts, Map<String, Engine> engines, String project) {
        Set<String> mounted = new HashSet<>();
        for (Container c : wanted.containers()) {
            c.volumes().stream().map(Rules::volumeName).filter(Objects::nonNull).forEach(mounted::add);
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (mounted.isEmpty()) {
            return out;
        }
        for (Host h : hosts) {
            Engine e = engines.get(h.id());
            if (e == null) {
                continue;
            }
            try {
                for (JsonNode v : e.volumesLabelled(CccfLabels.PROJECT, project)) {
                    String name = v.path("Name").asText();
                    if (mounted.contains(name)) {
                        out.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(h.id());
                    }
                }
            } catch (Engine.EngineException failed) {
                throw new FailureException(who(h) + ": " + failed.getMessage());
            }
        }
        return out;
    }

    /** Problems about wanted containers on {@code err}, each placed in {@code wanted} when the container stands there. */
    static void print(List<Problem> problems, Document wanted, PrintStream err) {
        Diagnostics.print(problems.stream().map(p -> Diagnostics.placeIn(p, wanted, "$")).toList(), err);
    }

    /**
     * Refuses a plan whose steps cannot be ordered ({@link Apply#checkOrder}): plan and apply
     * make the same check, so they refuse the same inputs with the same line.
     */
    static void checkOrder(Converge.Result plan, Document wanted, PrintStream err) {
        try {
            Apply.checkOrder(plan);
        } catch (Dependencies.CycleException e) {
            Dependencies.Cycle c = e.cycle();
            print(List.of(Problem.error(c.container().id() + c.field(), InstructionRules.DEPENDENCY_CYCLE, c.message())), wanted, err);
            throw new Refused();
        }
    }

    /** The input cannot be planned; why has been printed: exit 1. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }
}
