package dev.cccf.core.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** {@code cccf man TOOL} and {@code cccf man --dir DIR}: man pages (roff) made from the tools' declarations. */
public final class ManTool extends ToolsTool {
    /** @param tools every tool that has a page (this one and {@code cccf completion} among them) */
    public ManTool(Streams streams, List<Function<Streams, Tool>> tools) {
        super(streams, tools);
    }

    @Override
    protected String name() {
        return "cccf man";
    }

    @Override
    protected String summary() {
        return "the man page of a cccf tool";
    }

    @Override
    protected String usage() {
        return """
                cccf man TOOL [VERB]
                cccf man --dir DIR
                """;
    }

    @Override
    protected String description() {
        return """
                Writes the man page of a tool in roff, made from the same declarations as its
                --help and the shell completion: 'cccf man scale up | man -l -'. With --dir,
                writes every tool's page into DIR as cccf-TOOL.1 (for MANPATH, or packaging).
                """;
    }

    @Override
    protected String footer() {
        return "Exit codes: 0 written, 2 usage error (no such tool), 3 I/O failure.";
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(Option.file("--dir", "DIR", "write every tool's page into DIR (made when missing)"));
    }

    @Override
    protected List<String> operandChoices() {
        return everyTool().stream().map(t -> Completion.key(t).split(" ")[0]).distinct().toList();
    }

    @Override
    protected int run(Args args) throws Exception {
        String dir = args.value("--dir");
        if (dir != null) {
            if (!args.positional().isEmpty()) {
                throw new UsageException("give TOOL or --dir DIR, not both");
            }
            writePages(Path.of(dir));
            return ExitCode.OK;
        }
        String wanted = String.join(" ", args.positional());
        for (Tool t : everyTool()) {
            if (Completion.key(t).equals(wanted)) {
                String page = ManPage.of(t, version());
                writeOutput(out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
                return ExitCode.OK;
            }
        }
        throw new UsageException(wanted.isEmpty() ? "give a TOOL, e.g. 'cccf man validate', or --dir DIR"
                : "no tool " + wanted + "; tools: " + String.join(", ", everyTool().stream().map(Completion::key).toList()));
    }

    private void writePages(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Tool t : everyTool()) {
            Files.writeString(dir.resolve(ManPage.fileName(t)), ManPage.of(t, version()), StandardCharsets.UTF_8);
        }
        stderr.println(name() + ": " + everyTool().size() + " pages in " + dir);
    }
}
