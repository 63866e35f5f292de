package dev.cccf.docker.compose;

import dev.cccf.core.Container;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The warnings and errors of one read of one compose file, each located in it. */
final class Problems {
    private final String source;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Problem> errors = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    /** The result: the containers only when there is no error; problems in file order. */
    Compose.Result result(List<Container> containers) {
        warnings.sort(Problem.BY_LOCATION);
        errors.sort(Problem.BY_LOCATION);
        return new Compose.Result(errors.isEmpty() ? containers : List.of(), warnings, errors);
    }

    private Location at(Mark m) {
        return m == null ? new Location(source, 1, 1) : new Location(source, m.getLine() + 1, m.getColumn() + 1);
    }

    void error(Mark m, String path, String code, String message) {
        errors.add(new Problem(at(m), path, code, message));
    }

    void error(Location at, String path, String code, String message) {
        errors.add(new Problem(at, path, code, message));
    }

    void error(Node n, String path, String code, String message) {
        error(n.getStartMark(), path, code, message);
    }

    /** A rule's problem (its path below {@code path}), when there is one, as an error at {@code at}. */
    void error(Node at, String path, Problem v) {
        if (v != null) {
            error(at, path + v.path(), v.code(), v.message());
        }
    }

    void warn(Node n, String path, String code, String message) {
        warnings.add(Problem.warning(at(n.getStartMark()), path, code, message));
    }
}
