package dev.cccf.docker;

import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The containers a plan would remove (as unwanted, or to replace them) that an apply of the same
 * project made from a WANTED file in another folder ({@link CccfLabels#SOURCE}): two folders of
 * the same name (the default project) would otherwise remove each other's containers. Another
 * file of the same folder is the same application ({@code app.json} after {@code app-v1.json}).
 * {@code cccf apply} refuses such a plan unless forced.
 */
public final class Takeovers {
    /** Error: a container to remove was applied from another WANTED file of the same project. */
    public static final String OTHER_SOURCE = "other-source";

    private Takeovers() {
    }

    /**
     * One error per container of {@code plan.remove()} whose recorded source is known and is in
     * another folder than {@code source}, its path the container's id; none when {@code source}
     * is {@code null} (WANTED read from stdin: nothing to compare).
     *
     * @param current what the plan was made from (it carries each container's source)
     */
    public static List<Problem> of(Converge.Result plan, List<Converge.Observed> current, String project, String source) {
        List<Problem> out = new ArrayList<>();
        if (source == null) {
            return out;
        }
        Map<String, String> sourceOf = new HashMap<>();
        for (Converge.Observed o : current) {
            if (o.source() != null) {
                sourceOf.put(key(o.container()), o.source());
            }
        }
        for (Container c : plan.remove()) {
            String theirs = sourceOf.get(key(c));
            if (theirs != null && !Objects.equals(folder(theirs), folder(source))) {
                out.add(Problem.error(c.id(), OTHER_SOURCE, c.id() + " on " + c.host() + " belongs to project " + project
                        + " as applied from " + theirs + ", not from " + source
                        + ": not removed (give the folders different project names, or --force to take it over)"));
            }
        }
        return List.copyOf(out);
    }

    /** The folder part of an absolute path as the label records it (a label is any text: no Path parsing). */
    private static String folder(String file) {
        return file.substring(0, Math.max(0, file.lastIndexOf('/')));
    }

    private static String key(Container c) {
        return c.host() + "\u0000" + c.name();
    }
}
