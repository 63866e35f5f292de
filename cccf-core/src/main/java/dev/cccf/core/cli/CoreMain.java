package dev.cccf.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code java -jar cccf-core.jar validate|random ...}. */
public final class CoreMain {
    private CoreMain() {
    }

    public static void main(String[] args) {
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, run(args, streams));
    }

    public static int run(String[] args, Tool.Streams streams) {
        if (args.length == 2 && args[0].equals("--cds-training")) {
            Training.run(args[1], ValidateTool::new,
                    new String[] {"{dir}/app.json", "{dir}/current.json"},
                    new String[] {"--pretty", "{dir}/app.json"},
                    new String[] {"--yaml", "{dir}/app.json"},
                    new String[] {"{dir}/hosts.json"});
            return Training.run(args[1], RandomTool::new, new String[] {"3"});
        }
        return Tool.dispatch("cccf", args, tools(), streams, "cccf-core: validate cccf documents, make random ones.");
    }

    /** The tools of this jar, by the name that follows {@code cccf}. */
    public static Map<String, Function<Tool.Streams, Tool>> tools() {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("validate", ValidateTool::new);
        tools.put("random", RandomTool::new);
        return tools;
    }
}
