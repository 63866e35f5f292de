package dev.cccf.core.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * A training run for the launcher's class-data sharing archive ({@code --cds-training DIR}): runs
 * each command line on the files of DIR (the repository's examples/, named by {@code {dir}})
 * with every stream discarded, so the archive holds the classes real runs load.
 */
public final class Training {
    private Training() {
    }

    /** Runs {@code tool} once per command line, {@code {dir}} in each argument replaced by {@code dir}. */
    public static int run(String dir, Function<Tool.Streams, Tool> tool, String[]... commandLines) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        for (String[] line : commandLines) {
            String[] args = Arrays.stream(line).map(a -> a.replace("{dir}", dir)).toArray(String[]::new);
            tool.apply(new Tool.Streams(InputStream.nullInputStream(), nowhere, nowhere, Map.of("CCCF_STDOUT_TTY", "0")))
                    .execute(args);
        }
        return ExitCode.OK;
    }
}
