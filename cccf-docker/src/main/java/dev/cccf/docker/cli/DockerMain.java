package dev.cccf.docker.cli;

import dev.cccf.core.cli.Tool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code java -jar cccf-docker.jar inspect|compose ...} (bin/cccf passes the tool name first). */
public final class DockerMain {
    private DockerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Tool.Streams.system()));
    }

    public static int run(String[] args, Tool.Streams streams) {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("inspect", InspectTool::new);
        tools.put("compose", ComposeTool::new);
        return Tool.dispatch("cccf", args, tools, streams,
                "cccf-docker: what runs on docker engines as cccf (inspect); compose files as cccf (compose).");
    }
}
