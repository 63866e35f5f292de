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
import dev.cccf.core.cli.FailureException;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.diff.Diff;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import dev.cccf.docker.swarm.ServiceSpec;
import dev.cccf.docker.swarm.SwarmApply;
import dev.cccf.docker.swarm.SwarmManager;
import dev.cccf.docker.swarm.SwarmPlan;
import dev.cccf.docker.swarm.SwarmState;
import dev.cccf.instructions.Changes;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Plan;
import dev.cccf.instructions.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code --swarm} half of {@code cccf apply}, {@code cccf plan} and {@code cccf inspect}:
 * one swarm manager (-H URL, --context, or the default engine) instead of engines, one service
 * per cccf container ({@code scale} its replicas, never scaled up), the work done by
 * {@code dev.cccf.docker.swarm}; and {@code cccf plan --target swarm}'s instruction lines.
 */
abstract class SwarmTool extends ConvergeTool {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Function<Endpoint, SwarmManager> connectSwarm;

    SwarmTool(Streams streams, Function<Endpoint, Engine> connect, Function<Endpoint, SwarmManager> connectSwarm) {
        super(streams, connect);
        this.connectSwarm = connectSwarm;
    }

    /** The manager of {@code -H URL} (one), {@code --context NAME} or the default engine. */
    protected SwarmManager manager(Args args) throws IOException {
        if (args.value("--hosts") != null) {
            throw new UsageException("a swarm is reached through one manager: give -H URL (or --context), not --hosts");
        }
        List<Host> hosts = hosts(args, () -> defaultEngine(args), true);
        if (hosts.size() != 1) {
            throw new UsageException("a swarm is reached through one manager: give one -H URL, not " + hosts.size());
        }
        String url = hosts.get(0).docker();
        try {
            return connectSwarm.apply(endpoint(url));
        } catch (Engine.EngineException e) {
            throw new FailureException(url + ": " + e.getMessage());
        }
    }

    /** Every service of the swarm; an engine that is no manager is a failure in the engine's words. */
    protected static List<SwarmState.Service> services(SwarmManager manager) {
        try {
            return SwarmState.read(manager.services());
        } catch (Engine.EngineException e) {
            throw new FailureException(manager.url() + ": " + e.getMessage());
        }
    }

    /** Every network the manager knows; an engine that is no manager is a failure in the engine's words. */
    private static List<JsonNode> networks(SwarmManager manager) {
        try {
            return manager.networks();
        } catch (Engine.EngineException e) {
            throw new FailureException(manager.url() + ": " + e.getMessage());
        }
    }

    /** {@code cccf inspect --swarm}: the services as cccf. */
    protected int inspectSwarm(Args args) throws IOException {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        try (SwarmManager m = manager(args)) {
            writeContainers(services(m).stream().map(SwarmState.Service::container).toList(), false);
        }
        return ExitCode.OK;
    }

    /** The wanted document, its unknown fields warned about (as plan and apply do). */
    private Document wanted(Args args) throws IOException {
        if (args.positional().size() != 1) {
            throw new UsageException("give one WANTED file (or - for stdin)");
        }
        List<Problem> unknown = new ArrayList<>();
        Document wanted = readDocument(args.positional().get(0), Pipeline.wantedReader(unknown));
        printProblems(unknown);
        return wanted;
    }

    /** The plan against what the manager runs; its warnings and refusals printed (placed in WANTED). */
    private SwarmPlan plan(Document wanted, SwarmManager manager, String project) {
        SwarmPlan plan = SwarmPlan.of(wanted, services(manager), networks(manager), project);
        Pipeline.print(plan.warnings(), wanted, stderr);
        Pipeline.print(plan.blocked(), wanted, stderr);
        return plan;
    }

    /** {@code cccf plan --swarm} and {@code cccf apply --swarm --dry-run}: the service changes with their reasons. */
    protected int planSwarm(Args args, String format) throws IOException {
        Document wanted = wanted(args);
        String project = project(args, wanted);
        try (SwarmManager m = manager(args)) {
            SwarmPlan plan = plan(wanted, m, project);
            if (format.equals("json")) {
                writeTree(planTree(plan));
            } else {
                StringBuilder text = new StringBuilder();
                plan.createNetworks().forEach(n -> text.append("+ network ").append(n.path("Name").asText()).append(": create (")
                        .append(n.path("Driver").asText()).append(", attachable)\n"));
                plan.remove().forEach(s -> text.append("- ").append(s.name()).append(": remove\n"));
                plan.update().forEach(u -> text.append("~ ").append(u.wanted().name()).append(": update in place (rolling): ")
                        .append(String.join("; ", u.reasons())).append('\n'));
                plan.create().forEach(s -> text.append("+ ").append(s.name()).append(": create, ")
                        .append(replicas(ServiceSpec.replicas(s.spec()))).append('\n'));
                plan.removeNetworks().forEach(n -> text.append("- network ").append(n).append(": remove (no service joins it)\n"));
                text.append(plan.create().size()).append(" to create, ").append(plan.update().size()).append(" to update, ")
                        .append(plan.remove().size()).append(" to remove, ").append(plan.keep().size()).append(" as wanted, ")
                        .append(plan.foreign().size()).append(" of other projects left alone\n");
                writeOutput(out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
            }
            return plan.blocked().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
        }
    }

    private static String replicas(long n) {
        return n < 0 ? "global (one task on each node)" : n == 1 ? "1 replica" : n + " replicas";
    }

    private static ObjectNode planTree(SwarmPlan plan) {
        ObjectNode o = F.objectNode();
        ArrayNode create = o.putArray("create");
        plan.create().forEach(s -> create.addObject().put("id", s.name()).put("replicas", ServiceSpec.replicas(s.spec())));
        ArrayNode update = o.putArray("update");
        plan.update().forEach(u -> {
            ArrayNode reasons = update.addObject().put("id", u.wanted().name()).putArray("reasons");
            u.reasons().forEach(reasons::add);
        });
        ArrayNode remove = o.putArray("remove");
        plan.remove().forEach(s -> remove.add(s.name()));
        o.put("unchanged", plan.keep().size());
        o.put("foreign", plan.foreign().size());
        ArrayNode createNetworks = o.putArray("create_networks");
        plan.createNetworks().forEach(n -> createNetworks.add(n.path("Name").asText()));
        ArrayNode removeNetworks = o.putArray("remove_networks");
        plan.removeNetworks().forEach(removeNetworks::add);
        return o;
    }

    /** {@code cccf apply --swarm}: converge the manager's services to WANTED; with {@code --wait}, until they run. */
    protected int applySwarm(Args args) throws IOException, InterruptedException {
        if (args.has("--dry-run")) {
            return planSwarm(args, "shell");
        }
        Document wanted = wanted(args);
        String project = project(args, wanted);
        long waitSeconds = args.longValue("--wait-timeout", 300, 1, 86_400);
        try (SwarmManager m = manager(args)) {
            SwarmPlan plan = plan(wanted, m, project);
            if (plan.isEmpty() && plan.blocked().isEmpty()) {
                stderr.println(name() + ": nothing to do: " + plan.keep().size() + " service(s) as wanted");
            }
            SwarmApply.Report report = SwarmApply.run(plan, m, project, line -> {
                stderr.println(name() + ": " + line);
                stderr.flush();
            });
            List<SwarmApply.Failure> failed = new ArrayList<>(report.failed());
            if (args.has("--wait") && failed.isEmpty()) {
                List<String> names = wanted.containers().stream().map(Container::name).toList();
                for (SwarmApply.Failure f : SwarmApply.await(m, names, Duration.ofSeconds(waitSeconds), line -> {
                    stderr.println(name() + ": " + line);
                    stderr.flush();
                })) {
                    failed.add(new SwarmApply.Failure(f.id(), "not converged after --wait: " + f.error()));
                }
            }
            writeTree(summary(report, failed));
            if (!failed.isEmpty()) {
                stderr.println(name() + ": " + failed.size() + " service(s) failed; run apply again once fixed");
                return ExitCode.FAILURE;
            }
            return ExitCode.OK;
        } catch (Engine.EngineException e) {
            throw new FailureException(e.getMessage());
        }
    }

    private static ObjectNode summary(SwarmApply.Report r, List<SwarmApply.Failure> failed) {
        ObjectNode o = F.objectNode();
        ArrayNode created = o.putArray("created");
        r.created().forEach(id -> created.addObject().put("id", id));
        ArrayNode updated = o.putArray("updated");
        r.updated().forEach((id, reasons) -> {
            ArrayNode why = updated.addObject().put("id", id).putArray("reasons");
            reasons.forEach(why::add);
        });
        ArrayNode removed = o.putArray("removed");
        r.removed().forEach(id -> removed.addObject().put("id", id));
        o.put("unchanged", r.unchanged());
        ArrayNode foreign = o.putArray("foreign");
        r.foreign().forEach(id -> foreign.addObject().put("id", id));
        ArrayNode networks = o.putArray("networks");
        r.networks().forEach(networks::add);
        ArrayNode removedNetworks = o.putArray("removed_networks");
        r.removedNetworks().forEach(removedNetworks::add);
        ArrayNode fails = o.putArray("failed");
        failed.forEach(f -> fails.addObject().put("id", f.id()).put("error", f.error()));
        return o;
    }

    /**
     * {@code cccf plan --target swarm}: {@code docker service} lines, one service per container
     * (WANTED is not scaled up: {@code scale} is {@code --replicas}), from what runs (--current
     * FILE, --inspect: the manager's services, or nothing) to WANTED, each with the manager's -H.
     */
    protected Plan swarmInstructions(Args args, Document wanted) throws IOException {
        if (args.value("--hosts") != null) {
            throw new UsageException("--target swarm sends every line to one manager: give -H URL, not --hosts");
        }
        List<Container> current = List.of();
        String url = null;
        if (args.has("--inspect")) {
            try (SwarmManager m = manager(args)) {
                url = m.url();
                current = services(m).stream().filter(SwarmState.Service::isCccf).map(SwarmState.Service::container).toList();
            }
        } else if (args.value("--current") != null) {
            current = readDocument(args.value("--current"), Pipeline.reader()).containers();
        }
        if (url == null && !args.values("--host").isEmpty()) {
            if (args.values("--host").size() != 1) {
                throw new UsageException("--target swarm sends every line to one manager: give one -H URL");
            }
            url = args.values("--host").get(0);
        }
        String manager = url;
        Function<Container, Container> at = c -> manager == null ? c.toBuilder().host(null).build() : c.toBuilder().host(manager).build();
        Map<String, Container> byName = new HashMap<>();
        current.forEach(c -> byName.put(c.name(), c));
        List<Container> add = new ArrayList<>();
        List<Container> remove = new ArrayList<>();
        List<Container> keep = new ArrayList<>();
        List<String> wantedNames = wanted.containers().stream().map(Container::name).toList();
        current.stream().filter(c -> !wantedNames.contains(c.name())).forEach(c -> remove.add(at.apply(c)));
        for (Container c : wanted.containers()) {
            Container old = byName.get(c.name());
            if (old == null) {
                add.add(at.apply(c));
            } else if (Diff.between(List.of(old.toBuilder().host(null).build()), List.of(c.toBuilder().host(null).build()))
                    .changed().isEmpty() && Objects.equals(scale(old), scale(c))) {
                keep.add(at.apply(old));
            } else {
                remove.add(at.apply(old));
                add.add(at.apply(c));
            }
        }
        return Instructions.plan(new Changes(add, remove, keep), Options.defaults().withTarget(Target.SWARM));
    }

    private static int scale(Container c) {
        return c.scale() == null ? 1 : c.scale();
    }

    /** Prints {@code plan}'s warnings, or its errors and exit 1. */
    protected int printSwarmInstructions(Args args, Document wanted, String format, PlanWriter writer) throws IOException {
        try {
            Plan plan = swarmInstructions(args, wanted);
            Pipeline.print(plan.warnings(), wanted, stderr);
            writer.write(plan, format);
            return ExitCode.OK;
        } catch (InstructionsException e) {
            Pipeline.print(e.problems(), wanted, stderr);
            return ExitCode.INVALID;
        }
    }

    /** How a tool writes a plan of instructions. */
    @FunctionalInterface
    interface PlanWriter {
        void write(Plan plan, String format) throws IOException;
    }
}
