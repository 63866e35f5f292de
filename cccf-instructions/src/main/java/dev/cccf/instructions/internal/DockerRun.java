package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.instructions.Issue;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code docker run} for one container: the docker target's and the systemd target's. */
public final class DockerRun {
    /** Extension fields whose docker option has another name. */
    private static final Map<String, String> RENAMED = Map.of(
            "labels", "label",
            "extra_hosts", "add-host",
            "devices", "device",
            "ulimits", "ulimit",
            "sysctls", "sysctl",
            "tmpfs", "tmpfs");

    private DockerRun() {
    }

    /**
     * {@code docker [-H=URL] run [-d] --name=NAME -p=.. --env=.. --volume=.. --expose=.. --link=..
     * [extension options] [extra options] IMAGE [CMD...]}.
     */
    public static List<String> argv(Container c, Options options, boolean detach, Issues issues) {
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(c, options, issues)));
        argv.add("run");
        if (detach) {
            argv.add("-d");
        }
        argv.addAll(options(c, options, issues));
        argv.add(c.image());
        argv.addAll(Common.cmdWords(c, issues));
        Common.checkNul(c, argv, issues);
        return argv;
    }

    /** The options between {@code run} and the image. */
    static List<String> options(Container c, Options options, Issues issues) {
        List<String> out = new ArrayList<>();
        out.add("--name=" + c.name());
        Common.repeat("ports", c.ports(), "-p", options, out);
        Common.repeat("env", c.env(), "--env", options, out);
        Common.repeat("volumes", c.volumes(), "--volume", options, out);
        Common.repeat("expose", c.expose(), "--expose", options, out);
        Common.repeat("links", c.links().stream().map(Common::linkSpec).toList(), "--link", options, out);
        var exclude = options.exclude();
        c.extensions().forEach((name, value) -> {
            if (!exclude.contains(name) && !Common.PLACEMENT.contains(name) && Common.checkFieldName(c, name, issues)) {
                out.addAll(extension(c, name, value, issues));
            }
        });
        out.addAll(options.runArgs());
        return out;
    }

    /**
     * One extension field as options: a scalar {@code --field=value}; true {@code --field}, false or
     * null nothing; an array one option per item; an object one {@code --field=key=value} per entry.
     * Underscores become dashes ({@code cap_add} is {@code --cap-add}).
     */
    static List<String> extension(Container c, String name, JsonNode value, Issues issues) {
        if (name.equals("healthcheck")) {
            return healthcheck(c, value, issues);
        }
        String flag = "--" + RENAMED.getOrDefault(name, name.replace('_', '-'));
        List<String> out = new ArrayList<>();
        String path = Common.fieldPath(name);
        if (value.isBoolean()) {
            if (value.booleanValue()) {
                out.add(flag);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String s = Common.scalar(value.get(i));
                if (s == null) {
                    issues.error(c, path + "[" + i + "]", Issue.FIELD_VALUE,
                            name + " items must be strings, numbers or booleans to become " + flag + " options");
                } else {
                    out.add(flag + "=" + s);
                }
            }
        } else if (value.isObject()) {
            value.properties().forEach(e -> {
                JsonNode v = e.getValue();
                String s = Common.scalar(v);
                if (v.isNull()) {
                    out.add(flag + "=" + e.getKey());
                } else if (s == null) {
                    issues.error(c, path + Common.fieldPath(e.getKey()), Issue.FIELD_VALUE,
                            name + " values must be strings, numbers or booleans to become " + flag + " KEY=VALUE options");
                } else {
                    out.add(flag + "=" + e.getKey() + "=" + s);
                }
            });
        } else if (!value.isNull()) {
            out.add(flag + "=" + value.asText());
        }
        return out;
    }

    /**
     * The compose-style {@code healthcheck} object as docker's {@code --health-*} options:
     * {@code test} (a shell string, {@code ["CMD-SHELL", s]}, {@code ["CMD", args...]} or
     * {@code ["NONE"]}), {@code interval}, {@code timeout}, {@code retries}, {@code start_period},
     * {@code disable}.
     */
    static List<String> healthcheck(Container c, JsonNode value, Issues issues) {
        List<String> out = new ArrayList<>();
        if (!value.isObject()) {
            issues.error(c, ".healthcheck", Issue.FIELD_VALUE, "healthcheck must be an object (test, interval, timeout, retries, start_period)");
            return out;
        }
        var fields = value.properties().iterator();
        while (fields.hasNext()) {
            var e = fields.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("disable")) {
                if (v.asBoolean()) {
                    out.add("--no-healthcheck");
                }
            } else if (key.equals("test")) {
                String cmd = healthCmd(v);
                if (cmd == null) {
                    issues.error(c, ".healthcheck.test", Issue.FIELD_VALUE,
                            "healthcheck.test must be a string, [\"CMD-SHELL\", cmd], [\"CMD\", args...] or [\"NONE\"]");
                } else if (cmd.isEmpty()) {
                    out.add("--no-healthcheck");
                } else {
                    out.add("--health-cmd=" + cmd);
                }
            } else if (Common.FIELD.matcher(key).matches() && Common.scalar(v) != null) {
                out.add("--health-" + key.replace('_', '-') + "=" + Common.scalar(v));
            } else {
                issues.error(c, ".healthcheck" + Common.fieldPath(key), Issue.FIELD_VALUE,
                        "healthcheck fields must be named [a-z0-9_-] and hold a string or number");
            }
        }
        return out;
    }

    /** The shell command of a healthcheck test; empty for NONE; {@code null} when malformed. */
    private static String healthCmd(JsonNode test) {
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
        return switch (words.get(0)) {
            case "NONE" -> "";
            case "CMD-SHELL" -> words.size() == 2 ? words.get(1) : null;
            // docker runs --health-cmd with /bin/sh -c: quote the words so it gets them back as they are
            case "CMD" -> words.size() > 1 && words.stream().noneMatch(w -> w.indexOf('\0') >= 0) ? Shell.line(words.subList(1, words.size())) : null;
            default -> null;
        };
    }
}
