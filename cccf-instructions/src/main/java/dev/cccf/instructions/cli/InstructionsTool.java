package dev.cccf.instructions.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfReader;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.Sections;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.Diagnostics;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import dev.cccf.core.hosts.Wiring;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.instructions.Changes;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Plan;
import dev.cccf.instructions.Target;
import dev.cccf.instructions.Variables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code cccf instructions VERB [OPTIONS] [FILE...] [-- DOCKER-OPTIONS...]}: one tool per verb. */
final class InstructionsTool extends Tool {
    /** The input of plan is not a diff. */
    static final String DIFF_EXPECTED = "diff-expected";
    private static final Set<String> SECTIONS = Set.of("add", "remove", "keep");

    private final String verb;
    /** Where each container read came from, by id (a diff may hold one id twice: replaced), to place the problems found later. */
    private final Map<String, List<Place>> places = new HashMap<>();
    /** Fields no entry of the field table knows, found while reading. */
    private final List<Problem> unknownFields = new ArrayList<>();
    /** The hosts of --hosts, for wiring containers across them. */
    private List<Host> hostList = List.of();
    /** What the input document declares (networks, volumes): the compose target writes them. */
    private Declarations declared = Declarations.NONE;
    /** The warnings of the wiring across hosts, printed with the plan's. */
    private final List<Problem> wiringWarnings = new ArrayList<>();

    InstructionsTool(Streams streams, String verb) {
        super(streams);
        this.verb = verb;
    }

    private record Place(SourceMap map, String path, Location fallback) {
        Location locate(String field) {
            Location l = map.locate(path + field);
            return l.isKnown() ? l : fallback;
        }
    }

    @Override
    protected String name() {
        return "cccf instructions " + verb;
    }

    @Override
    protected String summary() {
        return verb.equals("plan") ? "the ordered docker instructions that carry out a diff"
                : "a docker " + verb + " instruction per container, safely quoted";
    }

    @Override
    protected String usage() {
        return verb.equals("plan") ? "cccf instructions plan [OPTIONS] [DIFF] [-- DOCKER-OPTIONS...]"
                : "cccf instructions " + verb + " [OPTIONS] [FILE...] [-- DOCKER-OPTIONS...]";
    }

    @Override
    protected String description() {
        String input = verb.equals("plan")
                ? """
                Reads a diff ({"add": [...], "remove": [...], "keep": [...]} as 'cccf diff' writes it;
                stdin when no DIFF or '-') and writes the instructions that take the current
                containers to the wanted ones, in order: the removed containers are stopped and
                removed first (those that link to or depend on others first), then the added ones
                run (what they link to or depend on first). A replaced container (same id in
                remove and add) is therefore gone before its new configuration runs. A link to a
                container the diff neither adds nor keeps is a warning on stderr; a dependency
                cycle is an error. With --target swarm a replaced service whose image, env, ports
                or replicas changed gets 'docker service update'. compose and systemd describe the
                wanted state (kept and added containers).
                """
                : """
                Reads cccf documents (JSON or YAML; stdin when no FILE or '-') and writes one
                'docker %s' instruction per container%s.
                """.formatted(verb, verb.equals("run") || verb.equals("start")
                        ? ", after the containers it links to or depends on (depends_on)"
                        : ", before the containers it links to or depends on");
        return input + """

                Output: shell lines, one instruction per line, every argument quoted for a POSIX
                shell so that no value can run a command ('| sh' runs them). This is the one cccf
                tool whose stdout is not JSON by default: --format json gives a JSON array of argv
                arrays instead. A value holding a newline stays inside its quotes, so such an
                instruction spans lines yet is still one command; read --format json if you
                process instructions line by line. --target compose writes a JSON object host ->
                compose document (--yaml for YAML); --target systemd a JSON object unit file name
                -> unit text.

                DOCKER-OPTIONS, after '--', are added to every run instruction, before the image.
                """;
    }

    @Override
    protected String footer() {
        return """
                Fields other than cccf's own become options: "dns": "8.8.8.8" is --dns=8.8.8.8,
                arrays repeat the option, true is a bare --flag, objects give KEY=VALUE
                ("labels": {"a": "b"} is --label=a=b), cap_add is --cap-add. depends_on,
                constraints, conflicts and global order and place containers and are never options.

                Exit codes: 0 ok (warnings on stderr), 1 invalid input (every problem on stderr as
                FILE:LINE:COL: path: [rule] message), 2 usage error, 3 I/O failure.
                """;
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(
                Option.value("--target", "T", "docker (default), swarm, compose or systemd")
                        .withChoices(Arrays.stream(Target.values()).map(Target::cliName).toArray(String[]::new)),
                Option.value("--format", "F", "shell (default) or json (argv arrays)").withChoices("shell", "json"),
                Option.file("--hosts", "FILE", "hosts file: host ids of the containers -> docker endpoints"),
                Option.value("--var", "KEY=VALUE", "replace ${KEY} in every string value (repeatable); a ${NAME}"
                        + " left undefined is an error; $${ is a literal ${"),
                Option.value("--exclude", "FIELD", "leave FIELD out of run instructions (repeatable)"),
                Option.flag("--no-detach", "docker run without -d"));
    }

    /** What follows {@code --} is docker options for every run instruction, not files. */
    @Override
    protected boolean keepsArgumentsAfterDashes() {
        return true;
    }

    @Override
    protected int run(Args args) throws Exception {
        Target target = target(args.value("--target"));
        String format = args.value("--format") == null ? "shell" : args.value("--format");
        if (!format.equals("shell") && !format.equals("json")) {
            throw new UsageException("--format must be shell or json, not " + Rules.quote(format));
        }
        checkSupported(target);
        Map<String, String> vars = vars(args.values("--var"));
        Options options = new Options(target, !args.has("--no-detach"), new LinkedHashSet<>(args.values("--exclude")),
                hosts(args.value("--hosts")), args.afterDashes());
        try {
            if (verb.equals("plan")) {
                if (args.positional().size() > 1) {
                    throw new UsageException("plan reads one diff, not " + args.positional().size() + " files");
                }
                Changes changes = readChanges(args.positional().isEmpty() ? "-" : args.positional().get(0), vars);
                if (target == Target.DOCKER || target == Target.SYSTEMD) {
                    changes = wired(changes);
                }
                return switch (target) {
                    case DOCKER, SWARM -> writePlan(Instructions.plan(changes, options), format);
                    case COMPOSE -> writeCompose(Instructions.wanted(changes), options);
                    case SYSTEMD -> writeSystemd(Instructions.wanted(changes), options);
                };
            }
            List<Container> containers = readContainers(args.positional(), vars);
            return switch (target) {
                case COMPOSE -> writeCompose(containers, options);
                case SYSTEMD -> writeSystemd(containers, options);
                default -> writePlan(switch (verb) {
                    case "run" -> Instructions.run(containers, options);
                    case "start" -> Instructions.start(containers, options);
                    case "stop" -> Instructions.stop(containers, options);
                    case "kill" -> Instructions.kill(containers, options);
                    default -> Instructions.rm(containers, options);
                }, format);
            };
        } catch (InstructionsException e) {
            throw new InvalidDocumentException(e.problems().stream().map(this::placed).toList());
        }
    }

    private static Target target(String name) {
        if (name == null) {
            return Target.DOCKER;
        }
        try {
            return Target.of(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target must be docker, swarm, compose or systemd, not " + Rules.quote(name));
        }
    }

    private void checkSupported(Target target) {
        boolean ok = switch (target) {
            case DOCKER -> true;
            case SWARM -> Set.of("run", "rm", "plan").contains(verb);
            case COMPOSE, SYSTEMD -> Set.of("run", "plan").contains(verb);
        };
        if (!ok) {
            throw new UsageException("--target " + target.cliName() + " has no " + verb + " (it has "
                    + (target == Target.SWARM ? "run, rm and plan" : "run and plan") + ")");
        }
    }

    private static Map<String, String> vars(List<String> specs) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String key = eq < 0 ? spec : spec.substring(0, eq);
            if (eq < 0 || !Variables.isName(key)) {
                throw new UsageException("--var needs KEY=VALUE with a KEY of letters, digits and _, not "
                        + Rules.quote(spec));
            }
            vars.put(key, spec.substring(eq + 1));
        }
        return vars;
    }

    private Map<String, String> hosts(String file) throws IOException {
        if (file == null) {
            return Map.of();
        }
        try (InputStream in = file.equals("-") ? stdinOnce() : openInput(file)) {
            hostList = Hosts.readWithEngines(in, file.equals("-") ? Location.STDIN : file);
            return Hosts.endpoints(hostList);
        }
    }

    /**
     * The containers to add wired across the hosts as {@code cccf plan} wires them ({@link Wiring}),
     * those that stay taken as they run; what cannot be wired is invalid input.
     */
    private Changes wired(Changes changes) {
        Wiring.Result wiring = Wiring.across(changes.add(), changes.keep(), hostList);
        if (wiring.hasErrors()) {
            throw new InvalidDocumentException(wiring.problems().stream().filter(Problem::isError).map(this::placed).toList());
        }
        wiring.problems().forEach(wiringWarnings::add);
        return new Changes(wiring.containers(), changes.remove(), changes.keep());
    }

    // ------------------------------------------------------------------ input

    /** A read input: the bytes cccf-core reads (variables replaced) and the map of the original. */
    private record Input(String source, byte[] bytes, SourceMap map, boolean substituted) {
    }

    private Input input(String arg, Map<String, String> vars) throws IOException {
        boolean stdin = arg.equals("-");
        String source = stdin ? Location.STDIN : arg;
        byte[] bytes;
        try (InputStream in = stdin ? stdinOnce() : openInput(arg)) {
            bytes = in.readAllBytes();
        }
        SourceMap map = SourceMap.lazy(bytes, source);
        if (!Variables.mayBePresent(bytes) || map.tree() == null || !Variables.present(map.tree())) {
            return new Input(source, bytes, map, false);
        }
        Variables.Result r = Variables.substitute(map.tree(), vars);
        if (!r.unresolved().isEmpty()) {
            throw new InvalidDocumentException(r.unresolved().stream()
                    .map(u -> new Problem(map.locate(u.path()), u.path(), u.code(), u.message())).toList());
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(bytes.length + 64);
        CccfWriter.writeTree(r.tree(), json, OutputFormat.COMPACT);
        return new Input(source, json.toByteArray(), map, true);
    }

    /** The reader of every field of the table, telling {@code unknown} of the fields it does not know. */
    private static CccfReader reader(List<Problem> unknown) {
        return FieldTable.warningAboutUnknownFields(FieldTable.reader(), unknown::add);
    }

    /** Problems of a document whose variables were replaced, placed in the original. */
    private static List<Problem> relocated(List<Problem> problems, Input input) {
        return input.substituted() ? problems.stream()
                .map(p -> new Problem(input.map().locate(p.path()), p.path(), p.code(), p.message())).toList() : problems;
    }

    /** Problems of a document whose variables were replaced are placed in the original. */
    private static InvalidDocumentException relocated(InvalidDocumentException e, Input input) {
        if (!input.substituted()) {
            return e;
        }
        return new InvalidDocumentException(e.problems().stream()
                .map(p -> new Problem(input.map().locate(p.path()), p.path(), p.code(), p.message())).toList());
    }

    private List<Container> readContainers(List<String> files, Map<String, String> vars) throws IOException {
        List<Document> docs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String file : files.isEmpty() ? List.of("-") : files) {
            Input input = null;
            try {
                input = input(file, vars);
                List<Problem> found = new ArrayList<>();
                Document d = reader(found).read(new ByteArrayInputStream(input.bytes()), input.source());
                unknownFields.addAll(relocated(found, input));
                for (int i = 0; i < d.size(); i++) {
                    place(d.containers().get(i), new Place(input.map(), d.path(i),
                            d.location(i)));
                }
                docs.add(d);
            } catch (InvalidDocumentException e) {
                problems.addAll(input == null ? e.problems() : relocated(e, input).problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        Document all = Document.concat(docs);
        declared = all.declarations();
        return all.containers();
    }

    private Changes readChanges(String file, Map<String, String> vars) throws IOException {
        Input input = input(file, vars);
        Sections sections;
        try {
            List<Problem> found = new ArrayList<>();
            sections = reader(found).readSections(new ByteArrayInputStream(input.bytes()), input.source(), SECTIONS);
            unknownFields.addAll(relocated(found, input));
            declared = sections.declarations();
        } catch (InvalidDocumentException e) {
            throw relocated(e, input);
        }
        if (sections.sections().containsKey("")) {
            Location at = input.map().locate("$");
            throw new InvalidDocumentException(List.of(new Problem(at, "$", DIFF_EXPECTED,
                    "plan reads a diff {\"add\": [...], \"remove\": [...], \"keep\": [...]} as 'cccf diff' writes it;"
                            + " for plain containers use 'cccf instructions run'")));
        }
        List<List<Container>> lists = new ArrayList<>();
        for (String name : List.of("add", "remove", "keep")) {
            Document d = sections.section(name);
            for (int i = 0; i < d.size(); i++) {
                place(d.containers().get(i), new Place(input.map(), "$." + name + "[" + i + "]", d.location(i)));
            }
            lists.add(d.containers());
        }
        return new Changes(lists.get(0), lists.get(1), lists.get(2));
    }

    // ------------------------------------------------------------------ output

    private void place(Container c, Place place) {
        places.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(place);
    }

    /**
     * A problem the library found, its path anchored at a container's id ({@code web.host}),
     * placed in the document the container came from ({@code app.json:3:14: $[1].host}). Of two
     * containers with that id (a diff's replaced one, in add and in remove), the first that has
     * the value: add before remove.
     */
    private Problem placed(Problem p) {
        int cut = Diagnostics.idEnd(p.path());
        String field = p.path().substring(cut);
        List<Place> candidates = places.getOrDefault(p.path().substring(0, cut), List.of());
        return candidates.stream().filter(c -> c.map().has(c.path() + field)).findFirst()
                .or(() -> candidates.stream().findFirst())
                .map(c -> p.at(c.locate(field), c.path() + field))
                .orElse(p);
    }

    private void warn(List<Problem> warnings) {
        Diagnostics.print(unknownFields, stderr);
        unknownFields.clear();
        Diagnostics.print(wiringWarnings.stream().map(this::placed).toList(), stderr);
        wiringWarnings.clear();
        Diagnostics.print(warnings.stream().map(this::placed).toList(), stderr);
    }

    private int writePlan(Plan plan, String format) throws IOException {
        warn(plan.warnings());
        if (format.equals("json")) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (List<String> argv : plan.commands()) {
                ArrayNode a = all.addArray();
                argv.forEach(a::add);
            }
            writeTree(all);
        } else {
            StringBuilder text = new StringBuilder();
            plan.lines().forEach(l -> text.append(l).append('\n'));
            byte[] out = text.toString().getBytes(StandardCharsets.UTF_8);
            writeOutput(o -> o.write(out));
        }
        return ExitCode.OK;
    }

    private int writeCompose(List<Container> containers, Options options) throws IOException {
        warn(List.of());
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        Instructions.compose(containers, declared, options).forEach(all::set);
        writeTree(all);
        return ExitCode.OK;
    }

    private int writeSystemd(List<Container> containers, Options options) throws IOException {
        warn(List.of());
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        Instructions.systemd(containers, options).forEach(all::put);
        writeTree(all);
        return ExitCode.OK;
    }
}
