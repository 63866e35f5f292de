package dev.cccf.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.CoreField;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.NameIndex;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Current containers vs wanted ones: what to add, remove and keep, and why. A pure function in
 * linear time: containers are matched by id through a hash map, and a matched pair is compared by
 * its canonical form.
 *
 * <pre>{@code
 * DiffResult d = Diff.between(running, wanted);
 * d.add();      // start these
 * d.remove();   // stop these
 * d.changed();  // ids in both, with the fields that differ
 * }</pre>
 *
 * <p>Equality is structural: property order never matters, the {@link #SET_FIELDS} compare as sets
 * (order and repeats do not matter), {@code scale} is ignored, {@code host} is ignored when the
 * wanted container has none, and {@code /web} and {@code web} are one id (docker's name).
 */
public final class Diff {
    private static final List<CoreField> CORE_FIELDS = CoreField.all();
    /** The list fields whose order and repeats do not matter: the core fields of {@link CoreField.Kind#SET}. */
    public static final Set<String> SET_FIELDS = setFields();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Diff() {
    }

    public static DiffResult between(List<Container> current, List<Container> wanted) {
        return between(current, wanted, Set.of());
    }

    /**
     * @param ignore more fields to leave out of the comparison (never {@code id})
     * @throws InvalidDocumentException when one side has two containers with one id
     * @throws IllegalArgumentException when asked to ignore {@code id}
     */
    public static DiffResult between(List<Container> current, List<Container> wanted, Set<String> ignore) {
        if (ignore.contains("id")) {
            throw new IllegalArgumentException("the id cannot be ignored: it is what matches containers");
        }
        NameIndex currentByName = index(current, "current");
        index(wanted, "wanted");
        boolean[] matched = new boolean[current.size()];
        boolean[] removed = new boolean[current.size()];
        List<Container> add = new ArrayList<>();
        List<Container> keep = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        for (Container w : wanted) {
            int i = currentByName.find(w.name());
            if (i < 0) {
                add.add(w);
                continue;
            }
            matched[i] = true;
            Container c = current.get(i);
            boolean ignoreHost = w.host() == null;
            if (sameConfig(c, w, ignore, ignoreHost)) {
                keep.add(c);
            } else {
                add.add(w);
                removed[i] = true;
                changed.add(new Change(w.id(), explain(c, w, ignore, ignoreHost)));
            }
        }
        List<Container> remove = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            if (!matched[i] || removed[i]) {
                remove.add(current.get(i));
            }
        }
        return new DiffResult(add, remove, keep, changed);
    }

    /**
     * True when the canonical forms of {@code c} and {@code w} are equal, found without building
     * them: the record's fields compared directly (lists of the set-like fields as sets), and
     * extension values by {@code equals} first (Jackson's object nodes compare without regard to
     * key order) and by canonical JSON only when that fails (so {@code 1} and {@code 1.0} are one
     * number). The two ways agree; a test checks it over random documents.
     */
    static boolean sameConfig(Container c, Container w, Set<String> ignore, boolean ignoreHost) {
        for (CoreField field : CORE_FIELDS) {
            if (compares(field, ignore, ignoreHost) && !sameValue(field, c, w)) {
                return false;
            }
        }
        return sameExtensions(c.extensions(), w.extensions(), ignore);
    }

    /**
     * Whether the diff compares core field {@code field}: never the id (it is what pairs two
     * containers, by {@link Container#name}) nor {@code scale} (after {@code scale up} the
     * replicas carry it), {@code host} only when the wanted container has one, and no field
     * the caller ignores. Every other core field, present and future, is compared.
     */
    private static boolean compares(CoreField field, Set<String> ignore, boolean ignoreHost) {
        return switch (field) {
            case ID, SCALE -> false;
            case HOST -> !ignoreHost && !ignore.contains(field.jsonName());
            default -> !ignore.contains(field.jsonName());
        };
    }

    /** Equality of one core field as its kind defines it: sets as sets, the rest by value. */
    private static boolean sameValue(CoreField field, Container c, Container w) {
        return switch (field.kind()) {
            case SET -> sameSet(field.items(c), field.items(w));
            case CMD -> sameCmd((Cmd) field.value(c), (Cmd) field.value(w));
            case TEXT, COUNT -> Objects.equals(field.value(c), field.value(w));
        };
    }

    private static Set<String> setFields() {
        Set<String> names = new LinkedHashSet<>();
        for (CoreField field : CORE_FIELDS) {
            if (field.kind() == CoreField.Kind.SET) {
                names.add(field.jsonName());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * {@code Objects.equals} of two commands, spelled out: a record's own {@code equals} is
     * bootstrapped through method handles on first use, which costs a short CLI run tens of
     * milliseconds.
     */
    private static boolean sameCmd(Cmd a, Cmd b) {
        if (a instanceof Cmd.Line x && b instanceof Cmd.Line y) {
            return x.line().equals(y.line());
        }
        if (a instanceof Cmd.Argv x && b instanceof Cmd.Argv y) {
            return x.args().equals(y.args());
        }
        return a == null && b == null;
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a.equals(b) || new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static boolean sameExtensions(Map<String, JsonNode> a, Map<String, JsonNode> b, Set<String> ignore) {
        if (ignore.isEmpty() && a.equals(b)) {
            return true;
        }
        Set<String> names = new HashSet<>(a.keySet());
        names.addAll(b.keySet());
        names.removeAll(ignore);
        for (String name : names) {
            JsonNode x = a.get(name);
            JsonNode y = b.get(name);
            if (x == null || y == null) {
                return false;
            }
            if (!x.equals(y) && !CccfWriter.canonical(x).equals(CccfWriter.canonical(y))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The form that is compared: the container's JSON with keys sorted at every level, the id
     * without a leading {@code /}, the set-like lists sorted without repeats, and without
     * {@code scale}, the {@code ignore}d fields, and {@code host} when {@code ignoreHost}.
     */
    public static ObjectNode canonicalForm(Container c, Set<String> ignore, boolean ignoreHost) {
        ObjectNode tree = CccfWriter.toTree(c);
        tree.put(CoreField.ID.jsonName(), c.name());
        for (CoreField field : CORE_FIELDS) {
            if (field != CoreField.ID && !compares(field, Set.of(), ignoreHost)) {
                tree.remove(field.jsonName());
            }
        }
        tree.remove(ignore);
        for (String field : SET_FIELDS) {
            JsonNode list = tree.get(field);
            if (list != null) {
                TreeSet<String> sorted = new TreeSet<>();
                list.forEach(item -> sorted.add(item.asText()));
                ArrayNode a = NODES.arrayNode(sorted.size());
                sorted.forEach(a::add);
                tree.set(field, a);
            }
        }
        return (ObjectNode) sortKeys(tree);
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = NODES.objectNode();
            for (String name : names) {
                sorted.set(name, sortKeys(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode(node.size());
            node.forEach(item -> a.add(sortKeys(item)));
            return a;
        }
        return node;
    }

    /**
     * Every field whose canonical value differs, in cccf order then extensions by name; built from
     * the records, as {@link #sameConfig} compares them.
     */
    static Map<String, FieldChange> explain(Container c, Container w, Set<String> ignore, boolean ignoreHost) {
        Map<String, FieldChange> fields = new LinkedHashMap<>();
        for (CoreField field : CORE_FIELDS) {
            if (!compares(field, ignore, ignoreHost) || sameValue(field, c, w)) {
                continue;
            }
            List<String> from = field.items(c);
            List<String> to = field.items(w);
            fields.put(field.jsonName(), field.kind() == CoreField.Kind.SET
                    ? new FieldChange(list(from), list(to), minus(to, from), minus(from, to))
                    : FieldChange.of(json(field, c), json(field, w)));
        }
        TreeSet<String> names = new TreeSet<>(c.extensions().keySet());
        names.addAll(w.extensions().keySet());
        names.removeAll(ignore);
        for (String name : names) {
            JsonNode x = c.extensions().get(name);
            JsonNode y = w.extensions().get(name);
            if (x == null || y == null || (!x.equals(y) && !CccfWriter.canonical(x).equals(CccfWriter.canonical(y)))) {
                fields.put(name, FieldChange.of(x, y));
            }
        }
        return fields;
    }

    /** A core field that is not a set, as JSON; null when absent. */
    private static JsonNode json(CoreField field, Container c) {
        Object value = field.value(c);
        if (value == null) {
            return null;
        }
        return switch (field.kind()) {
            case TEXT -> NODES.textNode((String) value);
            case COUNT -> NODES.numberNode((Integer) value);
            case CMD -> value instanceof Cmd.Line line ? NODES.textNode(line.line()) : list(((Cmd) value).words());
            case SET -> list(field.items(c));
        };
    }

    /** A list field as JSON; absent (null) when empty, as cccf writes it. */
    private static JsonNode list(List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        ArrayNode a = NODES.arrayNode(items.size());
        items.forEach(a::add);
        return a;
    }

    /** The distinct items of {@code a} that are not in {@code b}, in {@code a}'s order. */
    private static List<String> minus(List<String> a, List<String> b) {
        Set<String> other = new HashSet<>(b);
        List<String> out = new ArrayList<>();
        for (String item : new LinkedHashSet<>(a)) {
            if (!other.contains(item)) {
                out.add(item);
            }
        }
        return out;
    }

    private static NameIndex index(List<Container> containers, String side) {
        NameIndex byName = new NameIndex(containers.size());
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            int earlier = byName.add(containers.get(i).name());
            if (earlier >= 0) {
                problems.add(new Problem(Location.unknown(side), "$[" + i + "].id", Rules.DUPLICATE_ID,
                        "id " + Rules.quote(containers.get(i).id()) + " is already used at $[" + earlier + "]"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return byName;
    }
}
