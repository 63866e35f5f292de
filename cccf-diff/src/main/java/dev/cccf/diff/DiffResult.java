package dev.cccf.diff;

import dev.cccf.core.Container;
import java.util.List;

/**
 * What takes the current containers to the wanted ones.
 *
 * @param add the wanted containers to start (new ids, and changed ones), in wanted order
 * @param remove the current containers to stop (gone ids, and changed ones), in current order
 * @param keep the current containers that stay as they are, in wanted order. They are the
 *     <em>current</em> values: when the wanted container has no {@code host}, the current one still
 *     says where it runs, which later placement needs
 * @param changed for each id in both {@code remove} and {@code add}, the fields that differ
 */
public record DiffResult(List<Container> add, List<Container> remove, List<Container> keep, List<Change> changed) {
    public DiffResult {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
        keep = List.copyOf(keep);
        changed = List.copyOf(changed);
    }

    /** True when nothing needs to start or stop. */
    public boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty();
    }
}
