package dev.cccf.scale;

/**
 * The id of replica {@code index} of {@code base}: {@code web-scale-2}. A name parses back to at
 * most one base and index (the last {@code -scale-} followed by a number without leading zeros),
 * so two bases never create the same replica id.
 */
record ReplicaId(String base, int index) {
    static final String INFIX = "-scale-";
    private static final int MAX_DIGITS = 7; // Rules.MAX_SCALE has 7 digits

    static String of(String baseId, int index) {
        return baseId + INFIX + index;
    }

    /** The base and index that {@code name} would be a replica of, or {@code null}. */
    static ReplicaId parse(String name) {
        int at = name.lastIndexOf(INFIX);
        if (at <= 0) {
            return null;
        }
        int from = at + INFIX.length();
        int digits = name.length() - from;
        if (digits < 1 || digits > MAX_DIGITS || (digits > 1 && name.charAt(from) == '0')) {
            return null;
        }
        int index = 0;
        for (int i = from; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
            index = index * 10 + (ch - '0');
        }
        return index < 1 ? null : new ReplicaId(name.substring(0, at), index);
    }
}
