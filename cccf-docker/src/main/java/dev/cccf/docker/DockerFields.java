package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfReader;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Rules;
import dev.cccf.core.ShellWords;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docker fields of cccf: extension fields that cccf-docker gives a meaning, each with a check
 * and a stable rule code ({@code docker-FIELD}, see the module README).
 *
 * <pre>{@code
 * Document doc = DockerFields.reader().read(Path.of("app.yml"));  // core rules + docker fields
 * }</pre>
 */
public final class DockerFields {
    private DockerFields() {
    }

    public static final String RESTART = "restart";
    public static final String LABELS = "labels";
    public static final String NETWORK = "network";
    public static final String HOSTNAME = "hostname";
    public static final String USER = "user";
    public static final String WORKDIR = "workdir";
    public static final String ENTRYPOINT = "entrypoint";
    public static final String MEMORY = "memory";
    public static final String CPUS = "cpus";
    public static final String DNS = "dns";
    public static final String CAP_ADD = "cap_add";
    public static final String PRIVILEGED = "privileged";
    public static final String READ_ONLY = "read_only";
    public static final String VOLUMES_FROM = "volumes_from";
    public static final String DEPENDS_ON = "depends_on";
    public static final String HEALTHCHECK = "healthcheck";
    public static final String CONTAINER_NAME = "container_name";
    /** Written by {@code cccf inspect} for a container that is not running ({@code "exited"} ...). */
    public static final String STATE = "state";

    /** Labels under this prefix belong to cccf ({@link CccfLabels}); a document may not set them. */
    public static final String RESERVED_LABEL_PREFIX = "dev.cccf.";

    /** The states docker reports for a container. */
    public static final Set<String> STATES = Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    private static final Pattern RESTART_VALUE = Pattern.compile("no|always|unless-stopped|on-failure(?::\\d{1,6})?");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final Pattern NETWORK_VALUE = Pattern.compile("(?:container:)?[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern HOSTNAME_VALUE =
            Pattern.compile("(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern USER_VALUE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[^\\x00]*");
    // docker's units.RAMInBytes: "512m", "2g", "1.5GiB", "1024"
    private static final Pattern MEMORY_VALUE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9]+)?");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z][A-Za-z_]*");
    private static final Pattern VOLUMES_FROM_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(?::(?:ro|rw))?");
    private static final Pattern CONTAINER_NAME_VALUE = Pattern.compile("/?[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");
    private static final Set<String> HEALTHCHECK_KEYS =
            Set.of("test", "interval", "timeout", "start_period", "start_interval", "retries", "disable");

    private static final Map<String, FieldCheck> CHECKS = buildChecks();

    /** The reader of cccf documents with every docker field checked. */
    public static CccfReader reader() {
        return with(Cccf.reader());
    }

    /** {@code base} with every docker field checked too. */
    public static CccfReader with(CccfReader base) {
        CccfReader r = base;
        for (Map.Entry<String, FieldCheck> e : CHECKS.entrySet()) {
            r = r.withCheck(e.getKey(), e.getValue());
        }
        return r;
    }

    /** Each docker field and its check, in the order the README lists them. */
    public static Map<String, FieldCheck> checks() {
        return CHECKS;
    }

    private static Map<String, FieldCheck> buildChecks() {
        Map<String, FieldCheck> m = new LinkedHashMap<>();
        m.put(RESTART, DockerFields::checkRestart);
        m.put(LABELS, DockerFields::checkLabels);
        m.put(NETWORK, (v, r) -> pattern(v, r, NETWORK, NETWORK_VALUE,
                "a network mode or name: bridge, host, none, container:NAME or a network's name"));
        m.put(HOSTNAME, (v, r) -> pattern(v, r, HOSTNAME, HOSTNAME_VALUE,
                "a host name: letters, digits and '-' in dot-separated labels of at most 63 characters"));
        m.put(USER, (v, r) -> pattern(v, r, USER, USER_VALUE, "USER, UID, USER:GROUP or UID:GID"));
        m.put(WORKDIR, (v, r) -> pattern(v, r, WORKDIR, ABSOLUTE_PATH, "an absolute path inside the container"));
        m.put(ENTRYPOINT, DockerFields::checkEntrypoint);
        m.put(MEMORY, DockerFields::checkMemory);
        m.put(CPUS, DockerFields::checkCpus);
        m.put(DNS, (v, r) -> list(v, r, DNS, DockerFields::isIp, "an IP address such as \"8.8.8.8\""));
        m.put(CAP_ADD, (v, r) -> list(v, r, CAP_ADD, s -> CAPABILITY.matcher(s).matches(),
                "a capability name such as \"NET_ADMIN\""));
        m.put(PRIVILEGED, (v, r) -> bool(v, r, PRIVILEGED));
        m.put(READ_ONLY, (v, r) -> bool(v, r, READ_ONLY));
        m.put(VOLUMES_FROM, (v, r) -> list(v, r, VOLUMES_FROM, s -> VOLUMES_FROM_VALUE.matcher(s).matches(),
                "a container name, optionally NAME:ro or NAME:rw"));
        m.put(DEPENDS_ON, (v, r) -> list(v, r, DEPENDS_ON, s -> Rules.checkId(s) == null, "a container id"));
        m.put(HEALTHCHECK, DockerFields::checkHealthcheck);
        m.put(CONTAINER_NAME, (v, r) -> pattern(v, r, CONTAINER_NAME, CONTAINER_NAME_VALUE,
                "a docker container name: a letter or digit, then letters, digits, '_', '.' or '-'"));
        m.put(STATE, (v, r) -> {
            if (!v.isTextual() || !STATES.contains(v.textValue())) {
                r.problem("", code(STATE), "state must be one of " + String.join(", ", new TreeSet<>(STATES)));
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** The rule code of a field: {@code docker-} and the field name with '-' for '_'. */
    public static String code(String field) {
        return "docker-" + field.replace('_', '-');
    }

    /** The code of a label whose key starts with {@link #RESERVED_LABEL_PREFIX}. */
    public static final String RESERVED_LABEL = "docker-reserved-label";

    /** A problem one check found: below which sub-path, its code and message. */
    public record Violation(String subPath, String code, String message) {
    }

    /** Runs the check of {@code field} on {@code value}; empty when fine or when the field is not a docker field. */
    public static List<Violation> check(String field, JsonNode value) {
        FieldCheck c = CHECKS.get(field);
        if (c == null) {
            return List.of();
        }
        List<Violation> found = new ArrayList<>();
        c.check(value, (sub, code, message) -> found.add(new Violation(sub, code, message)));
        return List.copyOf(found);
    }

    // ------------------------------------------------------------------ memory and cpus

    /**
     * Bytes of a docker memory value: an integer number of bytes, or a string such as
     * {@code "512m"}, {@code "2g"}, {@code "1.5GiB"} (units are powers of 1024, as in docker).
     *
     * @return the bytes, or -1 when the value is not a memory value
     */
    public static long memoryBytes(JsonNode value) {
        if (value == null) {
            return -1;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() && value.longValue() >= 0 ? value.longValue() : -1;
        }
        if (!value.isTextual()) {
            return -1;
        }
        return memoryBytes(value.textValue());
    }

    /** @see #memoryBytes(JsonNode) */
    public static long memoryBytes(String text) {
        Matcher m = MEMORY_VALUE.matcher(text.trim());
        if (!m.matches() || m.group(1).length() > 30) {
            return -1;
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int power = "kmgtp".indexOf(unit.isEmpty() ? "x" : unit) + 1;
        BigDecimal bytes = n.multiply(BigDecimal.valueOf(1024).pow(power));
        try {
            return bytes.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Docker's short form of a number of bytes: {@code "2g"}, {@code "512m"}, {@code "64k"}, else the digits. */
    public static String formatMemory(long bytes) {
        String[] units = {"p", "t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long size = 1L << (10 * (5 - i));
            if (bytes >= size && bytes % size == 0) {
                return bytes / size + units[i];
            }
        }
        return Long.toString(bytes);
    }

    // ------------------------------------------------------------------ checks

    private static void checkRestart(JsonNode v, FieldCheck.Report r) {
        if (!v.isTextual() || !RESTART_VALUE.matcher(v.textValue()).matches()) {
            r.problem("", code(RESTART), "restart must be \"no\", \"always\", \"unless-stopped\", \"on-failure\" or "
                    + "\"on-failure:N\", not " + show(v));
        }
    }

    private static void checkLabels(JsonNode v, FieldCheck.Report r) {
        if (!v.isObject()) {
            r.problem("", code(LABELS), "labels must be an object of KEY: \"value\", not " + show(v));
            return;
        }
        v.properties().forEach(e -> {
            String key = e.getKey();
            String sub = "[" + Rules.quote(key) + "]";
            if (!LABEL_KEY.matcher(key).matches()) {
                r.problem(sub, code(LABELS), "label key " + Rules.quote(key)
                        + " must start with a letter or digit and hold only letters, digits, '.', '_', '/' and '-'");
            } else if (key.startsWith(RESERVED_LABEL_PREFIX)) {
                r.problem(sub, RESERVED_LABEL, "label " + Rules.quote(key) + " is reserved: labels under "
                        + RESERVED_LABEL_PREFIX + " record what cccf created");
            }
            if (!e.getValue().isTextual()) {
                r.problem(sub, code(LABELS), "label " + Rules.quote(key) + " must have a string value, not " + show(e.getValue()));
            }
        });
    }

    private static void checkEntrypoint(JsonNode v, FieldCheck.Report r) {
        if (v.isTextual()) {
            try {
                ShellWords.split(v.textValue());
            } catch (IllegalArgumentException e) {
                r.problem("", code(ENTRYPOINT), "entrypoint " + Rules.quote(v.textValue()) + ": " + e.getMessage());
            }
            return;
        }
        if (!v.isArray()) {
            r.problem("", code(ENTRYPOINT), "entrypoint must be a string or an array of strings, not " + show(v));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                r.problem("[" + i + "]", code(ENTRYPOINT), "entrypoint arguments must be strings, not " + show(v.get(i)));
            }
        }
    }

    private static void checkMemory(JsonNode v, FieldCheck.Report r) {
        if (memoryBytes(v) <= 0) {
            r.problem("", code(MEMORY), "memory must be a positive number of bytes or a docker size such as \"512m\" "
                    + "or \"2g\", not " + show(v));
        }
    }

    private static void checkCpus(JsonNode v, FieldCheck.Report r) {
        if (!v.isNumber() || v.decimalValue().signum() <= 0 || v.decimalValue().compareTo(BigDecimal.valueOf(100_000)) > 0) {
            r.problem("", code(CPUS), "cpus must be a number greater than 0, such as 0.5 or 2, not " + show(v));
        }
    }

    private static void checkHealthcheck(JsonNode v, FieldCheck.Report r) {
        String code = code(HEALTHCHECK);
        if (!v.isObject()) {
            r.problem("", code, "healthcheck must be an object with test, interval, timeout, start_period, retries, disable");
            return;
        }
        v.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode x = e.getValue();
            String sub = Rules.pathStep(key);
            switch (key) {
                case "test" -> {
                    boolean ok = x.isTextual() || (x.isArray() && !x.isEmpty());
                    for (JsonNode word : x) {
                        ok &= word.isTextual();
                    }
                    if (!ok) {
                        r.problem(sub, code, "healthcheck test must be a command string or a non-empty array of strings "
                                + "such as [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]");
                    }
                }
                case "interval", "timeout", "start_period", "start_interval" -> {
                    if (!x.isTextual() || !DURATION.matcher(x.textValue()).matches()) {
                        r.problem(sub, code, "healthcheck " + key + " must be a duration such as \"30s\" or \"1m30s\", not "
                                + show(x));
                    }
                }
                case "retries" -> {
                    if (!x.isIntegralNumber() || x.longValue() < 0 || x.longValue() > Integer.MAX_VALUE) {
                        r.problem(sub, code, "healthcheck retries must be an integer >= 0, not " + show(x));
                    }
                }
                case "disable" -> {
                    if (!x.isBoolean()) {
                        r.problem(sub, code, "healthcheck disable must be true or false, not " + show(x));
                    }
                }
                default -> r.problem(sub, code, "unknown healthcheck key " + Rules.quote(key) + "; known: "
                        + String.join(", ", new TreeSet<>(HEALTHCHECK_KEYS)));
            }
        });
    }

    private static void pattern(JsonNode v, FieldCheck.Report r, String field, Pattern p, String what) {
        if (!v.isTextual() || !p.matcher(v.textValue()).matches()) {
            r.problem("", code(field), field + " must be " + what + ", not " + show(v));
        }
    }

    private static void bool(JsonNode v, FieldCheck.Report r, String field) {
        if (!v.isBoolean()) {
            r.problem("", code(field), field + " must be true or false, not " + show(v));
        }
    }

    private static void list(JsonNode v, FieldCheck.Report r, String field, Predicate<String> ok, String what) {
        if (!v.isArray()) {
            r.problem("", code(field), field + " must be an array of strings, not " + show(v));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || !ok.test(item.textValue())) {
                r.problem("[" + i + "]", code(field), field + " items must be " + what + ", not " + show(item));
            }
        }
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || (IPV6.matcher(s).matches() && s.length() <= 64);
    }

    /** A value as it appears in a message. */
    static String show(JsonNode v) {
        if (v.isTextual()) {
            return Rules.quote(v.textValue());
        }
        if (v.isContainerNode()) {
            return v.isArray() ? "an array" : "an object";
        }
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
