package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import dev.cccf.docker.compose.NodeReader.Item;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A service's {@code environment}, a mapping ({@code KEY: value}) or a list ({@code KEY=value}),
 * as cccf {@code env} entries. An entry without a value takes it from the shell running compose,
 * which cccf cannot: a warning, and left out.
 */
final class EnvGrammar {
    private final NodeReader nodes;
    private final Problems problems;

    EnvGrammar(NodeReader nodes, Problems problems) {
        this.nodes = nodes;
        this.problems = problems;
    }

    List<String> environment(Node v, String path) {
        List<String> env = new ArrayList<>();
        if (v instanceof MappingNode) {
            nodes.mapping(v, path, "environment").forEach((key, t) -> {
                Node value = t.getValueNode();
                String p = path + Rules.pathStep(key);
                if (value instanceof ScalarNode s && NodeReader.isNull(s)) {
                    problems.warn(t.getKeyNode(), p, Compose.PARTIAL, "environment " + Rules.quote(key)
                            + " takes its value from the shell running compose: not carried");
                    return;
                }
                String text = nodes.scalarText(value, p);
                if (text != null) {
                    add(key + "=" + text, t.getKeyNode(), p, env);
                }
            });
            return env;
        }
        for (Item i : nodes.items(v, path)) {
            String text = nodes.scalarText(i.node(), i.path());
            if (text == null) {
                continue;
            }
            if (!text.contains("=")) {
                problems.warn(i.node(), i.path(), Compose.PARTIAL, "environment " + Rules.quote(text)
                        + " takes its value from the shell running compose: not carried");
                continue;
            }
            add(text, i.node(), i.path(), env);
        }
        return env;
    }

    private void add(String entry, Node at, String path, List<String> env) {
        String problem = Rules.checkEnv(entry);
        if (problem != null) {
            problems.error(at, path, Rules.ENV_FORMAT, problem);
        }
        env.add(entry);
    }
}
