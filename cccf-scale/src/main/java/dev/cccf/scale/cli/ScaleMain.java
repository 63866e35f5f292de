package dev.cccf.scale.cli;

import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.Training;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code cccf scale up|down ...}: the jar's main class. */
public final class ScaleMain {
    private ScaleMain() {
    }

    public static void main(String[] args) {
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, run(args, streams));
    }

    public static int run(String[] args, Tool.Streams streams) {
        if (args.length == 2 && args[0].equals("--cds-training")) { // bin/cccf's class-data archive
            return Training.run(args[1], s -> new ScaleTool(s, true), new String[] {"{dir}/app.json"},
                    new String[] {"--set", "web=5", "{dir}/current.json"});
        }
        return Tool.dispatch("cccf scale", args, tools(), streams,
                "cccf-scale: expand 'scale' into replicas (up) and collapse them back (down).");
    }

    /** The tools of this jar, by the name that follows {@code cccf scale}. */
    public static Map<String, Function<Tool.Streams, Tool>> tools() {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("up", s -> new ScaleTool(s, true));
        tools.put("down", s -> new ScaleTool(s, false));
        return tools;
    }
}
