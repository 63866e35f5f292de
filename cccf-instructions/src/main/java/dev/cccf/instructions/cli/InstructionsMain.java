package dev.cccf.instructions.cli;

import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.Training;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code cccf instructions run|start|stop|kill|rm|plan ...} ({@code java -jar cccf-instructions.jar run ...}). */
public final class InstructionsMain {
    static final String[] VERBS = {"run", "start", "stop", "kill", "rm", "plan"};

    private InstructionsMain() {
    }

    public static void main(String[] args) {
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, run(args, streams));
    }

    public static int run(String[] args, Tool.Streams streams) {
        if (args.length == 2 && args[0].equals("--cds-training")) { // bin/cccf's class-data archive
            return Training.run(args[1], s -> new InstructionsTool(s, "run"),
                    new String[] {"--hosts", "{dir}/hosts.json", "{dir}/current.json"},
                    new String[] {"--format", "json", "{dir}/app.json"});
        }
        return Tool.dispatch("cccf instructions", args, tools(), streams,
                "cccf-instructions: containers or a diff -> docker (swarm, compose, systemd) instructions.");
    }

    /** The tools of this jar, one per verb, by the verb. */
    public static Map<String, Function<Tool.Streams, Tool>> tools() {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        for (String verb : VERBS) {
            tools.put(verb, s -> new InstructionsTool(s, verb));
        }
        return tools;
    }
}
