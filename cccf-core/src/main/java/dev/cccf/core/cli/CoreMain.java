package dev.cccf.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code java -jar cccf-core.jar validate|random ...}. */
public final class CoreMain {
    private CoreMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Tool.Streams.system()));
    }

    public static int run(String[] args, Tool.Streams streams) {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("validate", ValidateTool::new);
        tools.put("random", RandomTool::new);
        return Tool.dispatch("cccf", args, tools, streams, "cccf-core: validate cccf documents, make random ones.");
    }
}
