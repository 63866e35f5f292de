package dev.cccf.docker.cli;

import dev.cccf.core.cli.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        if (args.length > 0 && !args[0].equals("compose")) {
            dev.cccf.docker.internal.EngineHttpClient.warmUp(); // inspect, plan and apply may talk to engines
        }
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, run(args, streams));
    }

    /**
     * The training run of bin/cccf's class-data archive: plan on the examples; then apply (from
     * nothing, and again with nothing to do), inspect and plan on the example hosts, each served
     * by a {@link TrainingEngine}, so the archive holds what a run against engines loads (no
     * engine is needed); and the error path of an engine that is not there.
     */
    static int train(String dir) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        List<TrainingEngine> engines = new ArrayList<>();
        try {
            String hosts = TrainingEngine.hostsFile(Path.of(dir, "hosts.json"), engines).toString();
            String[][] lines = {
                {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json"},
                {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json", "--format", "json", "--labels"},
                {"apply", dir + "/app.json", "--hosts", hosts},
                {"apply", dir + "/app.json", "--hosts", hosts},
                {"inspect", "--hosts", hosts, "--all"},
                {"plan", dir + "/app.json", "--hosts", hosts, "--inspect"},
                {"apply", dir + "/app.json", "-H", "unix:///nonexistent/cccf-training.sock"},
            };
            for (String[] line : lines) {
                run(line, new Tool.Streams(InputStream.nullInputStream(), nowhere, nowhere, Map.of("CCCF_STDOUT_TTY", "0")));
            }
            return 0;
        } catch (IOException e) {
            return 1; // no archive then: bin/cccf runs without one
        } finally {
            engines.forEach(TrainingEngine::close);
        }
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
