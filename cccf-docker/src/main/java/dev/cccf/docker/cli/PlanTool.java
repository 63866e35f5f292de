package dev.cccf.docker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.Problem;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Converge;
import dev.cccf.docker.DockerFields;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import dev.cccf.docker.ProjectResources;
import dev.cccf.docker.PreFlight;
import dev.cccf.docker.PullPolicy;
import dev.cccf.docker.swarm.SwarmManager;
import dev.cccf.docker.PlanReport;
import dev.cccf.instructions.Changes;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Plan;
import dev.cccf.instructions.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code cccf plan WANTED [--current FILE | --inspect] [-H URL ... | --hosts HOSTS]}: the
 * instructions that take the engines from what runs to WANTED (scale up, diff, place), printed.
 */
public final class PlanTool extends SwarmTool {
    public PlanTool(Streams streams) {
        this(streams, Engine::connect);
    }

    /** With another way to reach engines (tests). */
    public PlanTool(Streams streams, Function<Endpoint, Engine> connect) {
        this(streams, connect, SwarmManager::connect);
    }

    /** With other ways to reach engines and swarm managers (tests). */
    PlanTool(Streams streams, Function<Endpoint, Engine> connect, Function<Endpoint, SwarmManager> connectSwarm) {
        super(streams, connect, connectSwarm);
    }

    @Override
    protected String name() {
        return "cccf plan";
    }

    @Override
    protected String summary() {
        return "what it takes to bring what runs to WANTED (for people, JSON or shell)";
    }

    @Override
    protected String usage() {
        return "cccf plan WANTED [--current FILE | --inspect] [-H URL ... | --hosts HOSTS] [OPTIONS]";
    }

    @Override
    protected String description() {
        return """
                Prints what it takes to bring what runs to WANTED: WANTED is scaled up (cccf
                scale up), compared with what runs (cccf diff), and its new containers are
                placed on the hosts (cccf host: what runs counts as load, and a container that
                runs stays where it runs). By default, for people: each container to add (+),
                change (~: a stopped one started), replace (-/+: docker cannot change a
                container, a changed one is made again) or remove (-), its host and why (the
                fields that change), then "Plan: N to add, N to change, N to replace, N to
                remove." With --format shell, the instructions in order as 'cccf instructions
                plan' prints them: removals (stop, rm; dependents first), starts of stopped
                wanted containers, then runs (dependencies first), each with -H set to its
                host's engine. Nothing is run; '--format shell | sh' runs it, 'cccf apply' does
                it itself.

                What runs: --current FILE (a cccf document, e.g. from 'cccf inspect --all');
                with --inspect, the engines of --hosts / -H are asked; with neither, nothing
                runs. The engines are never contacted without --inspect.
                """;
    }

    @Override
    protected String footer() {
        return """
                Exit codes: 0 ok (warnings on stderr), 1 invalid input or a container that
                fits on no host, 2 usage error (or, with --detailed-exitcode, a plan that
                changes something), 3 an engine is unreachable (--inspect).
                """;
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(
                Option.file("--current", "FILE", "what runs, as cccf (each container with its \"host\")"),
                Option.flag("--inspect", "ask the engines what runs (stopped containers included); only containers"
                        + " cccf created for the project are read, and may be removed"),
                HOST,
                Option.file("--hosts", "HOSTS", "the hosts file (ids, engines, labels, capacity)"),
                STRATEGY, SEED,
                Option.value("--format", "F", "text (default: for people, secrets masked), json (the same as a"
                        + " versioned document: format_version, summary, actions with id, host, reasons and changes,"
                        + " images, foreign), shell (one quoted line per instruction, for '| sh') or argv (a JSON"
                        + " array of argv arrays)").withChoices(FORMATS.toArray(String[]::new)),
                Option.flag("--show-secrets", "show the values of secret-looking env entries, cmd words"
                        + " (--password=...) and labels in text and json"),
                Option.flag("--detailed-exitcode", "exit 2 when the plan changes something (0: nothing)"),
                Option.value("--target", "T", "docker (default) or swarm: docker service lines, one service per container"
                        + " (scale as --replicas), from what runs (--current FILE, or --inspect: the services of the manager"
                        + " -H URL) to WANTED, sent to that one manager; printed as shell lines, or with --format json as argv"
                        + " arrays").withChoices("docker", "swarm"),
                Option.flag("--swarm", "the changes to a swarm's services and why (what 'cccf apply --swarm' would do), from"
                        + " its manager (-H URL or the default engine); --format json as JSON"),
                Option.flag("--labels", "give each new container cccf's dev.cccf.* labels, so that 'cccf inspect'"
                        + " and 'cccf apply' know it later"),
                Option.value("--pull", "P", "missing (default), always or never, as for 'cccf apply': 'docker pull' lines"
                        + " come first for the images apply would pull: with --inspect those the engines lack, and always"
                        + " those whose pull_policy (or --pull) is always").withChoices("missing", "always", "never"),
                PROJECT);
    }

    @Override
    protected int run(Args args) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("give one WANTED file (or - for stdin)");
        }
        String format = args.value("--format") == null ? "text" : args.value("--format");
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format must be text, json, shell or argv, not " + format);
        }
        if (args.has("--swarm")) {
            return planSwarm(args, format);
        }
        Target target;
        try {
            target = args.value("--target") == null ? Target.DOCKER : Target.of(args.value("--target"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target: " + e.getMessage());
        }
        if (target != Target.DOCKER && target != Target.SWARM) {
            throw new UsageException("--target must be docker or swarm (for compose and systemd, pipe 'cccf diff'"
                    + " into 'cccf instructions plan --target " + target.cliName() + "')");
        }
        if (args.value("--current") != null && args.has("--inspect")) {
            throw new UsageException("give --current FILE or --inspect, not both");
        }
        if (target == Target.SWARM) {
            List<Problem> unknown = new ArrayList<>();
            Document wanted = readDocument(args.positional().get(0), Pipeline.wantedReader(unknown));
            printProblems(unknown);
            // service lines have no plan report: text and shell print them, json and argv their argv arrays
            String lines = format.equals("json") || format.equals("argv") ? "argv" : "shell";
            return printSwarmInstructions(args, wanted, lines, (plan, f) -> write(plan, null, f, false));
        }
        var strategy = Pipeline.strategy(args);
        List<Host> hosts = hosts(args, List::of, args.has("--inspect"));
        if (args.has("--inspect") && hosts.isEmpty()) {
            throw new UsageException("--inspect needs the engines: give -H URL or --hosts HOSTS");
        }
        List<Problem> unknown = new ArrayList<>();
        Document wanted = readDocument(args.positional().get(0), Pipeline.wantedReader(unknown));
        printProblems(unknown);
        PullPolicy pull = ApplyTool.pullPolicy(args);
        List<Converge.Observed> current = List.of();
        Map<String, Engine> engines = null; // asked only with --inspect
        if (args.value("--current") != null) {
            current = Converge.Observed.allManaged(readDocument(args.value("--current"), Pipeline.reader()).containers());
        } else if (args.has("--inspect")) {
            engines = Pipeline.connect(hosts, this::engine);
            try {
                current = Pipeline.observeProject(hosts, engines, project(args, wanted), Pipeline.names(wanted));
            } catch (RuntimeException e) {
                engines.values().forEach(Engine::close);
                throw e;
            }
        }
        try {
            String project = project(args, wanted);
            Converge.Result result = Pipeline.plan(wanted, current, hosts, engines == null ? Map.of() : engines, strategy,
                    project, stderr);
            Pipeline.checkOrder(result, wanted, stderr);
            warn(result, wanted);
            Plan plan = instructions(result, Options.defaults().withTarget(target).withHosts(Hosts.endpoints(hosts)),
                    args.has("--labels") ? project : null);
            plan = withResources(ProjectResources.commands(wanted.declarations(), result, Hosts.endpoints(hosts), project,
                    engines == null ? Map.of() : engines), plan);
            Pipeline.print(plan.warnings(), wanted, stderr);
            List<PreFlight.ImagePull> pulls = target == Target.DOCKER ? PreFlight.toPull(result, engines, pull) : List.of();
            plan = withPulls(plan, pulls, Hosts.endpoints(hosts));
            write(plan, PlanReport.of(result).withPulls(images(pulls)), format, !args.has("--show-secrets"));
            return args.has("--detailed-exitcode") && !result.isEmpty() ? CHANGES : ExitCode.OK;
        } catch (InstructionsException e) {
            Pipeline.print(e.problems(), wanted, stderr);
            return ExitCode.INVALID;
        } catch (Pipeline.Refused e) {
            return ExitCode.INVALID;
        } finally {
            if (engines != null) {
                engines.values().forEach(Engine::close);
            }
        }
    }

    /**
     * {@code docker pull IMAGE} on its host's engine for each image apply would pull
     * ({@link PreFlight#toPull}), before every other instruction: as apply does, the images are
     * there before anything is stopped.
     */
    static Plan withPulls(Plan plan, List<PreFlight.ImagePull> pulls, Map<String, String> endpoints) {
        if (pulls.isEmpty()) {
            return plan;
        }
        List<List<String>> commands = new ArrayList<>();
        for (PreFlight.ImagePull p : pulls) {
            String endpoint = endpoints.getOrDefault(p.host(), p.host() != null && p.host().contains("://") ? p.host() : null);
            commands.add(endpoint == null ? List.of("docker", "pull", p.image()) : List.of("docker", "-H=" + endpoint, "pull", p.image()));
        }
        commands.addAll(plan.commands());
        return new Plan(commands, plan.warnings());
    }

    /** The images of {@code pulls} as the plan report tells them. */
    static List<PlanReport.Image> images(List<PreFlight.ImagePull> pulls) {
        return pulls.stream().map(p -> new PlanReport.Image(p.host(), p.image())).toList();
    }

    /** Removals, then starts of stopped containers, then runs: each part in its dependency order. */
    static Plan instructions(Converge.Result r, Options options, String labelsOfProject) {
        List<Container> running = new ArrayList<>(r.keep());
        running.addAll(r.start());
        Plan removals = Instructions.plan(new Changes(List.of(), r.remove(), running), options);
        Plan starts = r.start().isEmpty() ? new Plan(List.of(), List.of()) : Instructions.start(r.start(), options);
        // ordered by the wanted links: a link left out (across hosts) still orders the runs
        List<Container> create = Instructions.dependencyOrder(r.create()).stream()
                .map(c -> labelsOfProject != null ? withCccfLabels(r.runnable(c), c, labelsOfProject) : r.runnable(c)).toList();
        Plan runs = Instructions.plan(new Changes(create, List.of(), running), options);
        List<List<String>> commands = new ArrayList<>(removals.commands());
        commands.addAll(starts.commands());
        commands.addAll(runs.commands());
        List<Problem> warnings = new ArrayList<>(removals.warnings());
        warnings.addAll(runs.warnings());
        return new Plan(commands, warnings);
    }

    /** The networks and volumes to create ({@link ProjectResources#commands}) before the plan's other steps. */
    static Plan withResources(List<List<String>> creates, Plan plan) {
        List<List<String>> commands = new ArrayList<>(creates);
        commands.addAll(plan.commands());
        return new Plan(commands, plan.warnings());
    }

    private static Container withCccfLabels(Container runnable, Container wanted, String project) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        CccfLabels.labelsFor(wanted, project).forEach(labels::put);
        runnable.extension(DockerFields.LABELS).ifPresent(own -> own.properties().forEach(e -> labels.set(e.getKey(), e.getValue())));
        return runnable.toBuilder().extension(DockerFields.LABELS, labels).build();
    }

    /** The exit code of {@code --detailed-exitcode} for a plan that changes something. */
    static final int CHANGES = 2;

    /** The values of {@code --format}: the first is the default. */
    static final List<String> FORMATS = List.of("text", "json", "shell", "argv");

    /** The plan in {@code format}: the report for people ({@code text}) or as JSON, or the instructions (shell lines, argv arrays). */
    void write(Plan plan, PlanReport report, String format, boolean mask) throws IOException {
        if (format.equals("text")) {
            String text = report.toText(mask);
            writeOutput(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            return;
        }
        if (format.equals("json")) {
            writeTree(report.toTree(mask));
            return;
        }
        if (format.equals("argv")) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (List<String> argv : plan.commands()) {
                ArrayNode a = out.addArray();
                argv.forEach(a::add);
            }
            writeTree(out);
            return;
        }
        writeLines(plan);
    }
}
