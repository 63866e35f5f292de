package dev.cccf.instructions.internal;

import dev.cccf.core.Container;
import dev.cccf.core.fields.FieldTable;
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
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(c, options, issues)));
        argv.add("run");
        if (detach) {
            argv.add("-d");
        }
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
