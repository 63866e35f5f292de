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
import dev.cccf.docker.Apply;
import dev.cccf.docker.Converge;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import dev.cccf.docker.ProjectDown;
import dev.cccf.docker.Takeovers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code cccf down [WANTED] [-p NAME] [-H URL ... | --hosts HOSTS] [--volumes] [--dry-run]}: removes one project's containers and networks. */
public final class DownTool extends ConvergeTool {
    public DownTool(Streams streams) {
        this(streams, Engine::connect);
    }

    /** With another way to reach engines (tests). */
    public DownTool(Streams streams, Function<Endpoint, Engine> connect) {
        super(streams, connect);
    }

    @Override
    protected String name() {
        return "cccf down";
    }

    @Override
    protected String summary() {
        return "remove one project's containers and networks";
    }

    @Override
    protected String usage() {
        return "cccf down [WANTED] [-p NAME] [-H URL ... | --hosts HOSTS | --context NAME] [--volumes] [--dry-run] [OPTIONS]";
    }

    @Override
    protected String description() {
        return """
                Stops and removes the containers of one project, and only them: those cccf
                created for it (label dev.cccf.project=PROJECT), asked of each engine by label;
                dependents go first. The project is that of 'cccf apply WANTED' (-p NAME, else
                $CCCF_PROJECT, else the name of WANTED's folder); without WANTED, -p or
                $CCCF_PROJECT must name it. Given WANTED, containers of the project that were
                applied from a file in another folder are not removed (exit 1, naming both)
                unless --force. Then the project's networks (labelled as its own) that no
                container uses any more are removed. Its named volumes stay (they hold data)
                unless --volumes: then those its containers mounted and those labelled as its
                own go too. --dry-run says what would go and changes nothing.

                stdout gets a JSON summary: {"removed": [{"id", "host"}], "networks": [{"name",
                "host"}], "volumes": [{"name", "host"}], "failed": [{"id", "host", "error"}]}

                The engine when none is given: $DOCKER_HOST, else the docker context of
                $DOCKER_CONTEXT or 'docker context use', else the local socket.
                """;
    }

    @Override
    protected String footer() {
        return """
                Exit codes: 0 done, 1 invalid input (or containers of another folder, without
                --force), 2 usage error, 3 an engine is unreachable or a step failed.
                """;
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(HOST, CONTEXT,
                Option.file("--hosts", "HOSTS", "the hosts file (ids, engines, labels, capacity)"),
                Option.value("--parallel", "N", "steps run at once (default 4)"),
                Option.value("--stop-timeout", "S", "seconds a container may take to stop (default 10)"),
                PROJECT,
                Option.flag("--volumes", "also remove the project's named volumes: those its containers mount and those"
                        + " labelled as its own (one another container still uses is left, with a warning)"),
                Option.flag("--force", "also remove containers applied from a WANTED file in another folder"),
                Option.flag("--dry-run", "say what would be removed (containers, networks, with --volumes volumes) and change"
                        + " nothing"));
    }

    @Override
    protected int run(Args args) throws Exception {
        if (args.positional().size() > 1) {
            throw new UsageException("give at most one WANTED file");
        }
        if (args.positional().isEmpty() && args.value("--project") == null && env.get(PROJECT_VARIABLE) == null) {
            throw new UsageException("give WANTED, --project NAME or $" + PROJECT_VARIABLE + ": which project to take down");
        }
        int parallel = (int) args.longValue("--parallel", 4, 1, 64);
        int stopTimeout = (int) args.longValue("--stop-timeout", 10, 0, 3600);
        Document wanted = args.positional().isEmpty() ? null
                : readDocument(args.positional().get(0), Pipeline.wantedReader(new ArrayList<>()));
        String project = project(args, wanted);
        String source = args.positional().isEmpty() ? null : source(args);
        List<Host> hosts = hosts(args, () -> defaultEngine(args), true);
        Map<String, Engine> engines = Pipeline.connect(hosts, this::engine);
        try {
            List<Converge.Observed> current = Pipeline.observeProject(hosts, engines, project, List.of());
            Converge.Result plan = ProjectDown.plan(current, project);
            List<Problem> takeovers = Takeovers.of(plan, current, project, source);
            if (!takeovers.isEmpty() && !args.has("--force")) {
                Pipeline.print(takeovers, wanted, stderr);
                return ExitCode.INVALID;
            }
            if (plan.remove().isEmpty()) {
                stderr.println(name() + ": no container of project " + project + " on " + hosts.size() + " engine(s)");
            }
            if (args.has("--dry-run")) {
                return dryRun(plan, engines, project, args.has("--volumes"));
            }
            long t0 = System.nanoTime();
            Apply.Report report = Apply.run(plan, engines, parallel, stopTimeout, project, line -> {
                stderr.println(name() + ": " + line);
                stderr.flush();
            });
            List<Container> removed = ProjectDown.removed(plan, report);
            // the project's networks once its containers are gone (a failed removal keeps the networks it uses)
            List<ProjectDown.Resource> networks = ProjectDown.removeNetworks(ProjectDown.networks(List.of(), engines, project), engines);
            List<ProjectDown.Resource> volumes = args.has("--volumes")
                    ? ProjectDown.removeVolumes(ProjectDown.volumes(removed, engines, project), engines) : List.of();
            ObjectNode summary = ApplyTool.summary(report);
            ObjectNode out = summary.objectNode();
            out.set("removed", summary.get("removed"));
            ArrayNode goneNetworks = resources(out.putArray("networks"), networks, "network");
            ArrayNode goneVolumes = resources(out.putArray("volumes"), volumes, "volume");
            ArrayNode failed = out.putArray("failed");
            summary.get("failed").forEach(failed::add);
            if (!plan.remove().isEmpty() || !networks.isEmpty() || !volumes.isEmpty()) {
                stderr.printf(Locale.ROOT, "%s: %d removed, %d network(s) removed, %d volume(s) removed, %d failed in %.1f s%n", name(),
                        report.removed().size(), goneNetworks.size(), goneVolumes.size(), report.failed().size(),
                        (System.nanoTime() - t0) / 1e9);
            }
            if (!args.has("--volumes")) {
                keptVolumes(ProjectDown.volumes(removed, engines, project));
            }
            writeTree(out);
            return report.failed().isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
        } finally {
            engines.values().forEach(Engine::close);
        }
    }

    /** {@code --dry-run}: what down would remove, said on stderr and summed up on stdout as a down would; nothing changes. */
    private int dryRun(Converge.Result plan, Map<String, Engine> engines, String project, boolean withVolumes) throws IOException {
        List<ProjectDown.Resource> networks = ProjectDown.networks(plan.remove(), engines, project);
        List<ProjectDown.Resource> volumes = ProjectDown.volumes(plan.remove(), engines, project);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode removed = out.putArray("removed");
        for (Container c : plan.remove()) {
            stderr.println(name() + ": would remove " + c.id() + " on " + c.host());
            removed.addObject().put("id", c.id()).put("host", c.host());
        }
        networks.forEach(n -> stderr.println(name() + ": would remove network " + n.name() + " from " + n.host()));
        resources(out.putArray("networks"), networks, "network");
        if (withVolumes) {
            volumes.forEach(v -> stderr.println(name() + ": would remove volume " + v.name() + " from " + v.host()));
            resources(out.putArray("volumes"), volumes, "volume");
        } else {
            keptVolumes(volumes);
            out.putArray("volumes");
        }
        out.putArray("failed");
        writeTree(out);
        return ExitCode.OK;
    }

    /** Says that the project's named volumes stay (down without --volumes). */
    private void keptVolumes(List<ProjectDown.Resource> volumes) {
        volumes.forEach(v -> stderr.println(name() + ": volume " + v.name() + " on " + v.host() + " kept (its data; --volumes removes it)"));
    }

    /** The resources removed as {@code {"name", "host"}} into {@code into}; a warning for each that stays, and why. */
    private ArrayNode resources(ArrayNode into, List<ProjectDown.Resource> resources, String kind) {
        for (ProjectDown.Resource r : resources) {
            if (r.error() == null) {
                into.addObject().put("name", r.name()).put("host", r.host());
            } else {
                stderr.println(name() + ": warning: " + kind + " " + r.name() + " on " + r.host() + " left: " + r.error());
            }
        }
        return into;
    }
}
