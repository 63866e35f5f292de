package dev.cccf.docker;

import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One run of a tool in this process, on the engine {@code -H unix:///memory.sock} names (a {@link MemoryEngine}), compact output. */
record ToolRun(int exit, String out, String err) {
    static ToolRun of(Function<Tool.Streams, Tool> tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("-H", "unix:///memory.sock", "--compact"));
        int exit = tool.apply(streams).execute(argv.toArray(String[]::new));
        return new ToolRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
