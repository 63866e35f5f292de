package dev.cccf.docker.compose;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionsException;
import dev.cccf.instructions.Options;
import java.util.List;
import java.util.Map;

/** The other way: a cccf document as a compose file ({@code cccf compose --format compose}). */
public final class ComposeWriter {
    private ComposeWriter() {
    }

    /**
     * A cccf document written back as a compose file that {@code docker compose config} accepts:
     * its {@code name}, its services as cccf-instructions' compose target writes them (each
     * {@code $} as {@code $$}; hosts ignored: one file), and its named {@code volumes}, so that
     * reading it again gives the same containers.
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
        if (!declarations.volumes().isEmpty()) {
            ObjectNode volumes = out.putObject("volumes");
            declarations.volumes().forEach((name, v) -> {
                ObjectNode o = volumes.putObject(name);
                if (v.driver() != null) {
                    o.put("driver", v.driver());
                }
                if (!v.options().isEmpty()) {
                    v.options().forEach(o.putObject("driver_opts")::put);
                }
                if (!v.labels().isEmpty()) {
                    v.labels().forEach(o.putObject("labels")::put);
                }
            });
        }
        return out;
    }

}
