package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Rules;
import dev.cccf.core.ShellWords;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code healthcheck} field, compose style: {@code test} (a shell string, or
 * {@code ["CMD", args...]}, {@code ["CMD-SHELL", line]}, {@code ["NONE"]}), the durations
 * {@code interval}, {@code timeout}, {@code start_period}, {@code start_interval}
 * ({@code "1m30s"}), {@code retries} and {@code disable}.
 */
final class Healthcheck {
    static final String CODE = "docker-healthcheck";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Set<String> KEYS = Set.of("test", "interval", "timeout", "start_period", "start_interval", "retries",
            "disable");
    /** cccf's duration keys and the Engine API's names of them. */
    private static final String[][] DURATIONS = {{"interval", "Interval"}, {"timeout", "Timeout"},
            {"start_period", "StartPeriod"}, {"start_interval", "StartInterval"}};

    private Healthcheck() {
    }

    static void check(JsonNode v, FieldCheck.Report r) {
        if (!v.isObject()) {
            r.problem("", CODE, "healthcheck must be an object with test, interval, timeout, start_period, retries, disable");
            return;
        }
        v.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode x = e.getValue();
            String sub = Rules.pathStep(key);
            switch (key) {
                case "test" -> {
                    if (shellLine(x) == null) {
                        r.problem(sub, CODE, "healthcheck test must be a command string, [\"CMD\", args...], "
                                + "[\"CMD-SHELL\", command] or [\"NONE\"], such as [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]");
                    }
                }
                case "interval", "timeout", "start_period", "start_interval" -> {
                    if (!x.isTextual() || !isDuration(x.textValue())) {
                        r.problem(sub, CODE, "healthcheck " + key + " must be a duration such as \"30s\" or \"1m30s\", not "
                                + Show.value(x));
                    }
                }
                case "retries" -> {
                    if (!x.isIntegralNumber() || x.longValue() < 0 || x.longValue() > Integer.MAX_VALUE) {
                        r.problem(sub, CODE, "healthcheck retries must be an integer >= 0, not " + Show.value(x));
                    }
                }
                case "disable" -> {
                    if (!x.isBoolean()) {
                        r.problem(sub, CODE, "healthcheck disable must be true or false, not " + Show.value(x));
                    }
                }
                default -> r.problem(sub, CODE, "unknown healthcheck key " + Rules.quote(key) + "; known: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        });
    }

    /**
     * The shell line {@code docker run --health-cmd} takes for a test (docker runs it with
     * {@code /bin/sh -c}, so CMD words are quoted to come back as they are); empty for NONE;
     * {@code null} when malformed.
     */
    static String shellLine(JsonNode test) {
        if (test.isTextual()) {
            return test.textValue();
        }
        if (!test.isArray() || test.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (JsonNode w : test) {
            if (!w.isTextual()) {
                return null;
            }
            words.add(w.textValue());
        }
        if (words.stream().anyMatch(w -> w.indexOf('\0') >= 0)) {
            return null; // no command argument can carry it
        }
        return switch (words.get(0)) {
            case "NONE" -> words.size() == 1 ? "" : null;
            case "CMD-SHELL" -> words.size() == 2 ? words.get(1) : null;
            case "CMD" -> words.size() > 1 ? ShellWords.quoteLine(words.subList(1, words.size())) : null;
            default -> null;
        };
    }

    /** {@code docker run}'s options: {@code --health-cmd}, {@code --health-interval} ... or {@code --no-healthcheck}. */
    static List<String> runFlags(JsonNode h) {
        List<String> out = new ArrayList<>();
        if (h.path("disable").asBoolean(false)) {
            return List.of("--no-healthcheck");
        }
        h.properties().forEach(e -> {
            String key = e.getKey();
            if (key.equals("test")) {
                String line = shellLine(e.getValue());
                out.add(line.isEmpty() ? "--no-healthcheck" : "--health-cmd=" + line);
            } else if (!key.equals("disable")) {
                out.add("--health-" + key.replace('_', '-') + "=" + e.getValue().asText());
            }
        });
        return out;
    }

    /** The Engine API's {@code Healthcheck} as {@code docker run} makes it: durations in nanoseconds, the test a {@code CMD-SHELL} line. */
    static ObjectNode body(JsonNode h) {
        ObjectNode o = F.objectNode();
        if (h.path("disable").asBoolean(false)) {
            o.set("Test", FieldTable.array(List.of("NONE")));
            return o;
        }
        // as docker run --health-cmd sends it: a shell line (CMD words quoted), so plan and apply agree
        JsonNode test = h.get("test");
        if (test != null) {
            String line = shellLine(test);
            o.set("Test", FieldTable.array(line.isEmpty() ? List.of("NONE") : List.of("CMD-SHELL", line)));
        }
        for (String[] k : DURATIONS) {
            if (h.has(k[0])) {
                o.put(k[1], nanos(h.get(k[0]).asText()));
            }
        }
        if (h.has("retries")) {
            o.put("Retries", h.get("retries").asInt());
        }
        return o;
    }

    /** Docker's healthcheck (nanosecond durations) in the cccf form (duration strings). */
    static ObjectNode fromBody(JsonNode h) {
        ObjectNode o = F.objectNode();
        JsonNode test = h.path("Test");
        if (test.isArray() && test.size() == 1 && test.get(0).asText().equals("NONE")) {
            o.put("disable", true);
            return o;
        }
        if (test.isArray() && test.size() == 2 && test.get(0).asText().equals("CMD-SHELL")) {
            o.put("test", test.get(1).asText()); // what --health-cmd makes: a shell line
        } else if (test.isArray() && !test.isEmpty()) {
            ArrayNode a = o.putArray("test");
            test.forEach(w -> a.add(w.asText()));
        }
        for (String[] k : DURATIONS) {
            long n = h.path(k[1]).asLong(0);
            if (n > 0) {
                o.put(k[0], formatDuration(n));
            }
        }
        if (h.path("Retries").asInt(0) > 0) {
            o.put("retries", h.path("Retries").asInt());
        }
        return o;
    }

    /** True for docker's duration syntax: {@code "10s"}, {@code "1m30s"}, {@code "500ms"}. */
    static boolean isDuration(String s) {
        return DURATION.matcher(s).matches();
    }

    /** Docker's duration syntax in nanoseconds: {@code "1m30s"} -> 90000000000. */
    static long nanos(String duration) {
        Matcher m = DURATION_PART.matcher(duration);
        BigDecimal total = BigDecimal.ZERO;
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return total.longValue();
    }

    /** Nanoseconds as a docker duration: {@code 90000000000} -> {@code "1m30s"}. */
    static String formatDuration(long nanos) {
        if (nanos % 1_000_000_000L != 0) {
            return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
        }
        long s = nanos / 1_000_000_000L;
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
