package dev.cccf.docker.compose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionsException;
import java.util.List;

/** The other way: a cccf document as a compose file ({@code cccf compose --format compose}). */
public final class ComposeWriter {
    private ComposeWriter() {
    }

    /**
     * A cccf document written back as a compose file that {@code docker compose config} accepts,
     * as cccf-instructions writes it ({@link Instructions#composeFile}): its {@code name}, its
     * services as the compose target writes them (each {@code $} as {@code $$}; hosts ignored: one
     * file), its {@code networks} and named {@code volumes}, so that reading it again gives the
     * same document. A network a container joins that the document does not declare is
     * {@code external}: cccf uses it as it finds it.
     *
     * @throws InvalidDocumentException what the compose target refuses (a dependency cycle, a NUL)
     */
    public static ObjectNode write(Declarations declarations, List<Container> containers) {
        try {
            return Instructions.composeFile(containers, declarations);
        } catch (InstructionsException e) {
            throw new InvalidDocumentException(e.problems());
        }
    }
}
