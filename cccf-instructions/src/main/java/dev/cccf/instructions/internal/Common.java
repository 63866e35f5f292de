package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Rules;
import dev.cccf.instructions.Issue;
import dev.cccf.instructions.Options;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and helpers every target shares. */
public final class Common {
    /** Fields that tell cccf where and in which order to run a container, never docker flags. */
    public static final Set<String> PLACEMENT = Set.of("depends_on", "constraints", "conflicts", "global");
    /** A docker endpoint URL: used as it is. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    /** Extension field names that may become flags. */
    static final Pattern FIELD = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private Common() {
    }

    /** Checks what every instruction needs: a name and image docker cannot mistake for options. */
    public static void checkNames(Container c, Issues issues) {
        if (c.name().startsWith("-")) {
            issues.error(c, ".id", Issue.LEADING_DASH, "id " + Rules.quote(c.id())
                    + " starts with '-': docker would read it as an option");
        }
        if (c.image().startsWith("-")) {
            issues.error(c, ".image", Issue.LEADING_DASH, "image " + Rules.quote(c.image())
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
            issues.error(c, ".host", Issue.UNKNOWN_HOST, "host " + Rules.quote(host)
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
            issues.error(c, ".cmd", Issue.CMD_SYNTAX, "cmd: " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The containers, each after the ones it depends on (cccf-core's {@link Dependencies#order});
     * a malformed {@code depends_on} and a dependency cycle are errors.
     */
    public static List<Container> dependencyOrder(List<Container> containers, Issues issues) {
        for (Container c : containers) {
            Dependencies.malformed(c).forEach((field, message) -> issues.error(c, field, Issue.DEPENDS_ON_TYPE, message));
        }
        Dependencies.Order order = Dependencies.order(containers);
        order.cycle().ifPresent(cycle -> issues.error(cycle.container(), cycle.field(), Issue.DEPENDENCY_CYCLE, cycle.message()));
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
                issues.error(c, "", Issue.NUL_CHARACTER, "a value holds a NUL character, which no command argument can carry: "
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

    /** True when a field name may become a flag; an error otherwise. */
    static boolean checkFieldName(Container c, String name, Issues issues) {
        if (FIELD.matcher(name).matches()) {
            return true;
        }
        issues.error(c, fieldPath(name), Issue.FIELD_NAME,
                "field " + Rules.quote(name) + " would become a docker option; its name must match"
                        + " [a-z0-9][a-z0-9_-]* (leave it out with --exclude)");
        return false;
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
