package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import dev.cccf.docker.compose.NodeReader.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A service's {@code environment}, a mapping ({@code KEY: value}) or a list ({@code KEY=value}),
 * as cccf {@code env} entries. An entry without a value takes it from the project's variables
 * (the environment and the {@code .env} file), as compose does; when it is not set there, compose
 * leaves it out of the container: so does cccf, with a warning.
 */
final class EnvGrammar {
    private final NodeReader nodes;
    private final Problems problems;
    private final Map<String, String> variables;

    EnvGrammar(NodeReader nodes, Problems problems, Map<String, String> variables) {
        this.nodes = nodes;
        this.problems = problems;
        this.variables = variables;
    }

    List<String> environment(Node v, String path) {
        List<String> env = new ArrayList<>();
        if (v instanceof MappingNode) {
            nodes.mapping(v, path, "environment").forEach((key, t) -> {
                Node value = t.getValueNode();
                String p = path + Rules.pathStep(key);
                if (value instanceof ScalarNode s && NodeReader.isNull(s)) {
                    fromVariables(key, t.getKeyNode(), p, env);
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
                fromVariables(text, i.node(), i.path(), env);
                continue;
            }
            add(text, i.node(), i.path(), env);
        }
        return env;
    }

    private void fromVariables(String key, Node at, String path, List<String> env) {
        String value = variables.get(key);
        if (value == null) {
            problems.warn(at, path, Compose.PARTIAL, "environment " + Rules.quote(key)
                    + " takes its value from the environment, where it is not set: left out, as compose leaves it");
            return;
        }
        add(key + "=" + value, at, path, env);
    }

    private void add(String entry, Node at, String path, List<String> env) {
        String problem = Rules.checkEnv(entry);
        if (problem != null) {
            problems.error(at, path, Rules.ENV_FORMAT, problem);
        }
        env.add(entry);
    }
}
