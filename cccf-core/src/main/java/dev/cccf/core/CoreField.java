package dev.cccf.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields cccf 3.3 defines, described once, in the order cccf writes them: the reader's
 * order check, the writer, the canonical form and both diff engines follow this table, so a new
 * core field is a {@link Container} component, a constant here (its name, its {@link Kind} and
 * how it is read from a container) and its check in {@link CccfReader}.
 */
public enum CoreField {
    ID("id", Kind.TEXT),
    IMAGE("image", Kind.TEXT),
    CMD("cmd", Kind.CMD),
    PORTS("ports", Kind.SET),
    ENV("env", Kind.SET),
    VOLUMES("volumes", Kind.SET),
    EXPOSE("expose", Kind.SET),
    LINKS("links", Kind.SET),
    SCALE("scale", Kind.COUNT),
    HOST("host", Kind.TEXT);

    /** The shapes of value a core field holds, each written and compared one way. */
    public enum Kind {
        /** A string; absent is {@code null}. */
        TEXT,
        /** A {@link Cmd}: a shell line or an argv array; absent is {@code null}. */
        CMD,
        /**
         * A list of strings that means a set (docker's env, ports, volumes...): order and
         * repeats carry no meaning. Absent and empty are one value, written not at all.
         */
        SET,
        /** A whole number {@code >= 0}; absent is {@code null}. */
        COUNT
    }

    /** Every core field, in cccf order (one array shared: {@code values()} copies on each call). */
    private static final CoreField[] ORDER = values();
    private static final Map<String, CoreField> BY_NAME = new HashMap<>();
    private static final List<String> NAMES;
    private static final List<CoreField> ALL = List.of(ORDER);

    static {
        String[] names = new String[ORDER.length];
        for (CoreField f : ORDER) {
            BY_NAME.put(f.jsonName, f);
            names[f.ordinal()] = f.jsonName;
        }
        NAMES = List.of(names);
    }

    private final String jsonName;
    private final Kind kind;

    CoreField(String jsonName, Kind kind) {
        this.jsonName = jsonName;
        this.kind = kind;
    }

    /** The field's name in a cccf document. */
    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** The core field called {@code name} in a document, or {@code null} for any other field. */
    public static CoreField named(String name) {
        return BY_NAME.get(name);
    }

    /** The names of the core fields, in cccf order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The core fields in cccf order. */
    public static List<CoreField> all() {
        return ALL;
    }

    /** The core fields in cccf order, for the loops that run for every container (a shared array: do not change it). */
    static CoreField[] order() {
        return ORDER;
    }

    /**
     * This field of {@code c}: a {@code String} ({@link Kind#TEXT}), a {@link Cmd}, a
     * {@code List<String>} ({@link Kind#SET}, never null) or an {@code Integer} ({@link Kind#COUNT});
     * {@code null} when absent.
     */
    public Object value(Container c) {
        return switch (this) {
            case ID -> c.id();
            case IMAGE -> c.image();
            case CMD -> c.cmd();
            case PORTS -> c.ports();
            case ENV -> c.env();
            case VOLUMES -> c.volumes();
            case EXPOSE -> c.expose();
            case LINKS -> c.links();
            case SCALE -> c.scale();
            case HOST -> c.host();
        };
    }

    /** {@link #value} of a {@link Kind#SET} field; an empty list for a field of another kind. */
    @SuppressWarnings("unchecked")
    public List<String> items(Container c) {
        return kind == Kind.SET ? (List<String>) value(c) : List.of();
    }
}
