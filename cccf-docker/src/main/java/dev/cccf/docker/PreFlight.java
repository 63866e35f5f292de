package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Check before break: what {@link Apply#run} makes sure of before it stops or removes anything.
 * Every container to create must have its image on its engine, pulled there when its pull policy
 * says so ({@link PullPolicy}: {@code pull_policy}, else {@code apply --pull}; each image pulled
 * once per engine, the engines in parallel, with the credentials of {@link RegistryAuth}), and
 * its host ports free on that engine (or held by a container this apply removes first).
 *
 * <p>A container that fails a check is not created, and the containers that need it (links,
 * {@code depends_on}) are not created or started; where such a container replaces a running one,
 * the running one is not removed: it goes on running, and the failure says so.
 */
public final class PreFlight {
    private final PullPolicy policy;
    /** False for {@link #withoutPulls}: nothing is pulled, whatever a container's {@code pull_policy} says. */
    private final boolean pulls;
    private final RegistryAuth auth;
    private final Consumer<Pull> progress;
    /** Each image pulled (or found wanting) on each engine in this apply: engine URL and image -> failure, "" when fine. */
    private final Map<String, CompletableFuture<String>> pulled = new ConcurrentHashMap<>();

    private PreFlight(PullPolicy policy, boolean pulls, RegistryAuth auth, Consumer<Pull> progress) {
        this.policy = policy;
        this.pulls = pulls;
        this.auth = auth;
        this.progress = progress;
    }

    /**
     * @param policy the pull policy of the containers without {@code pull_policy}
     * @param auth the registry credentials
     * @param progress told each pull's start, progress and end, from the engines' threads (one at a time)
     */
    public static PreFlight of(PullPolicy policy, RegistryAuth auth, Consumer<Pull> progress) {
        Consumer<Pull> one = new Consumer<>() {
            @Override
            public synchronized void accept(Pull p) {
                progress.accept(p);
            }
        };
        return new PreFlight(policy, true, auth, one);
    }

    /** Checks without pulling: every image must already be on its engine (never pulled, whatever {@code pull_policy} says). */
    public static PreFlight withoutPulls() {
        return new PreFlight(PullPolicy.NEVER, false, null, p -> { });
    }

    /** One event of a pull on one host. */
    public record Pull(String host, String image, Stage stage, String line) {
        /** Where the pull stands. */
        public enum Stage {
            STARTED, PROGRESS, DONE, FAILED
        }
    }

    /** The plan without what cannot be done, and why each part of it cannot. */
    public record Outcome(Converge.Result plan, List<Apply.Failure> failed) {
        public Outcome {
            failed = List.copyOf(failed);
        }
    }

    /** An image that a plan pulls on a host (for {@code cccf plan}). */
    public record ImagePull(String host, String image) {
    }

    /**
     * The images {@code plan} would pull, once per host: those of its containers to create whose
     * policy is {@code always}, and, with {@code missing}, those the engine lacks ({@code engines}
     * null: not asked, and none counted as lacking; {@code docker run} pulls a missing image itself).
     */
    public static List<ImagePull> toPull(Converge.Result plan, Map<String, Engine> engines, PullPolicy fallback) {
        Map<ImagePull, PullPolicy> wanted = new LinkedHashMap<>();
        for (Container c : plan.create()) {
            wanted.merge(new ImagePull(c.host(), c.image()), PullPolicy.of(c, fallback), PreFlight::stronger);
        }
        List<ImagePull> out = new ArrayList<>();
        wanted.forEach((pull, p) -> {
            Engine e = engines == null ? null : engines.get(pull.host());
            if (p == PullPolicy.ALWAYS || p == PullPolicy.MISSING && e != null && e.inspectImage(pull.image()).isEmpty()) {
                out.add(pull);
            }
        });
        return List.copyOf(out);
    }

    /** Of two containers' policies for one image, the one that pulls more: always, then missing, then never. */
    private static PullPolicy stronger(PullPolicy a, PullPolicy b) {
        if (a == PullPolicy.ALWAYS || b == PullPolicy.ALWAYS) {
            return PullPolicy.ALWAYS;
        }
        return a == PullPolicy.MISSING || b == PullPolicy.MISSING ? PullPolicy.MISSING : PullPolicy.NEVER;
    }

    /**
     * Makes sure of every container {@code plan} creates (pulling images as their policies say),
     * each engine on its own thread, and gives the plan without what cannot be done.
     */
    public Outcome check(Converge.Result plan, Map<String, Engine> engines) {
        if (plan.create().isEmpty()) {
            return new Outcome(plan, List.of());
        }
        Map<String, List<Container>> byHost = new LinkedHashMap<>();
        plan.create().forEach(c -> byHost.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c));
        Map<String, Set<String>> removedNames = new HashMap<>();
        plan.remove().forEach(c -> removedNames.computeIfAbsent(c.host(), h -> new HashSet<>()).add(c.name()));
        List<CompletableFuture<Map<Container, String>>> parts = new ArrayList<>();
        byHost.forEach((host, creates) -> {
            CompletableFuture<Map<Container, String>> part = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    part.complete(checkHost(host, engines.get(host), creates, removedNames.getOrDefault(host, Set.of())));
                } catch (RuntimeException e) { // nothing of this host is made, and nothing it would replace is removed
                    Map<Container, String> all = new LinkedHashMap<>();
                    creates.forEach(c -> all.put(c, "could not be checked before anything is stopped: " + e));
                    part.complete(all);
                } catch (Error e) {
                    part.completeExceptionally(e);
                }
            }, "cccf-preflight-" + host);
            t.setDaemon(true);
            t.start();
            parts.add(part);
        });
        Map<String, String> refused = new LinkedHashMap<>(); // host and name -> why
        Map<String, Container> refusedContainers = new LinkedHashMap<>();
        for (CompletableFuture<Map<Container, String>> part : parts) {
            part.join().forEach((c, why) -> {
                refused.put(key(c), why);
                refusedContainers.put(key(c), c);
            });
        }
        if (refused.isEmpty()) {
            return new Outcome(plan, List.of());
        }
        // what needs a refused container is not made either, to the end of the chain
        List<Container> ups = new ArrayList<>(plan.start());
        ups.addAll(plan.create());
        boolean more = true;
        while (more) {
            more = false;
            Set<String> refusedNames = new HashSet<>();
            refusedContainers.values().forEach(c -> refusedNames.add(c.name()));
            for (Container c : ups) {
                if (refused.containsKey(key(c))) {
                    continue;
                }
                for (String d : Dependencies.of(c).keySet()) {
                    if (refusedNames.contains(d)) {
                        refused.put(key(c), "not started: it needs " + d + ", which cannot be made");
                        refusedContainers.put(key(c), c);
                        more = true;
                        break;
                    }
                }
            }
        }
        Set<String> replaced = new HashSet<>();
        plan.remove().forEach(c -> replaced.add(key(c)));
        List<Apply.Failure> failed = new ArrayList<>();
        refusedContainers.forEach((k, c) -> failed.add(new Apply.Failure(c.id(), c.host(), refused.get(k)
                + (replaced.contains(k) ? "; not replaced: the running container was left as it is" : ""))));
        Converge.Result kept = new Converge.Result(
                plan.create().stream().filter(c -> !refused.containsKey(key(c))).toList(),
                plan.start().stream().filter(c -> !refused.containsKey(key(c))).toList(),
                plan.remove().stream().filter(c -> !refused.containsKey(key(c))).toList(),
                plan.keep(), plan.foreign(), plan.droppedLinks(), plan.warnings());
        return new Outcome(kept, failed);
    }

    /** The containers of one host that cannot be created, and why. */
    private Map<Container, String> checkHost(String host, Engine engine, List<Container> creates, Set<String> removed) {
        Map<Container, String> refused = new LinkedHashMap<>();
        if (engine == null) {
            creates.forEach(c -> refused.put(c, "no engine for host " + host));
            return refused;
        }
        Map<String, PullPolicy> images = new LinkedHashMap<>();
        creates.forEach(c -> images.merge(c.image(), pulls ? PullPolicy.of(c, policy) : PullPolicy.NEVER, PreFlight::stronger));
        Map<String, String> imageProblems = new HashMap<>();
        images.forEach((image, p) -> {
            String why = once(engine.url() + "\u0000" + image, () -> ensure(host, engine, image, p));
            if (!why.isEmpty()) {
                imageProblems.put(image, why);
            }
        });
        List<Container> withPorts = new ArrayList<>();
        for (Container c : creates) {
            String why = imageProblems.get(c.image());
            if (why != null) {
                refused.put(c, why);
            } else if (!c.ports().isEmpty()) {
                withPorts.add(c);
            }
        }
        if (!withPorts.isEmpty()) {
            Map<String, String> held;
            try {
                held = heldPorts(engine, removed);
            } catch (Engine.EngineException e) {
                withPorts.forEach(c -> refused.put(c, "cannot check its host ports: " + e.getMessage()));
                return refused;
            }
            for (Container c : withPorts) {
                for (String port : c.ports()) {
                    String hostPort = hostPort(port);
                    String holder = held.get(hostPort);
                    if (holder != null && !holder.equals(c.name())) {
                        refused.put(c, "host port " + hostPort + " is held by container " + holder
                                + ", which this apply does not remove");
                        break;
                    }
                }
            }
        }
        return refused;
    }

    /**
     * What {@code ensure} gives, made once per key in this apply: a later run (or another thread)
     * waits for the first and takes its answer. Not inside the map's own compute, which would
     * hold other keys' pulls back while one runs.
     */
    private String once(String key, Supplier<String> ensure) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> known = pulled.putIfAbsent(key, mine);
        if (known != null) {
            return known.join();
        }
        try {
            mine.complete(ensure.get());
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** Makes {@code image} present on {@code engine} as {@code p} says: "" when it is, else why not. */
    private String ensure(String host, Engine engine, String image, PullPolicy p) {
        try {
            if (p != PullPolicy.ALWAYS && engine.inspectImage(image).isPresent()) {
                return "";
            }
        } catch (Engine.EngineException e) {
            return "image " + image + ": " + e.getMessage();
        }
        if (p == PullPolicy.NEVER) {
            return "image " + image + " is not on the engine, and its pull policy is never (pull_policy, apply --pull)";
        }
        String registry = RegistryAuth.registryOf(image);
        RegistryAuth.Credentials credentials;
        try {
            credentials = auth.forImage(image);
        } catch (RegistryAuth.AuthException e) {
            progress.accept(new Pull(host, image, Pull.Stage.FAILED, "not pulled: " + e.getMessage()));
            return "image " + image + " could not be pulled from " + registry + ": " + e.getMessage();
        }
        progress.accept(new Pull(host, image, Pull.Stage.STARTED, "pulling from " + registry));
        long t0 = System.nanoTime();
        try {
            engine.pull(image, credentials.header(), line -> progress.accept(new Pull(host, image, Pull.Stage.PROGRESS, line)));
        } catch (Engine.EngineException e) {
            String why = "image " + image + " could not be pulled from " + registry + " ("
                    + (credentials.from() == null ? "no credentials for it" : "credentials of " + credentials.from()) + "): "
                    + e.getMessage();
            progress.accept(new Pull(host, image, Pull.Stage.FAILED, "not pulled: " + e.getMessage()));
            return why;
        }
        progress.accept(new Pull(host, image, Pull.Stage.DONE,
                String.format(Locale.ROOT, "pulled (%.1f s)", (System.nanoTime() - t0) / 1e9)));
        return "";
    }

    /** The host ports the engine's running containers publish ({@code 8080/tcp} -> container name), but those in {@code removed}. */
    private static Map<String, String> heldPorts(Engine engine, Set<String> removed) {
        Map<String, String> held = new HashMap<>();
        for (JsonNode summary : engine.list(false)) {
            String name = summary.path("Names").path(0).asText("").replaceFirst("^/", "");
            if (removed.contains(name)) {
                continue;
            }
            for (JsonNode p : summary.path("Ports")) {
                if (p.path("PublicPort").asInt(0) > 0) {
                    held.put(p.path("PublicPort").asInt() + "/" + p.path("Type").asText("tcp"), name);
                }
            }
        }
        return held;
    }

    /** {@code "8080:80"} -> {@code 8080/tcp}, {@code "53:53/udp"} -> {@code 53/udp}. */
    private static String hostPort(String port) {
        String[] protoSplit = port.split("/", 2);
        return protoSplit[0].split(":", 2)[0] + "/" + (protoSplit.length > 1 ? protoSplit[1] : "tcp");
    }

    private static String key(Container c) {
        return c.host() + "\u0000" + c.name();
    }
}
