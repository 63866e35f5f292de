package dev.cccf.core.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** {@code cccf completion bash|zsh}: the shell completion of every tool, from their option declarations. */
public final class CompletionTool extends ToolsTool {
    /** @param tools every tool the completion covers (this one and {@code cccf man} among them) */
    public CompletionTool(Streams streams, List<Function<Streams, Tool>> tools) {
        super(streams, tools);
    }

    @Override
    protected String name() {
        return "cccf completion";
    }

    @Override
    protected String summary() {
        return "shell completion of every cccf tool, for bash and zsh";
    }

    @Override
    protected String usage() {
        return "cccf completion bash|zsh";
    }

    @Override
    protected String description() {
        return """
                Writes the shell completion of cccf (and of the bin/cccf-TOOL aliases): tool
                names, each tool's options, the values of options that take a file or one of a
                few choices, and file names. It is made from the same option declarations as
                each tool's --help and man page.

                  source <(cccf completion bash)    # in ~/.bashrc
                  source <(cccf completion zsh)     # in ~/.zshrc (through zsh's bashcompinit)
                """;
    }

    @Override
    protected String footer() {
        return "Exit codes: 0 written, 2 usage error.";
    }

    @Override
    protected List<String> operandChoices() {
        return List.of("bash", "zsh");
    }

    @Override
    protected int run(Args args) throws Exception {
        if (args.positional().size() != 1 || !operandChoices().contains(args.positional().get(0))) {
            throw new UsageException("give the shell: bash or zsh");
        }
        List<Tool> all = everyTool();
        String script = args.positional().get(0).equals("bash") ? Completion.bash(all) : Completion.zsh(all);
        writeOutput(out -> out.write(script.getBytes(StandardCharsets.UTF_8)));
        return ExitCode.OK;
    }
}
