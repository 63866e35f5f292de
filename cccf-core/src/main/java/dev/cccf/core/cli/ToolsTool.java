package dev.cccf.core.cli;

import java.util.List;
import java.util.function.Function;

/** A tool about the other tools ({@code cccf completion}, {@code cccf man}): it is given every one of them. */
abstract class ToolsTool extends Tool {
    private final List<Function<Streams, Tool>> tools;

    ToolsTool(Streams streams, List<Function<Streams, Tool>> tools) {
        super(streams);
        this.tools = List.copyOf(tools);
    }

    /** Every tool, made with this one's streams. */
    final List<Tool> everyTool() {
        return tools.stream().map(t -> t.apply(new Streams(stdin, stdout, stderr, env))).toList();
    }
}
