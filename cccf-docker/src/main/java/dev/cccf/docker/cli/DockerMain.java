package dev.cccf.docker.cli;

import dev.cccf.core.cli.Tool;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code java -jar cccf-docker.jar inspect|plan|apply|compose ...} (bin/cccf passes the tool name first). */
public final class DockerMain {
    private DockerMain() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--cds-training")) { // bin/cccf's class-data archive
            System.exit(train(args[1]));
        }
        System.exit(run(args, Tool.Streams.system()));
    }

    /**
     * The training run of bin/cccf's class-data archive: plan on the examples, and apply and
     * inspect up to the connection to an engine that is not there (no engine is needed).
     */
    static int train(String dir) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        String nowhereEngine = "unix:///nonexistent/cccf-training.sock";
        String[][] lines = {
            {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json"},
            {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json", "--format", "json", "--labels"},
            {"apply", dir + "/app.json", "-H", nowhereEngine},
            {"inspect", "-H", nowhereEngine},
        };
        for (String[] line : lines) {
            run(line, new Tool.Streams(InputStream.nullInputStream(), nowhere, nowhere, Map.of("CCCF_STDOUT_TTY", "0")));
        }
        return 0;
    }

    public static int run(String[] args, Tool.Streams streams) {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("inspect", InspectTool::new);
        tools.put("plan", PlanTool::new);
        tools.put("apply", ApplyTool::new);
        tools.put("compose", ComposeTool::new);
        return Tool.dispatch("cccf", args, tools, streams,
                "cccf-docker: what runs on docker engines as cccf (inspect); the instructions to WANTED (plan);"
                        + " converge the engines to WANTED (apply); compose files as cccf (compose).");
    }
}
