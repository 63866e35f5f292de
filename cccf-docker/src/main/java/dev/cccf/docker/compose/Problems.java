package dev.cccf.docker.compose;

import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The warnings and errors of one read, each located in the file it comes from: a read may take
 * several files ({@code -f}, {@code extends}, {@code include}, {@code .env}), so each node
 * knows its file ({@link #adopt}), and a problem placed at a node names that node's file.
 */
final class Problems {
    private final String source;
    private final Shared shared;

    /** What every file's view of one read shares. */
    private static final class Shared {
        final List<Problem> warnings = new ArrayList<>();
        final List<Problem> errors = new ArrayList<>();
        final Map<Node, String> sourceOf = new IdentityHashMap<>();
    }

    Problems(String source) {
        this(source, new Shared());
    }

    private Problems(String source, Shared shared) {
        this.source = source;
        this.shared = shared;
    }

    /** The same read's problems, placed in {@code file} where no node says otherwise. */
    Problems file(String file) {
        return new Problems(file, shared);
    }

    String source() {
        return source;
    }

    boolean hasErrors() {
        return !shared.errors.isEmpty();
    }

    /** Every node of the graph at {@code root} comes from this view's file. */
    void adopt(Node root) {
        List<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (shared.sourceOf.putIfAbsent(n, source) != null) {
                continue;
            }
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    todo.add(t.getKeyNode());
                    todo.add(t.getValueNode());
                }
            } else if (n instanceof SequenceNode s) {
                todo.addAll(s.getValue());
            }
        }
    }

    /** {@code made} (a substituted value, a merged mapping) stands where {@code from} stood. */
    void sameSource(Node made, Node from) {
        String file = shared.sourceOf.get(from);
        if (file != null) {
            shared.sourceOf.put(made, file);
        }
    }

    /** The file {@code n} comes from. */
    String sourceOf(Node n) {
        return shared.sourceOf.getOrDefault(n, source);
    }

    /** The result: the containers only when there is no error; problems in file order. */
    Compose.Result result(List<Container> containers, Declarations declarations) {
        List<Problem> warnings = new ArrayList<>(shared.warnings);
        List<Problem> errors = new ArrayList<>(shared.errors);
        warnings.sort(Problem.BY_LOCATION);
        errors.sort(Problem.BY_LOCATION);
        return new Compose.Result(errors.isEmpty() ? containers : List.of(), warnings, errors, declarations);
    }

    private Location at(Mark m) {
        return m == null ? new Location(source, 1, 1) : new Location(source, m.getLine() + 1, m.getColumn() + 1);
    }

    Location at(Node n) {
        Mark m = n.getStartMark();
        String file = sourceOf(n);
        return m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
    }

    void error(Mark m, String path, String code, String message) {
        shared.errors.add(new Problem(at(m), path, code, message));
    }

    void error(Location at, String path, String code, String message) {
        shared.errors.add(new Problem(at, path, code, message));
    }

    void error(Node n, String path, String code, String message) {
        error(at(n), path, code, message);
    }

    /** A rule's problem (its path below {@code path}), when there is one, as an error at {@code at}. */
    void error(Node at, String path, Problem v) {
        if (v != null) {
            error(at, path + v.path(), v.code(), v.message());
        }
    }

    void warn(Node n, String path, String code, String message) {
        warn(at(n), path, code, message);
    }

    void warn(Location at, String path, String code, String message) {
        shared.warnings.add(Problem.warning(at, path, code, message));
    }
}
