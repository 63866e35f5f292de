package dev.cccf.docker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code cccf down [WANTED] [-p NAME] [-H URL ... | --hosts HOSTS] [--volumes]}: removes one project's containers. */
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
        return "remove one project's containers";
    }

    @Override
    protected String usage() {
        return "cccf down [WANTED] [-p NAME] [-H URL ... | --hosts HOSTS | --context NAME] [--volumes] [OPTIONS]";
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
                unless --force.

                stdout gets a JSON summary: {"removed": [{"id", "host"}], "volumes": [{"name",
                "host"}], "failed": [{"id", "host", "error"}]}

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
                Option.flag("--volumes", "also remove the named volumes the project's containers mount (one another"
                        + " container still uses is left, with a warning)"),
                Option.flag("--force", "also remove containers applied from a WANTED file in another folder"));
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
            long t0 = System.nanoTime();
            Apply.Report report = Apply.run(plan, engines, parallel, stopTimeout, project, line -> {
                stderr.println(name() + ": " + line);
                stderr.flush();
            });
            List<ProjectDown.Volume> volumes = args.has("--volumes")
                    ? ProjectDown.removeVolumes(plan, report, engines) : List.of();
            ObjectNode summary = ApplyTool.summary(report);
            ObjectNode out = summary.objectNode();
            out.set("removed", summary.get("removed"));
            ArrayNode gone = out.putArray("volumes");
            ArrayNode failed = out.putArray("failed");
            summary.get("failed").forEach(failed::add);
            for (ProjectDown.Volume v : volumes) {
                if (v.error() == null) {
                    gone.addObject().put("name", v.name()).put("host", v.host());
                } else {
                    stderr.println(name() + ": warning: volume " + v.name() + " on " + v.host() + " left: " + v.error());
                }
            }
            if (!plan.remove().isEmpty()) {
                stderr.printf(Locale.ROOT, "%s: %d removed, %d volume(s) removed, %d failed in %.1f s%n", name(),
                        report.removed().size(), gone.size(), report.failed().size(), (System.nanoTime() - t0) / 1e9);
            }
            writeTree(out);
            return report.failed().isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
        } finally {
            engines.values().forEach(Engine::close);
        }
    }
}
