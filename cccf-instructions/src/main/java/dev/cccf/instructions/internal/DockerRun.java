package dev.cccf.instructions.internal;

import dev.cccf.core.Container;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.core.fields.Networks;
import dev.cccf.instructions.Options;
import java.util.ArrayList;
import java.util.List;

/** {@code docker run} for one container: the docker target's and the systemd target's. */
public final class DockerRun {
    private DockerRun() {
    }

    /**
     * {@code docker [-H=URL] run [-d] --name=NAME -p=.. --env=.. --volume=.. --expose=.. --link=..
     * [field options] [extra options] IMAGE [ENTRYPOINT ARGUMENTS...] [CMD...]}.
     */
    public static List<String> argv(Container c, Options options, boolean detach, Issues issues) {
        return argv(c, options, detach ? List.of("run", "-d") : List.of("run"), issues);
    }

    /**
     * What makes one container run: {@link #argv docker run}, or for a container on several
     * networks {@code docker create} (on the first), {@code docker network connect [--alias=A]
     * [--ip=IP] NETWORK NAME} for each other one, and {@code docker start NAME} ({@code start -a}
     * unless {@code detach}): engines before API 1.44 refuse a container created on several
     * networks, so it joins them before it starts, as apply does.
     */
    public static List<List<String>> commands(Container c, Options options, boolean detach, Issues issues) {
        List<Networks.Attachment> joined = options.exclude().contains("networks") ? List.of() : Networks.joined(c);
        if (joined.isEmpty()) {
            return List.of(argv(c, options, detach, issues));
        }
        List<List<String>> out = new ArrayList<>();
        out.add(argv(c, options, List.of("create"), issues));
        List<String> docker = out.get(0).subList(0, out.get(0).indexOf("create"));
        for (Networks.Attachment a : joined) {
            List<String> connect = new ArrayList<>(docker);
            connect.addAll(List.of("network", "connect"));
            connect.addAll(Networks.connectFlags(a));
            connect.addAll(List.of(a.network(), c.name()));
            out.add(connect);
        }
        List<String> start = new ArrayList<>(docker);
        start.addAll(detach ? List.of("start", c.name()) : List.of("start", "-a", c.name()));
        out.add(start);
        return out;
    }

    private static List<String> argv(Container c, Options options, List<String> verb, Issues issues) {
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(c, options, issues)));
        argv.addAll(verb);
        argv.addAll(options(c, options, issues));
        argv.add(c.image());
        if (!options.exclude().contains("entrypoint")) {
            argv.addAll(FieldTable.entrypointArguments(c));
        }
        argv.addAll(Common.cmdWords(c, issues));
        Common.checkNul(c, argv, issues);
        return argv;
    }

    /**
     * The options between {@code run} and the image: the core fields, then each field of the
     * table as its entry writes it, in the container's order (a field no entry knows is left
     * out: the readers warn about it).
     */
    static List<String> options(Container c, Options options, Issues issues) {
        List<String> out = new ArrayList<>();
        out.add("--name=" + c.name());
        Common.repeat("ports", c.ports(), "-p", options, out);
        Common.repeat("env", c.env(), "--env", options, out);
        Common.repeat("volumes", c.volumes(), "--volume", options, out);
        Common.repeat("expose", c.expose(), "--expose", options, out);
        Common.repeat("links", c.links().stream().map(Common::linkSpec).toList(), "--link", options, out);
        Common.eachField(c, options, issues, (name, field, value) -> {
            if (field.run() != null) {
                out.addAll(field.run().of(value));
            }
        });
        out.addAll(options.runArgs());
        return out;
    }
}
