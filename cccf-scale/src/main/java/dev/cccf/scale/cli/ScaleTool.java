package dev.cccf.scale.cli;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.Rules;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.scale.Scale;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code cccf scale up [--set ID=N]... [FILE...]} and {@code cccf scale down [FILE...]}. */
final class ScaleTool extends Tool {
    private final boolean up;

    ScaleTool(Streams streams, boolean up) {
        super(streams);
        this.up = up;
    }

    @Override
    protected String name() {
        return up ? "cccf scale up" : "cccf scale down";
    }

    @Override
    protected String summary() {
        return up ? "expand scale into replicas" : "collapse replicas back into scale";
    }

    @Override
    protected String description() {
        return up ? """
                Expands each container with 'scale: N' into N containers: the container itself
                (which keeps 'scale', so 'cccf scale down' restores it) and the replicas
                ID-scale-1 ... ID-scale-(N-1) without 'scale'. 'scale: 0' leaves no instance.
                Reads FILEs (JSON or YAML; stdin when none or '-'), writes JSON to stdout.
                """ : """
                The inverse of 'cccf scale up': drops each ID-scale-N whose base ID is in the input
                with a scale greater than N. Other containers are written as they are.
                Reads FILEs (JSON or YAML; stdin when none or '-'), writes JSON to stdout.
                """;
    }

    @Override
    protected String footer() {
        return up ? """
                Exit codes: 0 ok, 1 invalid input (e.g. [scale-id-collision]), 2 usage error
                (e.g. --set names no container), 3 I/O failure.
                """ : "Exit codes: 0 ok, 1 invalid input, 2 usage error, 3 I/O failure.";
    }

    @Override
    protected List<Option> declaredOptions() {
        return up ? List.of(Option.value("--set", "ID=N", "use scale N for container ID (repeatable)")) : List.of();
    }

    @Override
    protected int run(Args args) throws Exception {
        Map<String, Integer> overrides = overrides(args.values("--set"));
        List<Document> docs = readDocuments(args.positional(), Cccf.reader());
        Document all = Document.concat(docs);
        List<Container> result;
        if (up) {
            checkKnown(overrides, all);
            result = Scale.up(all, overrides);
        } else {
            result = Scale.down(all.containers());
        }
        writeDocument(all.declarations(), result, docs.size() == 1 && all.isSingleObject() && result.size() == 1);
        return ExitCode.OK;
    }

    private static Map<String, Integer> overrides(List<String> values) {
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.lastIndexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set takes ID=N, not " + Rules.quote(v));
            }
            String id = v.substring(0, eq);
            String n = v.substring(eq + 1).trim();
            int scale;
            try {
                scale = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new UsageException("--set " + id + ": the scale must be a whole number, not " + Rules.quote(n));
            }
            if (scale < 0 || scale > Rules.MAX_SCALE) {
                throw new UsageException("--set " + id + ": the scale must be between 0 and " + Rules.MAX_SCALE
                        + ", not " + scale);
            }
            overrides.put(id, scale);
        }
        return overrides;
    }

    private static void checkKnown(Map<String, Integer> overrides, Document doc) {
        Set<String> names = new HashSet<>();
        for (Container c : doc.containers()) {
            names.add(c.id());
            names.add(c.name());
        }
        for (String id : overrides.keySet()) {
            if (!names.contains(id)) {
                throw new UsageException("--set " + id + ": no container has the id " + Rules.quote(id));
            }
        }
    }
}
