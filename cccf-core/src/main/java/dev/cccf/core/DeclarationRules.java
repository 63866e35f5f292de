package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The checks of what a document object declares ({@link Declarations}): each value is checked as
 * a tree, and its problems are placed where the value starts, with the JSON path of what is wrong.
 */
final class DeclarationRules {
    /** A network's or volume's name, as docker takes it. */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Set<String> NETWORK_KEYS = Set.of("driver", "options", "labels", "internal", "ipam");
    private static final Set<String> VOLUME_KEYS = Set.of("driver", "options", "labels");

    private DeclarationRules() {
    }

    /** The application's name, or null when it is not one. */
    static String name(JsonNode v, Location at, Consumer<Problem> out) {
        if (!v.isTextual()) {
            out.accept(new Problem(at, "$.name", Rules.DECLARATION_TYPE, "name must be a string, not " + Rules.kind(v)));
            return null;
        }
        String bad = Rules.checkName(v.textValue());
        if (bad != null) {
            out.accept(new Problem(at, "$.name", Rules.NAME_FORMAT, bad));
            return null;
        }
        return v.textValue();
    }

    /** One network declared as {@code key} (its value {@code v}: an object, or null or empty for the defaults). */
    static Declarations.Network network(String key, JsonNode v, Location at, Consumer<Problem> out) {
        String path = "$.networks" + Rules.pathStep(key);
        Settings s = settings("network", key, v, at, path, NETWORK_KEYS, Rules.NETWORK_NAME, out);
        if (s == null) {
            return null;
        }
        JsonNode internal = v == null ? null : v.get("internal");
        boolean isInternal = false;
        if (internal != null && !internal.isNull()) {
            if (internal.isBoolean()) {
                isInternal = internal.booleanValue();
            } else {
                out.accept(new Problem(at, path + ".internal", Rules.DECLARATION_TYPE,
                        "internal must be true or false, not " + Rules.shown(internal)));
                return null;
            }
        }
        Declarations.Ipam ipam = null;
        JsonNode given = v == null ? null : v.get("ipam");
        if (given != null && !given.isNull()) {
            ipam = Declarations.Ipam.of(given, (p, code, message) -> out.accept(new Problem(at, path + ".ipam" + p, code, message)));
            if (ipam == null) {
                return null;
            }
        }
        return s.ok ? new Declarations.Network(s.driver, s.options, s.labels, isInternal, ipam) : null;
    }

    /** One volume declared as {@code key}. */
    static Declarations.Volume volume(String key, JsonNode v, Location at, Consumer<Problem> out) {
        String path = "$.volumes" + Rules.pathStep(key);
        Settings s = settings("volume", key, v, at, path, VOLUME_KEYS, Rules.VOLUME_NAME, out);
        return s != null && s.ok ? new Declarations.Volume(s.driver, s.options, s.labels) : null;
    }

    @FunctionalInterface
    interface Entry {
        void accept(String key, JsonNode value);
    }

    /** Each entry of an object of declarations; anything else is a {@code declaration-type} problem. */
    static void entries(JsonNode v, Location at, String what, Consumer<Problem> out, Entry each) {
        if (!v.isObject()) {
            out.accept(new Problem(at, "$." + what, Rules.DECLARATION_TYPE,
                    what + " must be an object of names, not " + Rules.kind(v)));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            each.accept(e.getKey(), e.getValue());
        }
    }

    /** What a network and a volume share: driver, options, labels. */
    private record Settings(String driver, Map<String, String> options, Map<String, String> labels, boolean ok) {
    }

    private static Settings settings(String what, String key, JsonNode v, Location at, String path,
            Set<String> keys, String nameCode, Consumer<Problem> out) {
        boolean ok = true;
        if (!RESOURCE_NAME.matcher(key).matches()) {
            out.accept(new Problem(at, path, nameCode, what + " name " + Rules.quote(key)
                    + " must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
            ok = false;
        }
        if (v == null || v.isNull() || v.isTextual() && v.textValue().isEmpty()) { // YAML's "name:" with nothing after it
            return new Settings(null, Map.of(), Map.of(), ok);
        }
        if (!v.isObject()) {
            out.accept(new Problem(at, path, Rules.DECLARATION_TYPE,
                    "a " + what + " is declared by an object (driver, options, labels), not " + Rules.kind(v)));
            return null;
        }
        Declarations.Ipam.Problems here = (p, code, message) -> out.accept(new Problem(at, path + p, code, message));
        ok &= keys(v, "", "a " + what + " declaration", keys, here);
        String driver = null;
        JsonNode d = v.get("driver");
        if (d != null && !d.isNull()) {
            driver = driver(d, "", "a driver's name", here);
            ok &= driver != null;
        }
        Map<String, String> options = strings(v.get("options"), ".options", here);
        Map<String, String> labels = strings(v.get("labels"), ".labels", here);
        if (options == null || labels == null) {
            return new Settings(driver, Map.of(), Map.of(), false);
        }
        for (String label : labels.keySet()) {
            if (label.startsWith(Rules.RESERVED_LABEL_PREFIX)) {
                out.accept(new Problem(at, path + ".labels" + Rules.pathStep(label), Rules.RESERVED_LABEL,
                        "labels under " + Rules.quote(Rules.RESERVED_LABEL_PREFIX) + " belong to cccf"));
                ok = false;
            }
        }
        return new Settings(driver, options, labels, ok);
    }

    /** True when {@code v} has no key but {@code allowed}; each other one is a {@code declaration-key} problem. */
    static boolean keys(JsonNode v, String path, String what, Set<String> allowed, Declarations.Ipam.Problems problems) {
        boolean ok = true;
        for (Iterator<String> names = v.fieldNames(); names.hasNext();) {
            String k = names.next();
            if (!allowed.contains(k)) {
                problems.add(path + Rules.pathStep(k), Rules.DECLARATION_KEY, what + " has no " + Rules.quote(k) + "; it takes "
                        + String.join(", ", allowed.stream().sorted().toList()));
                ok = false;
            }
        }
        return ok;
    }

    /** The non-empty name {@code d} ({@code path}{@code .driver}); null after a problem. */
    static String driver(JsonNode d, String path, String what, Declarations.Ipam.Problems problems) {
        if (d.isTextual() && !d.textValue().isBlank()) {
            return d.textValue();
        }
        problems.add(path + ".driver", Rules.DECLARATION_TYPE, "driver must be " + what + ", not " + Rules.shown(d));
        return null;
    }

    /** An object of string values (absent: empty); null after a problem. */
    static Map<String, String> strings(JsonNode v, String path, Declarations.Ipam.Problems problems) {
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return map;
        }
        if (!v.isObject()) {
            problems.add(path, Rules.DECLARATION_TYPE, "must be an object of strings, not " + Rules.kind(v));
            return null;
        }
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                map.put(e.getKey(), e.getValue().textValue());
            } else {
                problems.add(path + Rules.pathStep(e.getKey()), Rules.DECLARATION_TYPE,
                        "values must be strings, not " + Rules.kind(e.getValue()) + " (in YAML, put it in quotes)");
                ok = false;
            }
        }
        return ok ? map : null;
    }
}
