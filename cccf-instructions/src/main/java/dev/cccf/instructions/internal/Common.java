package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.instructions.InstructionRules;
import dev.cccf.instructions.Options;
import java.util.List;
import java.util.regex.Pattern;

/** Checks and helpers every target shares. */
public final class Common {
    /** A docker endpoint URL: used as it is. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    private Common() {
    }

    /** Checks what every instruction needs: a name and image docker cannot mistake for options. */
    public static void checkNames(Container c, Issues issues) {
        if (c.name().startsWith("-")) {
            issues.error(c, ".id", InstructionRules.LEADING_DASH, "id " + Rules.quote(c.id())
                    + " starts with '-': docker would read it as an option");
        }
        if (c.image().startsWith("-")) {
            issues.error(c, ".image", InstructionRules.LEADING_DASH, "image " + Rules.quote(c.image())
                    + " starts with '-': docker would read it as an option");
        }
    }

    /** The docker endpoint of the container's host, or {@code null} when it has none (or it is unknown). */
    public static String endpoint(Container c, Options options, Issues issues) {
        String host = c.host();
        if (host == null) {
            return null;
        }
        if (URL.matcher(host).matches()) {
            return host;
        }
        String endpoint = options.hosts().get(host);
        if (endpoint == null) {
            issues.error(c, ".host", InstructionRules.UNKNOWN_HOST, "host " + Rules.quote(host)
                    + (options.hosts().isEmpty()
                            ? " is not a docker URL (tcp://, unix://, ssh://): give the hosts file with --hosts FILE"
                            : " is neither a docker URL (tcp://, unix://, ssh://) nor a host of the hosts file"));
        }
        return endpoint;
    }

    /** {@code ["docker"]} or {@code ["docker", "-H=URL"]}. */
    public static List<String> docker(String endpoint) {
        return endpoint == null ? List.of("docker") : List.of("docker", "-H=" + endpoint);
    }

    /** The command's words, or an error when a cmd string's quotes are never closed. */
    public static List<String> cmdWords(Container c, Issues issues) {
        if (c.cmd() == null) {
            return List.of();
        }
        try {
            return c.cmd().words();
        } catch (IllegalArgumentException e) {
            issues.error(c, ".cmd", InstructionRules.CMD_SYNTAX, "cmd: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The containers, each after the ones it depends on (cccf-core's {@link Dependencies#order});
     * a malformed {@code depends_on} and a dependency cycle are errors.
     */
    public static List<Container> dependencyOrder(List<Container> containers, Issues issues) {
        for (Container c : containers) {
            Dependencies.malformed(c).forEach((field, message) -> issues.error(c, field, InstructionRules.DEPENDS_ON_TYPE, message));
        }
        Dependencies.Order order = Dependencies.order(containers);
        order.cycle().ifPresent(cycle -> issues.error(cycle.container(), cycle.field(), InstructionRules.DEPENDENCY_CYCLE, cycle.message()));
        return order.containers();
    }

    /** The id a link names (cccf-core's {@link Dependencies#linkTarget}). */
    public static String linkTarget(String link) {
        return Dependencies.linkTarget(link);
    }

    /** A link as docker takes it (cccf-core's {@link Dependencies#linkSpec}). */
    public static String linkSpec(String link) {
        return Dependencies.linkSpec(link);
    }

    /** Errors for every argument holding a NUL character (no argv can carry one). */
    public static void checkNul(Container c, List<String> argv, Issues issues) {
        for (String word : argv) {
            if (word.indexOf('\0') >= 0) {
                issues.error(c, "", InstructionRules.NUL_CHARACTER, "a value holds a NUL character, which no command argument can carry: "
                        + Rules.quote(word));
                return;
            }
        }
    }

    /** Adds {@code flag=value} for each value of a core list field, unless the field is excluded. */
    static void repeat(String field, List<String> values, String flag, Options options, List<String> out) {
        if (!options.exclude().contains(field)) {
            values.forEach(v -> out.add(flag + "=" + v));
        }
    }

    /** What a target does with one field of the table that a container holds. */
    @FunctionalInterface
    interface FieldUse {
        void use(String name, DockerField field, JsonNode value);
    }

    /**
     * Hands {@code use} each extension field of {@code c} that the table knows and that is not
     * excluded, in the container's order. A value that fails the field's check is an error with
     * the field's rule code (the readers report it first, located; this guards API callers).
     * Reserved {@code dev.cccf.*} labels are refused in documents only: cccf's own tools set
     * them ({@code cccf plan --labels}).
     */
    static void eachField(Container c, Options options, Issues issues, FieldUse use) {
        c.extensions().forEach((name, value) -> {
            DockerField field = FieldTable.get(name);
            if (field == null || options.exclude().contains(name)) {
                return;
            }
            List<Problem> violations = FieldTable.check(name, value).stream()
                    .filter(v -> !v.code().equals(FieldTable.RESERVED_LABEL)).toList();
            violations.forEach(v -> issues.error(c, fieldPath(name) + v.path(), v.code(), v.message()));
            if (violations.isEmpty()) {
                use.use(name, field, value);
            }
        });
    }

    /** A warning that {@code target} leaves a field out, with the table's reason. */
    static void notCarried(Container c, String name, String target, String reason, Issues issues) {
        issues.warning(c, fieldPath(name), InstructionRules.UNSUPPORTED_FIELD,
                target + " does not carry " + name + " (" + reason + "); left out (--exclude " + name + " to silence)");
    }

    /** The JSON path of a field below its container, as cccf-core writes it. */
    public static String fieldPath(String name) {
        return Rules.pathStep(name);
    }

    /** A scalar as the text of a flag value; {@code null} for an object or array. */
    static String scalar(JsonNode v) {
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
