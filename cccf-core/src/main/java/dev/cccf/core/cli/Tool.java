package dev.cccf.core.cli;

import dev.cccf.core.CccfReader;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Rules;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thin shell every cccf CLI is made of: streams are injected, {@link #execute} returns the
 * exit code, stdout carries only data. Subclasses declare their options and implement
 * {@link #run}. Common options: {@code --help}, {@code --version}, {@code --pretty},
 * {@code --compact}, {@code --yaml}, {@code -o/--output FILE}.
 */
public abstract class Tool {
    protected final InputStream stdin;
    protected final PrintStream stdout;
    protected final PrintStream stderr;
    protected final Map<String, String> env;

    private final List<Path> inputsRead = new ArrayList<>();
    private boolean stdinUsed;
    private Args args;

    protected Tool(Streams streams) {
        this.stdin = streams.in();
        this.stdout = streams.out();
        this.stderr = streams.err();
        this.env = streams.env();
    }

    /** The streams and environment a tool runs with; {@link #system()} for a real process. */
    public record Streams(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        public static Streams system() {
            return new Streams(System.in, new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false),
                    System.err, System.getenv());
        }
    }

    /**
     * Ends the process of a tool's {@code main} with {@code code}, once {@code streams} are
     * flushed. It halts rather than calls {@link System#exit}: from JDK 21 on, {@code exit} asks
     * {@code System.getLogger("java.lang.Runtime")} whether to log the call, and finding the
     * logger runs a service-loader scan that opens every jar on the class path (some 40 ms of a
     * 160 ms {@code cccf apply} with cccf-docker's 30 jars). The tools register no shutdown hooks,
     * so nothing of theirs is skipped. A class-data training run ({@code --cds-training}) exits
     * normally, as the archive may be written then, and so does a process run with
     * {@code -Dcccf.systemExit=true}, for a JVM option that needs shutdown hooks (a flight
     * recording dumped at exit).
     */
    public static void exit(String[] args, Streams streams, int code) {
        streams.out().flush();
        streams.err().flush();
        System.out.flush();
        System.err.flush();
        if (args.length > 0 && args[0].equals("--cds-training") || Boolean.getBoolean("cccf.systemExit")) {
            System.exit(code);
        }
        Runtime.getRuntime().halt(code);
    }

    /** The name users type, e.g. {@code "cccf validate"}. */
    protected abstract String name();

    /** The name users type, e.g. {@code "cccf scale up"}: {@link #name()}, for code outside the tool. */
    public final String command() {
        return name();
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * The options every tool takes, declared once for all: output layout, {@code -o FILE},
     * {@code --help} and {@code --version}.
     */
    public static final List<Option> COMMON_OPTIONS = List.of(
            Option.flag("--pretty", "indented JSON (the default when stdout is a terminal)"),
            Option.flag("--compact", "one-line JSON (the default otherwise)"),
            Option.flag("--yaml", "YAML instead of JSON"),
            Option.file("--output", "FILE", "write to FILE instead of stdout: a temporary file beside it, renamed"
                    + " over it at the end (a failure leaves FILE as it was); FILE keeps its mode, a new one gets"
                    + " the umask's").withShort('o'),
            Option.flag("--help", "this text").withShort('h'),
            Option.flag("--version", "the version"));

    /**
     * This tool's own options, each declared once with its short form, argument and help: the
     * parser, {@code --help}, {@code cccf completion} and {@code cccf man} are all made from
     * them. The {@link #COMMON_OPTIONS} are added to them.
     */
    protected List<Option> declaredOptions() {
        return List.of();
    }

    /**
     * Flags this tool takes beyond the common ones, as names only.
     *
     * @deprecated declare {@link Option}s in {@link #declaredOptions()}: they carry the help text,
     *     the completion and the man page too. Still parsed, for a tool not yet moved.
     */
    @Deprecated
    protected Set<String> flags() {
        return Set.of();
    }

    /**
     * Options with a value this tool takes beyond the common ones, as names only.
     *
     * @deprecated declare {@link Option}s in {@link #declaredOptions()}.
     */
    @Deprecated
    protected Set<String> options() {
        return Set.of();
    }

    /**
     * Short spellings, e.g. {@code "-H" -> "--host"}.
     *
     * @deprecated use {@link Option#withShort} in {@link #declaredOptions()}.
     */
    @Deprecated
    protected Map<String, String> aliases() {
        return Map.of();
    }

    /**
     * Every option this tool takes, in the order help lists them: its own, then the common ones.
     * Names declared the old way ({@link #flags()}, {@link #options()}) come in without help.
     */
    public final List<Option> allOptions() {
        // loops, not lambdas: every run parses its arguments, and each lambda shape costs start-up time
        Map<String, Option> all = new LinkedHashMap<>();
        for (Option o : declaredOptions()) {
            all.put(o.name(), o);
        }
        Map<String, String> shortOf = new HashMap<>();
        for (Map.Entry<String, String> alias : aliases().entrySet()) {
            shortOf.put(alias.getValue(), alias.getKey());
        }
        for (String name : flags()) {
            Option o = options().contains(name) ? Option.optional(name, "VALUE", "") : Option.flag(name, "");
            all.putIfAbsent(name, withAlias(o, shortOf.get(name)));
        }
        for (String name : options()) {
            all.putIfAbsent(name, withAlias(Option.value(name, "VALUE", ""), shortOf.get(name)));
        }
        for (Option o : COMMON_OPTIONS) {
            all.putIfAbsent(o.name(), o);
        }
        return List.copyOf(all.values());
    }

    private static Option withAlias(Option o, String alias) {
        return alias != null && alias.length() == 2 ? o.withShort(alias.charAt(1)) : o;
    }

    /**
     * True when what follows {@code --} is not files but arguments the tool passes on
     * ({@link Args#afterDashes()}); by default {@code --} only ends the options.
     */
    protected boolean keepsArgumentsAfterDashes() {
        return false;
    }

    /**
     * The values an operand takes when they are a fixed few (the shell completes them); empty,
     * the default, for file names.
     */
    protected List<String> operandChoices() {
        return List.of();
    }

    /** The usage line or lines, without "Usage: ", e.g. {@code cccf validate [OPTIONS] [FILE...]}. */
    protected String usage() {
        return name() + " [OPTIONS] [FILE...]";
    }

    /** What the tool does, in paragraphs (for {@code --help} and the man page's DESCRIPTION). */
    protected String description() {
        return "";
    }

    /** What follows the options in help: exit codes, where to read more. */
    protected String footer() {
        return "";
    }

    /** One line: what the tool does (the man page's NAME); by default the description's first sentence. */
    protected String summary() {
        String d = description().replace('\n', ' ').strip();
        int end = d.indexOf(". ");
        return end < 0 ? d.replaceFirst("\\.$", "") : d.substring(0, end);
    }

    /**
     * The text of {@code --help}: usage, description, the options (made from their declarations)
     * and the footer. A tool overriding this must list its options itself.
     */
    protected String help() {
        StringBuilder s = new StringBuilder("Usage: ");
        s.append(usage().strip().replace("\n", "\n       ")).append("\n\n");
        if (!description().isBlank()) {
            s.append(description().strip()).append("\n\n");
        }
        s.append("Options:\n").append(HelpText.options(allOptions()));
        if (!footer().isBlank()) {
            s.append('\n').append(footer().strip()).append('\n');
        }
        return s.toString();
    }

    /** Does the work; returns the exit code. Throw {@link UsageException} or {@link FailureException} to stop. */
    protected abstract int run(Args args) throws Exception;

    /** Runs the tool and returns its exit code; never throws. */
    public final int execute(String... argv) {
        try {
            Args parsed = Args.parse(argv, allOptions(), keepsArgumentsAfterDashes());
            this.args = parsed;
            if (parsed.has("--help")) {
                stdout.print(help());
                stdout.flush();
                return ExitCode.OK;
            }
            if (parsed.has("--version")) {
                stdout.println(name() + " " + version());
                stdout.flush();
                return ExitCode.OK;
            }
            int code = run(parsed);
            stdout.flush();
            return code;
        } catch (UsageException e) {
            stderr.println(name() + ": " + e.getMessage());
            stderr.println("Try '" + name() + " --help'.");
            return ExitCode.USAGE;
        } catch (InvalidDocumentException e) {
            printProblems(e.problems());
            return ExitCode.INVALID;
        } catch (FailureException e) {
            stderr.println(name() + ": " + e.getMessage());
            return ExitCode.FAILURE;
        } catch (IOException | UncheckedIOException e) {
            stderr.println(name() + ": " + ioMessage(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
            return ExitCode.FAILURE;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            stderr.println(name() + ": internal error: " + e + " (please report it with the input that caused it)");
            return ExitCode.FAILURE;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    /** Prints each problem as every tool does ({@link Diagnostics}). */
    protected void printProblems(List<Problem> problems) {
        Diagnostics.print(problems, stderr);
    }

    /** The tool's version, from its jar's manifest. */
    protected String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    // ---------------------------------------------------------------- input

    /**
     * Reads one document: a file, or stdin for {@code -} or {@code null}. A missing file is a
     * usage error (exit 2); an unreadable one a failure (exit 3); an invalid one exit 1.
     */
    protected Document readDocument(String arg, CccfReader reader) throws IOException {
        if (arg == null || arg.equals("-")) {
            return reader.read(stdinOnce(), Location.STDIN);
        }
        return reader.read(openInput(arg), arg);
    }

    /**
     * Reads every argument (stdin when there is none), reporting all their problems together.
     * Inputs are opened in order (so a missing file is reported first, whatever the others hold)
     * and, when there are several and more than one CPU, parsed at the same time.
     */
    protected List<Document> readDocuments(List<String> argsOrEmpty, CccfReader reader) throws IOException {
        List<String> names = argsOrEmpty.isEmpty() ? List.of("-") : argsOrEmpty;
        List<InputStream> streams = new ArrayList<>();
        try {
            for (String name : names) {
                streams.add(name.equals("-") ? stdinOnce() : openInput(name));
            }
            List<Callable<Document>> reads = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                InputStream in = streams.get(i);
                String source = names.get(i).equals("-") ? Location.STDIN : names.get(i);
                reads.add(() -> reader.read(in, source));
            }
            return ParallelReads.readAll(reads);
        } finally {
            for (InputStream in : streams) {
                if (in != stdin) {
                    in.close();
                }
            }
        }
    }

    /** Opens an input file (not stdin), with the checks and messages of {@link #readDocument}. */
    protected InputStream openInput(String arg) throws IOException {
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            throw new UsageException(arg + ": is a directory, not a file");
        }
        if (!Files.exists(path)) {
            throw new UsageException(arg + ": no such file");
        }
        try {
            // FileInputStream, not Files.newInputStream: the channel stream's available() seeks,
            // which fails on pipes such as bash's <(...) ("Illegal seek")
            InputStream in = new FileInputStream(path.toFile());
            inputsRead.add(path);
            return in;
        } catch (FileNotFoundException e) {
            if (!Files.isReadable(path)) {
                throw new FailureException(arg + ": permission denied");
            }
            throw new UsageException(arg + ": no such file");
        }
    }

    /**
     * stdin, which can be read only once per run. When stdin is a terminal, a line on stderr
     * says so and how to end the input, rather than waiting in silence.
     */
    protected InputStream stdinOnce() {
        if (stdinUsed) {
            throw new UsageException("stdin ('-') can be read only once");
        }
        stdinUsed = true;
        if (stdinIsTerminal()) {
            stderr.println(name() + ": reading stdin (a terminal): type or paste the input, then Ctrl-D to end it;"
                    + " or give a FILE (" + name() + " --help)");
            stderr.flush();
        }
        return stdin;
    }

    /**
     * True when stdin is a terminal: {@code bin/cccf} tells us through CCCF_STDIN_TTY; run
     * otherwise, the JVM's console (there only when stdin and stdout are both terminals).
     */
    protected boolean stdinIsTerminal() {
        String tty = env.get("CCCF_STDIN_TTY");
        if (tty != null) {
            return tty.equals("1");
        }
        return stdin == System.in && System.console() != null;
    }

    // ---------------------------------------------------------------- output

    /** The format chosen by {@code --yaml}, {@code --pretty}, {@code --compact}, or by whether stdout is a terminal. */
    protected OutputFormat outputFormat() {
        if (args.has("--yaml")) {
            return OutputFormat.YAML;
        }
        if (args.has("--pretty")) {
            return OutputFormat.PRETTY;
        }
        if (args.has("--compact") || args.has("--output")) {
            return OutputFormat.COMPACT;
        }
        return stdoutIsTerminal() ? OutputFormat.PRETTY : OutputFormat.COMPACT;
    }

    /** True when stdout is a terminal ({@code bin/cccf} tells us through CCCF_STDOUT_TTY). */
    protected boolean stdoutIsTerminal() {
        String tty = env.get("CCCF_STDOUT_TTY");
        if (tty != null) {
            return tty.equals("1");
        }
        return System.console() != null;
    }

    /** Writes containers to stdout or {@code -o FILE}. */
    protected void writeContainers(List<Container> containers, boolean single) throws IOException {
        writeOutput(out -> CccfWriter.write(containers, single, out, outputFormat()));
    }

    /**
     * Writes containers with what their document declares to stdout or {@code -o FILE}: a
     * document object when it declares something, else as {@link #writeContainers}.
     */
    protected void writeDocument(Declarations declarations, List<Container> containers, boolean single)
            throws IOException {
        writeOutput(out -> CccfWriter.write(declarations, containers, single, out, outputFormat()));
    }

    /** Writes a JSON tree to stdout or {@code -o FILE}. */
    protected void writeTree(JsonNode tree) throws IOException {
        writeOutput(out -> CccfWriter.writeTree(tree, out, outputFormat()));
    }

    /** What writes the output, once, to the stream it is given. */
    @FunctionalInterface
    protected interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the output to stdout, or with {@code -o FILE} to a temporary file beside FILE that is
     * then renamed over it: a crash never leaves half a file, and the old file survives a failure.
     * A tool never writes over one of its own inputs. The temporary file ({@code .FILE.PID.N.tmp})
     * is removed on a failure, when the JVM is stopped by a signal (SIGTERM, SIGINT), and, after a
     * SIGKILL, by the next write to FILE, which removes those whose process is gone.
     */
    protected void writeOutput(Body body) throws IOException {
        String target = args.value("--output");
        if (target == null || target.equals("-")) {
            body.writeTo(stdout);
            stdout.flush();
            return;
        }
        writeFile("-o", target, body);
    }

    /**
     * Writes a file as {@code -o FILE} does (atomically, keeping its mode, never over an input):
     * for a second output of a tool, e.g. {@code cccf host --explain-output FILE}.
     *
     * @param option how the user named the file, for messages ({@code "-o"})
     */
    protected void writeFile(String option, String target, Body body) throws IOException {
        Path path = Path.of(target).toAbsolutePath();
        for (Path input : inputsRead) {
            if (input.toAbsolutePath().normalize().equals(path.normalize())
                    || (Files.exists(path) && Files.exists(input) && Files.isSameFile(input, path))) {
                throw new UsageException(option + " " + target + " is also an input; write elsewhere, then move it");
            }
        }
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + target + ": no such directory");
        }
        removeTemporaryFilesOfEndedProcesses(path);
        Set<PosixFilePermission> mode = path.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.exists(path) ? Files.getPosixFilePermissions(path) : null;
        Path tmp = createTemporaryFile(path, mode);
        tmp.toFile().deleteOnExit(); // a signal's shutdown runs this; a normal end has moved or deleted it
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp,
                    StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (mode != null && !mode.contains(PosixFilePermission.OWNER_WRITE)) {
                Files.setPosixFilePermissions(tmp, mode); // a read-only FILE stays read-only
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates {@code .FILE.PID.N.tmp} beside {@code path} with {@code mode}, the mode of the file
     * it will replace (so {@code -o} turns neither a 0644 file into 0600 nor a 0600 one into
     * 0644; set before anything is written, with the owner's write bit until the end), or, for a
     * new file ({@code mode} null), the mode the umask gives.
     */
    private static Path createTemporaryFile(Path path, Set<PosixFilePermission> mode) throws IOException {
        String prefix = "." + path.getFileName() + "." + ProcessHandle.current().pid() + ".";
        while (true) {
            Path tmp = path.resolveSibling(prefix + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt()) + ".tmp");
            try {
                if (mode == null) {
                    return Files.createFile(tmp); // 0666 less the umask, as the shell's > makes it
                }
                Set<PosixFilePermission> writable = EnumSet.of(PosixFilePermission.OWNER_WRITE);
                writable.addAll(mode);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(writable)); // the umask may take bits away:
                return Files.setPosixFilePermissions(tmp, writable);                   // give them back
            } catch (FileAlreadyExistsException e) {
                // another N
            }
        }
    }

    /** Removes {@code .FILE.PID.N.tmp} beside {@code path} whose process PID has ended (killed while writing). */
    private static void removeTemporaryFilesOfEndedProcesses(Path path) throws IOException {
        Pattern ours = Pattern.compile(Pattern.quote("." + path.getFileName() + ".") + "([0-9]{1,18})\\.[0-9]+\\.tmp");
        try (DirectoryStream<Path> beside = Files.newDirectoryStream(path.getParent(),
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path p : beside) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Reads a small text from stdin or a file (for tools whose input is not a cccf document). */
    protected static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /**
     * Runs one of several subcommands named by the first argument ({@code cccf scale up}).
     * Used by the {@code main} of modules with more than one tool.
     */
    public static int dispatch(String program, String[] argv, Map<String, Function<Streams, Tool>> tools,
            Streams streams, String summary) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            PrintStream to = argv.length == 0 ? streams.err() : streams.out();
            to.println("Usage: " + program + " COMMAND [OPTIONS] [FILE...]");
            to.println(summary);
            to.println("Commands: " + String.join(", ", tools.keySet()));
            to.println("Run '" + program + " COMMAND --help' for the options of each.");
            to.flush();
            return argv.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        if (argv[0].equals("--version")) {
            String v = Tool.class.getPackage().getImplementationVersion();
            streams.out().println(program + " " + (v == null ? "(development build)" : v));
            streams.out().flush();
            return ExitCode.OK;
        }
        var tool = tools.get(argv[0]);
        if (tool == null) {
            String nearest = Args.nearestWord(argv[0], List.copyOf(tools.keySet()));
            streams.err().println(program + ": unknown command " + Rules.quote(argv[0])
                    + (nearest == null ? ";" : "; did you mean " + nearest + "?") + " commands: " + String.join(", ", tools.keySet()));
            return ExitCode.USAGE;
        }
        return tool.apply(streams).execute(Arrays.copyOfRange(argv, 1, argv.length));
    }
}
