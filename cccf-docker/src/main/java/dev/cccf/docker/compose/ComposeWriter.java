package dev.cccf.docker.compose;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Options;
import dev.cccf.core.fields.Networks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The other way: a cccf document as a compose file ({@code cccf compose --format compose}). */
public final class ComposeWriter {
    private ComposeWriter() {
    }

    /**
     * A cccf document written back as a compose file that {@code docker compose config} accepts:
     * its {@code name}, its services as cccf-instructions' compose target writes them (each
     * {@code $} as {@code $$}; hosts ignored: one file), its {@code networks} and named
     * {@code volumes}, each with its {@code name} so that compose does not put the project's name
     * before it, so that reading it again gives the same document. A network a container joins
     * that the document does not declare is {@code external}: cccf uses it as it finds it.
     *
     * @throws InvalidDocumentException what the compose target refuses (a dependency cycle, a NUL)
     */
    public static ObjectNode write(Declarations declarations, List<Container> containers) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (declarations.name() != null) {
            out.put("name", declarations.name());
        }
        List<Container> unplaced = containers.stream().map(c -> c.host() == null ? c : c.toBuilder().host(null).build()).toList();
        try {
            Map<String, ObjectNode> byHost = Instructions.compose(unplaced, Options.defaults());
            out.set("services", byHost.isEmpty() ? JsonNodeFactory.instance.objectNode() : byHost.values().iterator().next().get("services"));
        } catch (InstructionsException e) {
            throw new InvalidDocumentException(e.problems());
        }
        Map<String, ObjectNode> networks = new LinkedHashMap<>();
        declarations.networks().forEach((name, n) -> {
            ObjectNode o = settings(name, n.driver(), n.options(), n.labels());
            if (n.internal()) {
                o.put("internal", true);
            }
            networks.put(name, o);
        });
        for (Container c : unplaced) {
            Networks.of(c).forEach(a -> networks.computeIfAbsent(a.network(), name -> settings(name, null, Map.of(), Map.of())
                    .put("external", true)));
        }
        if (!networks.isEmpty()) {
            networks.forEach(out.putObject("networks")::set);
        }
        if (!declarations.volumes().isEmpty()) {
            ObjectNode volumes = out.putObject("volumes");
            declarations.volumes().forEach((name, v) -> volumes.set(name, settings(name, v.driver(), v.options(), v.labels())));
        }
        return out;
    }

    /** A top-level network or volume: its name, driver, driver_opts and labels. */
    private static ObjectNode settings(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", escape(name));
        if (driver != null) {
            o.put("driver", escape(driver));
        }
        if (!options.isEmpty()) {
            ObjectNode opts = o.putObject("driver_opts");
            options.forEach((k, v) -> opts.put(escape(k), escape(v)));
        }
        if (!labels.isEmpty()) {
            ObjectNode ls = o.putObject("labels");
            labels.forEach((k, v) -> ls.put(escape(k), escape(v)));
        }
        return o;
    }

    /** compose substitutes variables everywhere: a {@code $} is written {@code $$}. */
    private static String escape(String text) {
        return text.replace("$", "$$");
    }
}
