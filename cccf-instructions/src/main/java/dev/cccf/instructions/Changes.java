package dev.cccf.instructions;

import dev.cccf.core.Container;
import java.util.List;

/**
 * What {@code cccf diff} found: containers to add, to remove and to keep. A container replaced by
 * a new configuration is in both {@code remove} (the old) and {@code add} (the new).
 */
public record Changes(List<Container> add, List<Container> remove, List<Container> keep) {
    public Changes {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
        keep = List.copyOf(keep);
    }
}
