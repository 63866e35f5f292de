package dev.cccf.core.cli;

import dev.cccf.core.Document;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import java.io.PrintStream;
import java.util.Collection;

/**
 * How every tool prints problems, errors and warnings alike: one {@link Problem#format()} each;
 * and how a tool places a problem a library found about a container (its path anchored at the
 * container's id, {@code web.host}) in the document the container came from.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /** Each problem on {@code err}, in the order given. */
    public static void print(Collection<Problem> problems, PrintStream err) {
        for (Problem p : problems) {
            err.println(p.format());
        }
    }

    /** Where the container id ends in a problem's path: {@code web} of {@code web.links[0]} (an id holds no '.' or '['). */
    public static int idEnd(String path) {
        int end = 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return Math.min(end, path.length());
    }

    /**
     * {@code p} placed at the container of {@code doc} its path starts with: path {@code ROOT[i].field}
     * ({@code root} is {@code $}, or {@code $.add} for a diff's section), at the container's id for
     * {@code .id} and at the container's start otherwise (the nearest value above the field that the
     * document knows). Unchanged when it is placed already, when no container of {@code doc} has
     * that id (a replica, a global instance) or when {@code doc} was not read from a source.
     */
    public static Problem placeIn(Problem p, Document doc, String root) {
        if (p.location().isPresent()) {
            return p;
        }
        int end = idEnd(p.path());
        String id = p.path().substring(0, end);
        String field = p.path().substring(end);
        for (int i = 0; i < doc.size(); i++) {
            if (doc.containers().get(i).id().equals(id)) {
                Location at = field.equals(".id") ? doc.idLocation(i) : doc.location(i);
                return at.isKnown() ? p.at(at, root + doc.path(i).substring(1) + field) : p;
            }
        }
        return p;
    }
}
