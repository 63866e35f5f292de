package dev.cccf.docker.cli;

import dev.cccf.core.Container;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.FailureException;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.docker.DockerState;
import dev.cccf.docker.Engine;
import dev.cccf.docker.internal.HostsFile;
import dev.cccf.docker.internal.HostsFile.EngineHost;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code cccf inspect [-H URL | --hosts HOSTS] [--all]}: what runs on docker engines, as cccf. */
public final class InspectTool extends Tool {
    private final Function<String, Engine> connect;

    public InspectTool(Streams streams) {
        this(streams, Engine::connect);
    }

    /** With another way to reach engines (tests). */
    public InspectTool(Streams streams, Function<String, Engine> connect) {
        super(streams);
        this.connect = connect;
    }

    @Override
    protected String name() {
        return "cccf inspect";
    }

    @Override
    protected String help() {
        return """
                Usage: cccf inspect [-H URL ... | --hosts HOSTS] [--all] [OPTIONS]

                Lists the containers of docker engines and writes them as cccf, each with "host"
                set: the host's id from the hosts file, or the URL given with -H. A container
                that cccf created gives back exactly the config it was created from (its
                dev.cccf.* labels); any other is rebuilt from the engine's data, less its
                image's defaults (env, cmd, entrypoint, workdir, user, exposed ports, labels),
                so that it does not show as changed. A container that is not running carries
                "state" ("exited", "created", "paused", ...).

                Options:
                  -H, --host URL     an engine: unix:///var/run/docker.sock or tcp://HOST:PORT
                                     (repeatable; default $DOCKER_HOST, else the local socket)
                  --hosts HOSTS      every engine of a hosts file
                                     ([{"id": "a", "docker": "unix:///..."}, ...])
                  -a, --all          stopped containers too (default: running ones)
                  --pretty, --compact, --yaml, -o/--output FILE   as every cccf tool
                  -h, --help         this text
                  --version          the version

                Exit codes: 0 ok, 1 invalid hosts file, 2 usage error, 3 an engine is unreachable.
                """;
    }

    @Override
    protected Set<String> flags() {
        return Set.of("--all");
    }

    @Override
    protected Set<String> options() {
        return Set.of("--host", "--hosts");
    }

    @Override
    protected Map<String, String> aliases() {
        return Map.of("-H", "--host", "-a", "--all");
    }

    @Override
    protected int run(Args args) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        List<EngineHost> hosts = hosts(args);
        List<Container> all = new ArrayList<>();
        for (EngineHost h : hosts) {
            String who = h.id().equals(h.url()) ? h.url() : "host " + h.id() + " (" + h.url() + ")";
            try (Engine engine = connect.apply(h.url())) {
                all.addAll(DockerState.inspect(engine, h.id(), args.has("--all")));
            } catch (Engine.EngineException e) {
                throw new FailureException(who + ": " + e.getMessage());
            }
        }
        writeContainers(all, false);
        return ExitCode.OK;
    }

    private List<EngineHost> hosts(Args args) throws java.io.IOException {
        String file = args.value("--hosts");
        List<String> urls = args.values("--host");
        if (file != null && !urls.isEmpty()) {
            throw new UsageException("give -H URL or --hosts HOSTS, not both");
        }
        if (file != null) {
            try (InputStream in = file.equals("-") ? stdinOnce() : openInput(file)) {
                return HostsFile.read(in, file.equals("-") ? "<stdin>" : file);
            }
        }
        if (urls.isEmpty()) {
            String fromEnv = env.get("DOCKER_HOST");
            urls = List.of(fromEnv == null || fromEnv.isBlank() ? "unix:///var/run/docker.sock" : fromEnv);
        }
        return urls.stream().map(u -> new EngineHost(u, u)).toList();
    }
}
