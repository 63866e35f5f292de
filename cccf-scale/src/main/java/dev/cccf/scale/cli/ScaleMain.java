package dev.cccf.scale.cli;

import dev.cccf.core.cli.Tool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code cccf scale up|down ...}: the jar's main class. */
public final class ScaleMain {
    private ScaleMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Tool.Streams.system()));
    }

    public static int run(String[] args, Tool.Streams streams) {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("up", s -> new ScaleTool(s, true));
        tools.put("down", s -> new ScaleTool(s, false));
        return Tool.dispatch("cccf scale", args, tools, streams,
                "cccf-scale: expand 'scale' into replicas (up) and collapse them back (down).");
    }
}
