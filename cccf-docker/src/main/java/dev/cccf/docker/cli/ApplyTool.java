package dev.cccf.docker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.Problem;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.FailureException;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.docker.Apply;
import dev.cccf.docker.Converge;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import dev.cccf.docker.Health;
import dev.cccf.docker.ProjectResources;
import dev.cccf.docker.PreFlight;
import dev.cccf.docker.PullPolicy;
import dev.cccf.docker.RegistryAuth;
import dev.cccf.docker.swarm.SwarmManager;
import dev.cccf.docker.PlanReport;
import dev.cccf.docker.Takeovers;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code cccf apply WANTED [-H URL ... | --hosts HOSTS] [--parallel N] [--dry-run]}: converges the
 * engines to WANTED through the Engine API (no shell), pulling what it needs before it stops anything.
 */
public final class ApplyTool extends SwarmTool {

    public ApplyTool(Streams streams) {
        this(streams, Engine::connect);
    }

    /** With another way to reach engines (tests). */
    public ApplyTool(Streams streams, Function<Endpoint, Engine> connect) {
        this(streams, connect, SwarmManager::connect);
    }

    /** With other ways to reach engines and swarm managers (tests). */
    ApplyTool(Streams streams, Function<Endpoint, Engine> connect, Function<Endpoint, SwarmManager> connectSwarm) {
        super(streams, connect, connectSwarm);
    }

    @Override
    protected String name() {
        return "cccf apply";
    }

    @Override
    protected String summary() {
        return "converge docker engines to WANTED through their API";
    }

    @Override
    protected String usage() {
        return """
                cccf apply WANTED [-H URL ... | --hosts HOSTS | --context NAME] [--parallel N]
                       [--dry-run] [OPTIONS]
                """;
    }

    @Override
    protected String description() {
        return """
                Makes the engines run WANTED: asks each engine what runs (stopped containers
                too), scales WANTED up, places its new containers on the hosts (what runs stays
                where it runs), then removes, creates and starts containers through the Engine
                API. A changed container is replaced start-first where it can be: its new
                version runs (healthy, with a healthcheck) under NAME-cccf-next before the old
                one goes; it is stopped and removed first when it publishes a host port, uses
                the host's network, mounts a host path or named volume, or says update_order:
                stop-first. A container starts after those it links to or depends on (and
                after they are healthy, or exited 0, as its depends_on condition says); a
                wanted container that exists stopped is started, not recreated.

                Check before break: before anything is stopped or removed, the image of each
                container to create is on its engine, pulled as --pull (or the container's
                pull_policy) says, and its host ports are free there (or held by a container
                apply removes). A container that fails this is not created, nor what needs it,
                and the running container it would replace is left running; the summary lists
                it under "failed", with the image, the registry and the reason. Pulls use the
                credentials of $DOCKER_CONFIG/config.json (default ~/.docker): credHelpers,
                credsStore (docker-credential-NAME), auths; each image is pulled once per
                engine, the engines in parallel, with its progress on stderr.

                Only containers cccf created for the same project (they carry the dev.cccf.*
                labels, and dev.cccf.project=PROJECT) are removed or replaced, and only they are
                read: the engines are asked for them by label, and for the containers called
                as WANTED's (another project's container of a wanted name is left alone and
                listed as "foreign"); other containers are not read, only counted. Each container
                records the WANTED file it was applied from (dev.cccf.source): an apply that
                would remove a container of its project applied from a file in another folder
                refuses (exit 1, naming both files) unless --force. A link between two
                containers placed on different hosts is left out (docker links work on one
                engine only), with a warning.

                Progress goes to stderr: one line per step (on a terminal, one line kept up to
                date), then a count; stdout gets a JSON summary:
                {"created": [{"id", "host"}], "started": [...], "removed": [...],
                 "unchanged": N, "foreign": [...], "warnings": [...],
                 "failed": [{"id", "host", "error"}], "others": {"HOST": N}}
                ("unchanged": as wanted already, and not touched by this apply; "others": the
                containers of each engine apply did not read, counted by the engine, and left
                alone: stderr says "N other containers on HOST left alone")
                Running apply again changes nothing; after a failure it finishes the job.

                The engine when none is given: $DOCKER_HOST, else the docker context of
                $DOCKER_CONTEXT or 'docker context use', else the local socket; each -H URL is
                its own host.

                SIGINT or SIGTERM (Ctrl-C) while it applies: no new step starts, the running
                ones finish (a start-first replacement still waiting is rolled back), the
                summary so far is printed, and apply exits 130; run it again to finish. A
                second signal stops it at once.
                """;
    }

    @Override
    protected String footer() {
        return """
                Exit codes: 0 converged, 1 invalid input (or a container that fits on no host,
                or a dependency cycle), 2 usage error, 3 an engine is unreachable or a step
                failed (the summary lists it; the rest was done), 130 interrupted.
                """;
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(HOST, CONTEXT,
                Option.file("--hosts", "HOSTS", "the hosts file (ids, engines, labels, capacity)"),
                STRATEGY, SEED,
                Option.value("--parallel", "N", "steps run at once (default 4)"),
                Option.value("--stop-timeout", "S", "seconds a container may take to stop (default 10)"),
                PULL,
                PROJECT,
                Option.flag("--force", "remove and replace containers of the project that a WANTED file in another folder made"),
                Option.flag("--dry-run", "print the plan (as 'cccf plan --inspect' does, secrets masked) and change nothing"
                        + " (with --swarm: the service changes and why)"),
                Option.flag("--show-secrets", "with --dry-run: secret-looking values in clear"),
                Option.flag("--swarm", "converge a swarm's services through its manager (-H URL, --context or the default"
                        + " engine) instead of containers: one service per container, scale as its replicas; only this"
                        + " project's services are updated (rolling) or removed"),
                Option.flag("--wait", "return once every container runs, and is healthy where it has a healthcheck; one that"
                        + " exits or turns unhealthy fails (its exit code or last check, and the end of its log); with --swarm:"
                        + " once every service runs its replicas (healthy, with a healthcheck) and no rolling update is in progress"),
                Option.value("--wait-timeout", "S", "the longest wait for one container to be ready: with --wait, for a"
                        + " start-first replacement, for a depends_on condition (default " + Apply.Waits.DEFAULT.timeoutSeconds()
                        + "); with --swarm, how long --wait waits (default 300 seconds)"));
    }

    @Override
    protected int run(Args args) throws Exception {
        if (args.has("--swarm")) {
            return applySwarm(args);
        }
        if (args.positional().size() != 1) {
            throw new UsageException("give one WANTED file (or - for stdin)");
        }
        int parallel = (int) args.longValue("--parallel", 4, 1, 64);
        int stopTimeout = (int) args.longValue("--stop-timeout", 10, 0, 3600);
        int waitTimeout = (int) args.longValue("--wait-timeout", Apply.Waits.DEFAULT.timeoutSeconds(), 0, 86_400);
        var strategy = Pipeline.strategy(args);
        String guessed = project(args); // before WANTED is read: a name in the document may still change it
        String source = source(args);
        PullPolicy pull = pullPolicy(args);
        List<Host> hosts = hosts(args, () -> defaultEngine(args), true);
        // the engines are asked what runs while WANTED is read; a WANTED that does not read is
        // still the error reported, before any of the engines'
        Map<String, Engine> connected = Map.of();
        RuntimeException notConnected = null;
        Pipeline.Observation observation = null;
        CompletableFuture<Collection<String>> names = new CompletableFuture<>();
        Map<String, CompletableFuture<Integer>> counts = Map.of(); // every container of each engine: the others are one count
        Map<String, CompletableFuture<List<JsonNode>>> networksBefore = Map.of(); // none of the project's: none to remove after
        List<Problem> settled = new ArrayList<>();
        try {
            connected = Pipeline.connect(hosts, this::engine);
            if (args.has("--dry-run")) {
                observation = Pipeline.observeProjectInBackground(hosts, connected, guessed, names);
            } else { // what an apply cut short left under a temporary name, put right before the look
                // older than any replacement another apply may be making now: its longest wait, its stop, a minute
                // (the project as guessed before WANTED is read: a name in the document settles on its next apply)
                observation = Pipeline.settleAndObserveProjectInBackground(hosts, connected, guessed, names,
                        waitTimeout + stopTimeout + 60L, settled);
                counts = Pipeline.countInBackground(hosts, connected); // beside the look, on threads of their own
                networksBefore = Pipeline.askInBackground(hosts, connected, "networks", e -> e.networksOf(guessed));
            }
        } catch (UsageException | FailureException e) {
            notConnected = e;
        }
        Map<String, Engine> engines = connected;
        try {
            List<Problem> unknown = new ArrayList<>();
            Document wanted = readDocument(args.positional().get(0), Pipeline.wantedReader(unknown));
            printProblems(unknown);
            if (notConnected != null) {
                throw notConnected;
            }
            String project = project(args, wanted);
            List<String> wantedNames = Pipeline.names(wanted);
            names.complete(wantedNames);
            List<Converge.Observed> seen = observation.join(); // the settling too is done once it is
            List<Converge.Observed> current = project.equals(guessed) ? seen
                    : Pipeline.observeProject(hosts, engines, project, wantedNames);
            // counted before any step: a count taken after this apply's first create would hold it among the others
            Map<String, Integer> others = Pipeline.others(counts, current);
            Converge.Result result = Pipeline.plan(wanted, current, hosts, engines, strategy,
                    project, stderr);
            List<Problem> takeovers = Takeovers.of(result, current, project, source);
            if (!takeovers.isEmpty() && !args.has("--force")) {
                Pipeline.print(takeovers, wanted, stderr);
                return ExitCode.INVALID;
            }
            Pipeline.checkOrder(result, wanted, stderr); // a cycle is refused before anything changes
            warn(result, wanted);
            if (args.has("--dry-run")) {
                try {
                    PlanTool.instructions(result, Options.defaults().withHosts(Hosts.endpoints(hosts)), null); // refuses as plan does
                    String text = PlanReport.of(result).withPulls(PlanTool.images(PreFlight.toPull(result, engines, pull))).toText(!args.has("--show-secrets"));
                    writeOutput(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
                } catch (InstructionsException e) {
                    Pipeline.print(e.problems(), wanted, stderr);
                    return ExitCode.INVALID;
                }
                return ExitCode.OK;
            }
            if (result.isEmpty()) {
                stderr.println(name() + ": nothing to do: " + result.keep().size() + " container(s) as wanted");
            }
            int steps = result.create().size() + result.start().size() + result.remove().size();
            long t0 = System.nanoTime();
            Consumer<String> progress = stderrIsTerminal() ? liveLine(steps) : line -> {
                stderr.println(name() + ": " + line);
                stderr.flush();
            };
            Pipeline.print(settled, wanted, stderr);
            Consumer<String> said = line -> stderr.println(name() + ": " + line);
            resources(() -> ProjectResources.create(wanted.declarations(), result, engines, project, said));
            // after the run, the engines are inspected again, and what another apply at the same time left to do is done
            Apply.Report report;
            Interrupts signalled;
            try (Interrupts interrupts = Interrupts.install(stderr, name())) {
                signalled = interrupts;
                Apply.Waits waits = new Apply.Waits(waitTimeout, interrupts);
                report = Apply.converge(result, () -> Pipeline.plan(wanted, Pipeline.observeProject(hosts, engines, project,
                        wantedNames), hosts, engines, strategy, project, stderr), engines, parallel, stopTimeout, project, source,
                        progress, waits, PreFlight.of(pull, RegistryAuth.fromEnvironment(env),
                                PullProgress.on(stderr, name(), stderrIsTerminal())));
                if (args.has("--wait") && !interrupts.getAsBoolean()) {
                    report = waitReady(report, result, engines, waits);
                }
            }
            // asked once the handlers are put back: a signal that came before is counted, one handled later ends the process
            boolean interrupted = signalled.getAsBoolean();
            if (stderrIsTerminal()) {
                stderr.print("\r\033[K"); // the live line, when fewer steps ran than planned (check before break refused some)
            }
            if (steps > 0) {
                stderr.printf(Locale.ROOT, "%s: %d created, %d started, %d removed, %d unchanged, %d failed in %.1f s%n", name(),
                        report.created().size(), report.started().size(), report.removed().size(), report.unchanged(),
                        report.failed().size(), (System.nanoTime() - t0) / 1e9);
            }
            others.forEach((host, n) -> {
                if (n > 0) {
                    stderr.println(name() + ": " + n + " other container" + (n == 1 ? "" : "s") + " on " + host + " left alone");
                }
            });
            ObjectNode summary = summary(report);
            ObjectNode othersNode = summary.putObject("others");
            others.forEach(othersNode::put);
            writeTree(summary);
            if (interrupted) {
                stderr.println(name() + ": interrupted: the summary says what was done; run apply again to finish");
                return Interrupts.EXIT_CODE;
            }
            if (report.failed().isEmpty()) { // after a failure, what runs is not yet what is wanted: no network is unused for sure
                // the networks of the project as guessed before WANTED was read: of no use when the document named another
                Map<String, List<JsonNode>> before = project.equals(guessed) ? Pipeline.answered(networksBefore) : Map.of();
                resources(() -> ProjectResources.removeUnused(engines, project, said, before));
            }
            if (!report.failed().isEmpty()) {
                stderr.println(name() + ": " + report.failed().size() + " step(s) failed; run apply again once fixed");
                return ExitCode.FAILURE;
            }
            return ExitCode.OK;
        } catch (Pipeline.Refused e) {
            return ExitCode.INVALID;
        } finally {
            names.cancel(false); // WANTED did not read: the engines are not asked for its names
            engines.values().forEach(Engine::close);
        }
    }

    /**
     * {@code --wait}: waits until every container of the plan that did not fail runs, healthy where it
     * has a healthcheck ({@link Health#awaitAll}); one that does not is a failure in the report.
     */
    private Apply.Report waitReady(Apply.Report report, Converge.Result plan, Map<String, Engine> engines, Apply.Waits waits) {
        Set<String> failed = new HashSet<>();
        report.failed().forEach(f -> failed.add(f.host() + "\u0000" + f.id()));
        List<Container> containers = new ArrayList<>();
        for (List<Container> part : List.of(plan.keep(), plan.start(), plan.create())) {
            part.stream().filter(c -> !failed.contains(c.host() + "\u0000" + c.id())).forEach(containers::add);
        }
        stderr.println(name() + ": waiting for " + containers.size() + " container(s) to run"
                + " (and be healthy, those with a healthcheck), at most " + waits.timeoutSeconds() + " s");
        stderr.flush();
        List<Apply.Failure> notReady = Health.awaitAll(containers, engines, waits);
        notReady.forEach(f -> stderr.println(name() + ": " + f.host() + ": " + f.id() + " failed: " + f.error()));
        if (notReady.isEmpty()) {
            return report;
        }
        List<Apply.Failure> all = new ArrayList<>(report.failed());
        all.addAll(notReady);
        return new Apply.Report(report.created(), report.started(), report.removed(), report.unchanged(), report.foreign(), all,
                report.warnings());
    }

    /** Creates or removes a project's networks and volumes ({@link ProjectResources}); an engine's refusal is a failure (exit 3). */
    private static void resources(Runnable step) {
        try {
            step.run();
        } catch (Engine.EngineException e) {
            throw new FailureException(e.getMessage());
        }
    }

    /** {@code --pull missing|always|never} (default missing, as compose). */
    static PullPolicy pullPolicy(Args args) {
        String word = args.value("--pull");
        try {
            return word == null ? PullPolicy.MISSING : PullPolicy.of(word);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pull: " + e.getMessage());
        }
    }

    /** One line rewritten in place ({@code [done/all] last step}); failures stay on their own lines. */
    private Consumer<String> liveLine(int steps) {
        int[] done = {0};
        return line -> {
            done[0]++;
            stderr.print("\r\033[K");
            if (line.contains(" failed: ")) {
                stderr.println(name() + ": " + line);
            }
            if (done[0] < steps) {
                stderr.printf(Locale.ROOT, "%s: [%d/%d] %s", name(), done[0], steps, line);
            }
            stderr.flush();
        };
    }

    /** True when this tool writes to the process's own stderr and that is a terminal (Linux: /proc/self/fd/2). */
    private boolean stderrIsTerminal() {
        if (stderr != System.err) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static ObjectNode summary(Apply.Report r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        refs(o.putArray("created"), r.created());
        refs(o.putArray("started"), r.started());
        refs(o.putArray("removed"), r.removed());
        o.put("unchanged", r.unchanged());
        refs(o.putArray("foreign"), r.foreign());
        ArrayNode warnings = o.putArray("warnings");
        r.warnings().forEach(w -> warnings.add(w.message())); // the words only, as the report has always carried them
        ArrayNode failed = o.putArray("failed");
        r.failed().forEach(f -> failed.addObject().put("id", f.id()).put("host", f.host()).put("error", f.error()));
        return o;
    }

    private static void refs(ArrayNode a, List<Apply.Ref> refs) {
        refs.forEach(r -> a.addObject().put("id", r.id()).put("host", r.host()));
    }
}
