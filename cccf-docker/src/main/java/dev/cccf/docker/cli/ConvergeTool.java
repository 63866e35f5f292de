package dev.cccf.docker.cli;

import dev.cccf.core.Document;

import dev.cccf.core.Location;
import dev.cccf.core.Rules;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Converge;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Endpoints;
import dev.cccf.docker.Engine;
import dev.cccf.host.Strategy;
import dev.cccf.instructions.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The base of {@code cccf plan} and {@code cccf apply}: how engines are reached and the hosts read. */
abstract class ConvergeTool extends Tool {
    protected final Function<Endpoint, Engine> connect;
    /** Each engine URL's endpoint, resolved once; the default one as its context gave it. */
    private final Map<String, Endpoint> endpoints = new HashMap<>();

    /** {@code -H URL}: an engine, for inspect, plan and apply. */
    static final Option HOST = Option.value("--host", "URL", "an engine (repeatable): unix:///var/run/docker.sock,"
            + " tcp://HOST:PORT, https://HOST:PORT or ssh://[USER@]HOST[:PORT] (through 'docker system dial-stdio';"
            + " $CCCF_SSH: the ssh command); tcp:// is TLS with $DOCKER_TLS_VERIFY and the certificates of"
            + " $DOCKER_CERT_PATH, https:// always").withShort('H');
    /** {@code --context NAME}. */
    static final Option CONTEXT = Option.value("--context", "NAME", "the engine of a docker context (as 'docker --context')");
    /** {@code --strategy S}, the strategies of cccf-host. */
    static final Option STRATEGY = Option.value("--strategy", "S", Strategy.choices())
            .withChoices(Strategy.all(0).stream().map(Strategy::name).toArray(String[]::new));
    /** {@code --seed N}. */
    static final Option SEED = Option.value("--seed", "N", "the seed of --strategy random");
    /** {@code -p, --project NAME}, found as {@link #project} says when absent. */
    static final Option PROJECT = Option.value("--project", "NAME", "the project (default: $CCCF_PROJECT, else the name of"
            + " WANTED's folder as compose makes it: lower-cased, a-z 0-9 _ - kept; \"default\" for stdin)").withShort('p');
    /** {@code --pull P}: when apply pulls (and plan prints the pulls). */
    static final Option PULL = Option.value("--pull", "P", "missing (default: pull an image the engine lacks), always or"
            + " never; a container's pull_policy wins").withChoices("missing", "always", "never");

    ConvergeTool(Streams streams, Function<Endpoint, Engine> connect) {
        super(streams);
        this.connect = connect;
    }

    /**
     * The hosts of {@code --hosts FILE}, or of {@code -H URL ...} (each URL its own id), or
     * {@code fallback}; with {@code needEngines}, a host without {@code docker} is invalid.
     */
    protected List<Host> hosts(Args args, Supplier<List<String>> fallback, boolean needEngines) throws IOException {
        String file = args.value("--hosts");
        List<String> urls = args.values("--host");
        if (file != null && !urls.isEmpty()) {
            throw new UsageException("give -H URL or --hosts HOSTS, not both");
        }
        if (args.value("--context") != null && (file != null || !urls.isEmpty())) {
            throw new UsageException("give --context NAME or " + (file != null ? "--hosts HOSTS" : "-H URL") + ", not both");
        }
        if (file != null) {
            String source = file.equals("-") ? Location.STDIN : file;
            List<Host> hosts;
            try (InputStream in = file.equals("-") ? stdinOnce() : openInput(file)) {
                hosts = needEngines ? Hosts.readWithEngines(in, source) : Hosts.read(in, source);
            }
            Path folder = file.equals("-") ? Path.of("") : Path.of(file).toAbsolutePath().getParent();
            hosts = withContexts(hosts, source);
            for (Host h : hosts) {
                if (h.tls() != null && h.docker() != null) {
                    Path ca = h.tls().ca() == null ? null : folder.resolve(h.tls().ca());
                    Path cert = h.tls().cert() == null ? null : folder.resolve(h.tls().cert());
                    Path key = h.tls().key() == null ? null : folder.resolve(h.tls().key());
                    try {
                        endpoints.put(h.docker(), Endpoints.withTls(h.docker(), new Endpoint.Tls(ca, cert, key),
                                "host " + h.id() + "'s tls in " + source));
                    } catch (Endpoints.EndpointException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
            }
            return hosts;
        }
        return (urls.isEmpty() ? fallback.get() : urls).stream().map(Host::ofEndpoint).toList();
    }

    /** The environment variable that names the project when no option does (as COMPOSE_PROJECT_NAME). */
    static final String PROJECT_VARIABLE = "CCCF_PROJECT";

    /** {@link #project(Args, Document)} before WANTED is read (or without one). */
    protected String project(Args args) {
        return project(args, null);
    }
    /**
     * Each host with a {@code context} gets its engine from that docker context (as
     * {@code docker --context NAME} would reach it); an unknown context, or one without its TLS
     * files, is a usage error naming the host.
     */
    private List<Host> withContexts(List<Host> hosts, String source) {
        List<Host> out = new ArrayList<>();
        for (Host h : hosts) {
            if (h.context() == null) {
                out.add(h);
                continue;
            }
            Endpoint e;
            try {
                e = Endpoints.context(h.context(), "host " + h.id() + "'s context in " + source, env);
            } catch (Endpoints.EndpointException ex) {
                throw new UsageException(ex.getMessage());
            }
            endpoints.put(e.url(), e);
            out.add(h.withDocker(e.url()));
        }
        return out;
    }


    /**
     * The project, as compose finds it: {@code --project NAME} ({@code -p}), else
     * {@value #PROJECT_VARIABLE}, else the {@code name} of the WANTED document (its object form),
     * else the name of the folder of the WANTED file (lower-cased, other characters than
     * {@code [a-z0-9_-]} left out), else ({@code -} for stdin, or no file) {@code default}.
     *
     * @param wanted the WANTED document, or {@code null} when it is not read (yet)
     */
    protected String project(Args args, Document wanted) {
        String given = args.value("--project");
        if (given != null) {
            return checkedProject(given, "--project");
        }
        String variable = env.get(PROJECT_VARIABLE);
        if (variable != null && !variable.isEmpty()) {
            return checkedProject(variable, PROJECT_VARIABLE);
        }
        if (wanted != null && wanted.declarations().name() != null) {
            return wanted.declarations().name(); // the reader checked it (Rules.checkName)
        }
        String file = args.positional().isEmpty() ? "-" : args.positional().get(0);
        return file.equals("-") ? CccfLabels.DEFAULT_PROJECT : projectOfFolder(Path.of(file));
    }

    /** {@code name}, or a usage error when it is no project name (compose's rule, {@link Rules#checkName}). */
    private static String checkedProject(String name, String what) {
        String wrong = Rules.checkName(name);
        if (wrong != null) {
            throw new UsageException(what + ": " + wrong);
        }
        return name;
    }

    /** The project of a WANTED file: its folder's name as compose makes a project name of it ({@code default} when nothing is left). */
    static String projectOfFolder(Path wanted) {
        Path folder = wanted.toAbsolutePath().normalize().getParent();
        String name = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceFirst("^[^a-z0-9]+", "");
        base = base.substring(0, Math.min(63, base.length()));
        return base.isEmpty() ? CccfLabels.DEFAULT_PROJECT : base;
    }

    /**
     * The WANTED file's absolute path with links resolved, recorded on the containers an apply
     * makes ({@link CccfLabels#SOURCE}); {@code null} for stdin.
     */
    protected static String source(Args args) {
        String file = args.positional().isEmpty() ? "-" : args.positional().get(0);
        if (file.equals("-")) {
            return null;
        }
        Path p = Path.of(file).toAbsolutePath().normalize();
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toString(); // read just before: only a race makes this
        }
    }

    /**
     * The engine when none is given, as the docker CLI finds it: the context of {@code --context
     * NAME}, else {@code $DOCKER_HOST}, else the current docker context, else the local socket
     * ({@link Endpoints#fromEnvironment}).
     */
    protected List<String> defaultEngine(Args args) {
        Endpoint e;
        String context = args.value("--context");
        try {
            e = context != null ? Endpoints.context(context, "--context", env) : Endpoints.fromEnvironment(env);
        } catch (Endpoints.EndpointException ex) {
            throw new UsageException(ex.getMessage());
        }
        endpoints.put(e.url(), e);
        return List.of(e.url());
    }

    /**
     * How the engine at {@code url} is reached (resolved once): with TLS for https://, and for
     * tcp:// when DOCKER_TLS_VERIFY is set; a warning on stderr for plain TCP to another machine.
     * Configuration that cannot work (missing certificates, an unsupported address) is a usage
     * error.
     */
    protected Endpoint endpoint(String url) {
        Endpoint known = endpoints.get(url);
        if (known != null) {
            return known;
        }
        Endpoint e;
        try {
            e = Endpoints.forUrl(url, env);
        } catch (Endpoints.EndpointException ex) {
            throw new UsageException(ex.getMessage());
        }
        if (e.isPlainRemote()) {
            stderr.println(name() + ": warning: " + url + " is plain TCP without TLS: whoever can reach that port is root"
                    + " on its host (give it TLS: DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, https://, or a docker context)");
        }
        endpoints.put(url, e);
        return e;
    }

    /** Connects to the engine of a host's URL, resolved by {@link #endpoint}. */
    protected Engine engine(String url) {
        return connect.apply(endpoint(url));
    }

    /** Each instruction as one shell line. */
    protected void writeLines(Plan plan) throws IOException {
        StringBuilder text = new StringBuilder();
        plan.lines().forEach(l -> text.append(l).append('\n'));
        writeOutput(out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The plan's warnings (placed in {@code wanted} when their container stands there), and the containers cccf leaves alone, on stderr. */
    protected void warn(Converge.Result r, Document wanted) {
        Pipeline.print(r.warnings(), wanted, stderr);
        r.foreign().forEach(f -> stderr.println(name() + ": " + f.id() + " on " + f.host()
                + " was not created by cccf for this project: left alone"));
    }
}
