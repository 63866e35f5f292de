package dev.cccf.instructions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.instructions.InstructionRules;
import dev.cccf.instructions.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One systemd unit per container: {@code docker run} in the foreground under
 * {@code Restart=always}, and fleet's {@code [X-Fleet]} section from {@code conflicts},
 * {@code global} and {@code constraints}.
 */
public final class Systemd {
    /** The docker client; fleet's systemd wants an absolute path. */
    public static final String DOCKER = "/usr/bin/docker";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_*?.\\[\\]/-]+");
    private static final Pattern METADATA = Pattern.compile("[A-Za-z0-9_.-]+");

    private Systemd() {
    }

    /** The unit's file name: {@code NAME.service}. */
    public static String unitName(Container c) {
        return c.name() + ".service";
    }

    /** The unit's text. {@code dependencies} are the names this container needs (they get After= and Requires=). */
    public static String unit(Container c, Set<String> dependencies, Options options, Issues issues) {
        // docker run; on several networks: create, connect each other one, start -a (ExecStartPre, then ExecStart)
        List<List<String>> steps = new ArrayList<>();
        for (List<String> step : DockerRun.commands(c, options, false, issues)) {
            List<String> s = new ArrayList<>(step);
            s.set(0, DOCKER);
            steps.add(s);
        }
        List<String> run = steps.get(steps.size() - 1);
        List<String> first = steps.get(0);
        List<String> docker = new ArrayList<>(first.subList(0, first.get(1).startsWith("-H=") ? 2 : 1)); // docker [-H=URL]
        StringBuilder u = new StringBuilder();
        u.append("[Unit]\n");
        u.append("Description=").append(text("cccf container " + c.name() + " (" + c.image() + ")")).append('\n');
        u.append("After=docker.service");
        dependencies.forEach(d -> u.append(' ').append(d).append(".service"));
        u.append('\n');
        u.append("Requires=docker.service");
        dependencies.forEach(d -> u.append(' ').append(d).append(".service"));
        u.append("\n\n[Service]\n");
        u.append("TimeoutStartSec=0\n");
        u.append("Restart=always\n");
        u.append("ExecStartPre=-").append(exec(concat(docker, "rm", "-f", c.name()))).append('\n');
        for (List<String> pre : steps.subList(0, steps.size() - 1)) {
            u.append("ExecStartPre=").append(exec(pre)).append('\n');
        }
        u.append("ExecStart=").append(exec(run)).append('\n');
        u.append("ExecStop=").append(exec(concat(docker, "stop", c.name()))).append('\n');
        u.append("\n[Install]\nWantedBy=multi-user.target\n");
        List<String> fleet = fleet(c, issues);
        if (!fleet.isEmpty()) {
            u.append("\n[X-Fleet]\n");
            fleet.forEach(l -> u.append(l).append('\n'));
        }
        return u.toString();
    }

    private static List<String> fleet(Container c, Issues issues) {
        List<String> lines = new ArrayList<>();
        c.extension("conflicts").ifPresent(v -> {
            List<JsonNode> items = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(items::add);
            } else {
                items.add(v);
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode g = items.get(i);
                if (g.isTextual() && GLOB.matcher(g.textValue()).matches()) {
                    lines.add("Conflicts=" + g.textValue() + ".service");
                } else {
                    issues.error(c, ".conflicts" + (v.isArray() ? "[" + i + "]" : ""), InstructionRules.FIELD_VALUE,
                            "conflicts must be id globs made of letters, digits and _-.*?[]");
                }
            }
        });
        if (c.extension("global").map(JsonNode::asBoolean).orElse(false)) {
            lines.add("Global=true");
        }
        c.extension("constraints").ifPresent(v -> {
            if (!v.isObject()) {
                issues.error(c, ".constraints", InstructionRules.FIELD_VALUE, "constraints must be an object: host label -> required value");
                return;
            }
            v.properties().forEach(e -> {
                String value = Common.scalar(e.getValue());
                if (value != null && METADATA.matcher(e.getKey()).matches() && METADATA.matcher(value).matches()) {
                    lines.add("MachineMetadata=" + e.getKey() + "=" + value);
                } else {
                    issues.error(c, ".constraints" + Common.fieldPath(e.getKey()), InstructionRules.FIELD_VALUE,
                            "a constraint must be made of letters, digits and _.- to become fleet MachineMetadata=");
                }
            });
        });
        return lines;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** A command line for {@code ExecStart=} and friends, each word escaped for systemd. */
    static String exec(List<String> argv) {
        return argv.stream().map(Systemd::word).collect(Collectors.joining(" "));
    }

    /**
     * One word of an {@code Exec*=} line, read back by systemd as it is: {@code %} (specifiers) is
     * {@code %%}, {@code $} (variables) is {@code $$}, and anything but safe characters goes in
     * double quotes with C escapes; a lone {@code ;} (a command separator) is {@code \;}.
     */
    static String word(String w) {
        if (w.equals(";")) {
            return "\\;";
        }
        if (SAFE.matcher(w).matches()) {
            return w;
        }
        StringBuilder b = new StringBuilder(w.length() + 2).append('"');
        for (int i = 0; i < w.length(); i++) {
            char ch = w.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '%' -> b.append("%%");
                case '$' -> b.append("$$");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Free text for a unit setting: one line, no specifiers. */
    private static String text(String s) {
        return s.replace("%", "%%").replaceAll("[\\x00-\\x1f\\x7f]", " ");
    }
}
