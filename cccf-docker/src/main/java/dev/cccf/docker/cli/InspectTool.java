package dev.cccf.docker.cli;

import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.docker.Converge;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import dev.cccf.docker.ProjectResources;
import dev.cccf.docker.swarm.SwarmManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code cccf inspect [-H URL | --hosts HOSTS | --context NAME] [--all]}: what runs on docker engines, as cccf. */
public final class InspectTool extends SwarmTool {
    public InspectTool(Streams streams) {
        this(streams, Engine::connect);
    }

    /** With another way to reach engines (tests). */
    public InspectTool(Streams streams, Function<Endpoint, Engine> connect) {
        this(streams, connect, SwarmManager::connect);
    }

    /** With other ways to reach engines and swarm managers (tests). */
    InspectTool(Streams streams, Function<Endpoint, Engine> connect, Function<Endpoint, SwarmManager> connectSwarm) {
        super(streams, connect, connectSwarm);
    }

    @Override
    protected String name() {
        return "cccf inspect";
    }

    @Override
    protected String summary() {
        return "what runs on docker engines, as cccf";
    }

    @Override
    protected String usage() {
        return "cccf inspect [-H URL ... | --hosts HOSTS | --context NAME] [--all] [-p NAME] [OPTIONS]";
    }

    @Override
    protected String description() {
        return """
                Lists the containers of docker engines and writes them as cccf, each with "host"
                set: the host's id from the hosts file, or the URL given with -H. A container
                that cccf created gives back exactly the config it was created from (its
                dev.cccf.* labels); any other is rebuilt from the engine's data, less its
                image's defaults (env, cmd, entrypoint, workdir, user, exposed ports, labels),
                so that it does not show as changed. A container that is not running carries
                "state" ("exited", "created", "paused", ...). The first instance of a scaled
                container carries "scale": 1 again, so 'cccf inspect | cccf scale down' folds
                its replicas back into "scale": N. With --project, the output is a document
                object that also declares the project's networks and named volumes (those
                labelled dev.cccf.project=NAME), as WANTED declares them.

                The engine when none is given: $DOCKER_HOST, else the docker context of
                $DOCKER_CONTEXT or 'docker context use', else the local socket.
                """;
    }

    @Override
    protected String footer() {
        return "Exit codes: 0 ok, 1 invalid hosts file, 2 usage error, 3 an engine is unreachable.";
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(HOST, CONTEXT,
                Option.file("--hosts", "HOSTS", "every engine of a hosts file ([{\"id\": \"a\", \"docker\":"
                        + " \"unix:///...\"}, ...])"),
                Option.flag("--all", "stopped containers too (default: running ones)").withShort('a'),
                Option.flag("--swarm", "the services of the swarm whose manager is -H URL (or --context, or the default"
                        + " engine), one container each, its replicas as \"scale\" (\"global\": true in global mode)"),
                Option.value("--project", "NAME", "only the containers cccf created for project NAME (the engines are"
                        + " asked by label: others are not read), and its networks and named volumes").withShort('p'));
    }

    @Override
    protected int run(Args args) throws Exception {
        if (args.has("--swarm")) {
            return inspectSwarm(args);
        }
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        List<Host> hosts = hosts(args, () -> defaultEngine(args), true);
        Map<String, Engine> engines = Pipeline.connect(hosts, this::engine);
        try {
            String project = args.value("--project") == null ? null : project(args);
            List<Converge.Observed> observed = project == null ? Pipeline.observe(hosts, engines, args.has("--all"))
                    : Pipeline.observeProject(hosts, engines, project, List.of()).stream()
                            .filter(o -> args.has("--all") || o.state() == null).toList();
            List<Container> all = observed.stream().map(Converge.Observed::container).toList();
            // a project's networks and named volumes, as its document declares them
            writeDocument(project == null ? Declarations.NONE : ProjectResources.declared(engines.values(), project), all, false);
        } finally {
            engines.values().forEach(Engine::close);
        }
        return ExitCode.OK;
    }
}
