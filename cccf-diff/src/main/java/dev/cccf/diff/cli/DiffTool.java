package dev.cccf.diff.cli;

import dev.cccf.core.Cccf;
import dev.cccf.core.Location;
import dev.cccf.core.OutputFormat;
import dev.cccf.core.Rules;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.diff.CompactDiff;
import dev.cccf.diff.DiffJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code cccf diff [OPTIONS] CURRENT WANTED}. */
final class DiffTool extends Tool {
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.$-]+");

    DiffTool(Streams streams) {
        super(streams);
    }

    @Override
    protected String name() {
        return "cccf diff";
    }

    @Override
    protected String summary() {
        return "compare current and wanted containers: add, remove, keep, changed, and why";
    }

    @Override
    protected String usage() {
        return "cccf diff [OPTIONS] CURRENT WANTED";
    }

    @Override
    protected String description() {
        return """
                Compares the CURRENT containers with the WANTED ones (files, JSON or YAML; one of
                them may be '-' for stdin) and writes
                  {"add": [...], "remove": [...], "keep": [...], "changed": [{"id", "fields"}]}
                add: wanted containers to start; remove: current containers to stop; keep: current
                containers that stay (as they are now, with their host); changed: for each id whose
                config changes (so it is in remove and in add), every field that differs, with
                "from" and "to", and "added"/"removed" items for the set-like lists.
                Property order never matters; env, ports, volumes, expose and links compare as sets;
                scale is ignored; host is ignored when the wanted container has none.
                """;
    }

    @Override
    protected String footer() {
        return """
                Colour in text only when stdout is a terminal and NO_COLOR is not set.
                Exit codes: 0 ok (whether or not they differ, without --detailed-exitcode), 1
                invalid input, 2 usage error (or, with --detailed-exitcode, they differ), 3 I/O
                failure.
                """;
    }

    /** The exit code of {@code --detailed-exitcode} when the documents differ (as {@code cccf plan}'s). */
    static final int DIFFERENT = 2;

    @Override
    protected List<Option> declaredOptions() {
        return List.of(
                Option.value("--ignore", "FIELD", "also ignore FIELD (repeatable)"),
                Option.value("--format", "F", "json (the default) or text: a summary for people, with each changed"
                        + " container as a unified diff of its canonical YAML").withChoices("json", "text"),
                Option.flag("--show-secrets", "show the values of env keys that look secret (PASSWORD, SECRET, TOKEN,"
                        + " KEY, CREDENTIAL, PRIVATE, AUTH ...), of cmd words such as --password=..., and of labels"
                        + " that look secret; they are masked as *** in text and in the JSON \"changed\" explanations,"
                        + " never in add, remove or keep"),
                Option.flag("--detailed-exitcode", "exit 2 when they differ (0: the same), as 'cccf plan'"));
    }

    @Override
    protected int run(Args args) throws Exception {
        List<String> files = args.positional();
        if (files.size() != 2) {
            throw new UsageException("needs CURRENT and WANTED, got " + files.size() + " file argument"
                    + (files.size() == 1 ? "" : "s"));
        }
        if (files.get(0).equals("-") && files.get(1).equals("-")) {
            throw new UsageException("only one of CURRENT and WANTED can be '-' (stdin)");
        }
        String format = args.value("--format") == null ? "json" : args.value("--format");
        if (!format.equals("json") && !format.equals("text")) {
            throw new UsageException("--format must be json or text, not " + Rules.quote(format));
        }
        Set<String> ignore = new LinkedHashSet<>();
        for (String field : args.values("--ignore")) {
            if (field.equals("id")) {
                throw new UsageException("--ignore id: the id is what matches containers");
            }
            if (!FIELD.matcher(field).matches()) {
                throw new UsageException("--ignore takes a field name, not " + Rules.quote(field));
            }
            ignore.add(field);
        }
        CompactDiff diff = read(files, ignore);
        boolean mask = !args.has("--show-secrets");
        if (format.equals("text")) {
            boolean colour = stdoutIsTerminal() && env.getOrDefault("NO_COLOR", "").isEmpty();
            writeOutput(out -> TextReport.write(diff, ignore, mask, colour, out));
        } else {
            OutputFormat layout = outputFormat();
            writeOutput(out -> DiffJson.write(diff, mask, out, layout));
        }
        boolean differ = diff.size(CompactDiff.Part.ADD) > 0 || diff.size(CompactDiff.Part.REMOVE) > 0;
        return args.has("--detailed-exitcode") && differ ? DIFFERENT : ExitCode.OK;
    }

    /**
     * Reads CURRENT and WANTED into a compact diff. Both are opened first, in order (so a missing
     * file is reported whatever the other holds), and closed after.
     */
    private CompactDiff read(List<String> files, Set<String> ignore) throws IOException {
        List<CompactDiff.Input> inputs = new ArrayList<>();
        try {
            for (String name : files) {
                if (name.equals("-")) {
                    inputs.add(new CompactDiff.Input(stdinOnce(), Location.STDIN, -1));
                } else {
                    InputStream in = openInput(name);
                    Path path = Path.of(name);
                    inputs.add(new CompactDiff.Input(in, name, Files.isRegularFile(path) ? Files.size(path) : -1));
                }
            }
            return CompactDiff.of(Cccf.reader(), inputs.get(0), inputs.get(1), ignore);
        } finally {
            for (CompactDiff.Input input : inputs) {
                if (input.in() != stdin) {
                    input.in().close();
                }
            }
        }
    }
}
