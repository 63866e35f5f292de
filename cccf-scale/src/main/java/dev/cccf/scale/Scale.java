package dev.cccf.scale;

import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code scale} into replicas and collapses them back. Pure functions: inputs are never
 * changed, output order follows input order.
 *
 * <pre>{@code
 * // web (scale 3)  ->  web (scale 1), web-scale-1, web-scale-2
 * List<Container> replicas = Scale.up(containers);
 * List<Container> again = Scale.down(replicas);   // equals containers, minus those with scale 0
 * }</pre>
 *
 * <p>The first instance keeps {@code scale: 1}, not its old scale: cccf-core (rule
 * {@code scale-id-collision}) refuses a document where {@code web} has {@code scale: 3} next to
 * {@code web-scale-1}, so up's output would not be valid cccf and could not be piped into
 * {@code cccf diff} or {@code cccf scale down}. {@code scale: 1} is true of that one object, keeps
 * the output valid, makes {@code up} idempotent, and marks the base whose replicas {@code down}
 * may collapse.
 *
 * <p>The laws (tested over random documents): {@code down(up(x))} equals {@code x} without its
 * {@code scale: 0} containers; {@code up(down(up(x)))} equals {@code up(x)}; {@code up(up(x))}
 * equals {@code up(x)}. A container with {@code scale: 0} has no instance, so {@code up} leaves
 * nothing of it, and cccf has no way to say "zero instances of this" without being that container:
 * {@code down} cannot bring it back. Keep the document with scale 0 as your source and treat
 * {@code up}'s output as derived.
 */
public final class Scale {
    private Scale() {
    }

    /**
     * Each container with {@code scale: n} (n >= 1) becomes itself with {@code scale: 1} followed
     * by {@code n - 1} replicas {@code id-scale-1} ... {@code id-scale-(n-1)} without
     * {@code scale}; {@code scale: 0} leaves no instance; a container without {@code scale}
     * stays as it is.
     *
     * @throws InvalidDocumentException when two ids are one name, an id equals a replica id
     *     (rule {@code scale-id-collision}), or a scale is out of range; paths are {@code $[i]}
     */
    public static List<Container> up(List<Container> containers) {
        return up(Document.of(containers));
    }

    /** {@link #up(List)}, with problems located where the document's containers stand. */
    public static List<Container> up(Document document) {
        return expand(document, document.containers());
    }

    /**
     * {@link #up(Document)} with some scales replaced first: {@code overrides} maps an id (or the
     * id without its leading {@code /}) to the scale to use.
     *
     * @throws IllegalArgumentException when an override names no container or is negative
     */
    public static List<Container> up(Document document, Map<String, Integer> overrides) {
        Map<String, Integer> left = new HashMap<>(overrides);
        List<Container> containers = new ArrayList<>(document.size());
        for (Container c : document.containers()) {
            Integer byId = left.remove(c.id());
            Integer byName = left.remove(c.name());
            Integer scale = byId != null ? byId : byName;
            containers.add(scale == null ? c : c.withScale(scale));
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("no container has the id " + Rules.quote(left.keySet().iterator().next()));
        }
        return expand(document, containers);
    }

    /**
     * The inverse of {@link #up}: each {@code X-scale-N} whose base {@code X} is in the list with a
     * {@code scale}, and which has no scale and the base's config (all but id and host: a replica
     * may run elsewhere), is folded into {@code X}, whose scale grows by one for each. Anything else is kept
     * as it is: a container that only looks like a replica, one whose base has no scale (it was
     * not made by {@code up}), or one whose config differs.
     */
    public static List<Container> down(List<Container> containers) {
        Map<String, Integer> byName = new HashMap<>(Math.max(16, containers.size() * 2));
        for (int i = 0; i < containers.size(); i++) {
            byName.putIfAbsent(containers.get(i).name(), i);
        }
        int[] extra = new int[containers.size()];
        boolean[] folded = new boolean[containers.size()];
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            ReplicaId r = ReplicaId.parse(c.name());
            Integer base = r == null ? null : byName.get(r.base());
            if (base != null && base != i && isReplicaOf(c, containers.get(base))) {
                folded[i] = true;
                extra[base]++;
            }
        }
        List<Container> out = new ArrayList<>(containers.size());
        for (int i = 0; i < containers.size(); i++) {
            if (!folded[i]) {
                Container c = containers.get(i);
                out.add(extra[i] == 0 ? c : c.withScale(c.scale() + extra[i]));
            }
        }
        return List.copyOf(out);
    }

    private static boolean isReplicaOf(Container replica, Container base) {
        return base.scale() != null && replica.scale() == null
                && replica.withId(base.id()).withScale(base.scale()).withHost(base.host()).equals(base);
    }

    /** The number of containers {@link #up} makes of {@code c}. */
    public static int instances(Container c) {
        return c.scale() == null ? 1 : c.scale();
    }

    private static List<Container> expand(Document document, List<Container> containers) {
        List<Problem> problems = problems(document, containers);
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        long total = 0;
        for (Container c : containers) {
            total += instances(c);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("scale up would make " + total + " containers");
        }
        List<Container> out = new ArrayList<>((int) total);
        for (Container c : containers) {
            int n = instances(c);
            if (n == 1) {
                out.add(c);
            } else if (n > 1) {
                out.add(c.withScale(1));
                Container replica = c.withScale(null);
                for (int i = 1; i < n; i++) {
                    out.add(replica.withId(ReplicaId.of(c.id(), i)));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Scales in range, names unique, and no name equal to a replica that {@code up} would make. */
    private static List<Problem> problems(Document document, List<Container> containers) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c.scale() != null && (c.scale() < 0 || c.scale() > Rules.MAX_SCALE)) {
                problems.add(new Problem(document.location(i), document.path(i) + ".scale", Rules.SCALE_RANGE,
                        "scale " + c.scale() + " is outside 0-" + Rules.MAX_SCALE));
            }
        }
        problems.addAll(document.withContainers(containers).idProblems());
        return problems;
    }
}
