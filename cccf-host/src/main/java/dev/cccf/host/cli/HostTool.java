package dev.cccf.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfReader;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import dev.cccf.core.Sections;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.Diagnostics;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.host.Placement;
import dev.cccf.host.PlacementException;
import dev.cccf.host.PlacementFields;
import dev.cccf.host.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code cccf host --hosts HOSTS [--current CURRENT] [--strategy S] [FILE]}: gives containers hosts. */
public final class HostTool extends Tool {
    private static final Set<String> SECTIONS = Set.of("add", "remove", "keep");

    public HostTool(Streams streams) {
        super(streams);
    }

    @Override
    protected String name() {
        return "cccf host";
    }

    @Override
    protected String summary() {
        return "give containers hosts: spread, binpack, round-robin, random; constraints";
    }

    @Override
    protected String usage() {
        return """
                cccf host --hosts HOSTS [--current CURRENT] [--strategy NAME] [--seed N] [FILE]
                cccf host --hosts HOSTS --rebalance [--max-moves K] [CURRENT]
                """;
    }

    @Override
    protected String description() {
        return """
                Gives every container that has no host a host, and writes the containers to
                stdout. FILE (stdin when absent or '-') is a container list, or a diff as
                'cccf diff' writes it: then the containers of "add" are placed, "keep" counts as
                load where it runs, "remove" does not count, and the diff is written back with
                "add" placed. Containers of CURRENT count as load; a container that runs there
                keeps its host. Rules (all hard): constraints (host labels), conflicts (id globs,
                both ways), global (one instance ID-HOSTID per host), memory and cpus within the
                host's capacity, one container per host port and protocol per host.
                A container that fits on no host is an error listing why each host refused it
                (exit 1, nothing on stdout).
                """;
    }

    @Override
    protected String footer() {
        return """
                Exit codes: 0 ok, 1 invalid input or a container fits nowhere, 2 usage, 3 I/O failure.
                Rule codes: see cccf-host/README.md.
                """;
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(
                Option.file("--hosts", "FILE", "the hosts: [{\"id\", \"docker\", \"labels\", \"memory\", \"cpus\"}] (required)"),
                Option.file("--current", "FILE", "what runs now, with hosts"),
                Option.value("--strategy", "NAME", "how to choose among the hosts that can take a container:\n"
                        + Strategy.describe("  ")).withChoices(strategies()),
                Option.value("--seed", "N", "the seed of --strategy random (default 0)"),
                Option.flag("--endpoints", "write the host's docker endpoint, not its id, in the host of the"
                        + " containers placed now (for 'cccf instructions -H')"),
                Option.optional("--explain", "FORMAT", "on stderr: each container's host, score and refused hosts,"
                        + " as text, or as JSON with --explain=json").withChoices("text", "json"),
                Option.value("--explain-format", "F", "the same: text (default) or json; implies --explain")
                        .withChoices("text", "json"),
                Option.file("--explain-output", "FILE", "write the explanation to FILE (atomically, as -o) instead of"
                        + " stderr, so that warnings, which stay on stderr, do not mix with it; implies --explain"),
                Option.flag("--rebalance", "move running containers (CURRENT, or FILE) until the busiest and idlest"
                        + " hosts are within one container; writes the moved ones"),
                Option.value("--max-moves", "K", "at most K moves (default: no limit)"));
    }

    private static String[] strategies() {
        return Strategy.all(0).stream().map(Strategy::name).toArray(String[]::new);
    }

    @Override
    protected int run(Args args) throws Exception {
        String hostsFile = args.value("--hosts");
        if (hostsFile == null) {
            throw new UsageException("--hosts FILE is required");
        }
        if (args.positional().size() > 1) {
            throw new UsageException("give at most one FILE (stdin when none)");
        }
        String format = args.value("--explain") != null ? args.value("--explain") : args.value("--explain-format");
        String explainTo = args.value("--explain-output");
        if ("-".equals(explainTo)) {
            throw new UsageException("--explain-output takes a file; the explanation goes to stderr without it");
        }
        boolean explain = args.has("--explain") || format != null || explainTo != null;
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new UsageException("--explain takes text or json, not " + format);
        }
        Strategy strategy;
        try {
            strategy = Strategy.named(args.value("--strategy") == null ? "spread" : args.value("--strategy"),
                    args.longValue("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--strategy: " + e.getMessage());
        }
        List<Host> hosts;
        try (InputStream in = hostsFile.equals("-") ? stdinOnce() : openInput(hostsFile)) {
            hosts = Hosts.read(in, hostsFile.equals("-") ? Location.STDIN : hostsFile);
        }
        CccfReader reader = PlacementFields.reader();
        String input = args.positional().isEmpty() ? "-" : args.positional().get(0);
        Document currentDoc = args.value("--current") == null ? Document.of(List.of())
                : readDocument(args.value("--current"), reader);
        List<Container> current = currentDoc.containers();
        if (args.has("--rebalance")) {
            Document state = args.value("--current") != null ? currentDoc : readDocument(input, reader);
            return rebalance(state, hosts, (int) args.longValue("--max-moves", Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
        }
        if (args.has("--max-moves")) {
            throw new UsageException("--max-moves goes with --rebalance");
        }
        Sections sections;
        try (InputStream in = input.equals("-") ? stdinOnce() : openInput(input)) {
            sections = reader.readSections(in, input.equals("-") ? Location.STDIN : input, SECTIONS);
        }
        boolean diff = !sections.sections().containsKey("");
        Document doc = diff ? sections.section("add") : sections.section("");
        List<Container> load = diff ? Placement.loadAfter(current, doc.containers(), sections.section("remove").containers(),
                sections.section("keep").containers()) : current;
        Placement.Result result;
        try {
            Set<String> shared = sections.declarations().sharedVolumes();
            result = explain
                    ? Placement.explain(doc.containers(), hosts, strategy, load, Map.of(), shared)
                    : Placement.place(doc.containers(), hosts, strategy, load, Map.of(), shared);
        } catch (PlacementException e) {
            printProblems(e.problems().stream().map(p -> Diagnostics.placeIn(p, doc, diff ? "$.add" : "$")).toList());
            return ExitCode.INVALID;
        }
        printProblems(result.warnings().stream().map(w -> placed(w, doc, diff ? "$.add" : "$", currentDoc)).toList());
        if (explain) {
            String why = explanation(result, strategy, "json".equals(format));
            if (explainTo == null) {
                stderr.print(why);
            } else {
                writeFile("--explain-output", explainTo, out -> out.write(why.getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<Container> placed = args.has("--endpoints") ? endpoints(result, hosts) : result.containers();
        if (!diff) {
            writeDocument(doc.declarations(), placed, doc.isSingleObject() && placed.size() == 1);
            return ExitCode.OK;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String name : List.of("add", "remove", "keep")) {
            if (sections.sections().containsKey(name)) {
                ArrayNode list = out.putArray(name);
                for (Container c : name.equals("add") ? placed : sections.section(name).containers()) {
                    list.add(CccfWriter.toTree(c));
                }
            }
        }
        sections.others().forEach(out::set);
        writeTree(out);
        return ExitCode.OK;
    }

    /** The containers placed now with their host's docker endpoint (when it has one) in place of its id. */
    private static List<Container> endpoints(Placement.Result result, List<Host> hosts) {
        Map<String, String> docker = Hosts.endpoints(hosts);
        List<Container> out = new ArrayList<>(result.containers().size());
        for (int i = 0; i < result.containers().size(); i++) {
            Container c = result.containers().get(i);
            Placement.How how = result.decisions().get(i).how();
            boolean now = how == Placement.How.PLACED || how == Placement.How.GLOBAL;
            out.add(now && docker.containsKey(c.host()) ? c.withHost(docker.get(c.host())) : c);
        }
        return out;
    }

    /**
     * A placement warning placed in the input or in the current state, whichever holds its
     * container; left unplaced when both do (which one it is about is not known).
     */
    private static Problem placed(Problem w, Document input, String root, Document current) {
        Problem inInput = Diagnostics.placeIn(w, input, root);
        Problem inCurrent = Diagnostics.placeIn(w, current, "$");
        if (inInput.location().isPresent() && inCurrent.location().isPresent()) {
            return w;
        }
        return inInput.location().isPresent() ? inInput : inCurrent;
    }

    private int rebalance(Document state, List<Host> hosts, int maxMoves) throws IOException {
        Placement.Rebalance r = Placement.rebalance(state.containers(), hosts, maxMoves, state.declarations().sharedVolumes());
        printProblems(r.warnings().stream().map(w -> Diagnostics.placeIn(w, state, "$")).toList());
        for (Placement.Move m : r.moves()) {
            stderr.println("moved " + m.id() + ": " + m.from() + " -> " + m.to());
        }
        stderr.println(r.moves().size() + (r.moves().size() == 1 ? " move" : " moves") + "; "
                + (r.balanced() ? "the hosts are within one container of each other"
                        : "still unbalanced (the rules or --max-moves stop further moves)"));
        writeContainers(r.moved(), false);
        return ExitCode.OK;
    }

    /** Each container's host and why, as text (a line each, then one per refusing host) or as a JSON array. */
    private static String explanation(Placement.Result result, Strategy strategy, boolean json) {
        if (json) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (Placement.Decision d : result.decisions()) {
                ObjectNode o = all.addObject();
                o.put("id", d.id());
                o.put("host", d.host());
                o.put("how", d.how().name().toLowerCase(Locale.ROOT));
                o.put("strategy", strategy.name());
                o.put("score", d.score());
                ObjectNode refused = o.putObject("refused");
                d.refused().forEach(refused::put);
            }
            return all + "\n";
        }
        StringBuilder text = new StringBuilder();
        for (Placement.Decision d : result.decisions()) {
            String how = switch (d.how()) {
                case PLACED -> strategy.name() + ", score " + score(d.score());
                case GLOBAL -> "global instance, " + strategy.name() + " score " + score(d.score());
                case PINNED -> "it had this host";
                case STICKY -> "it runs there";
            };
            text.append(d.id()).append(" -> ").append(d.host()).append(" (").append(how).append(")\n");
            d.refused().forEach((host, why) -> text.append("  refused by ").append(host).append(": ").append(why).append('\n'));
        }
        return text.toString();
    }

    private static String score(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.3f", s);
    }

}
