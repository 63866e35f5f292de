package dev.cccf.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Id uniqueness across a document, including the ids that {@code scale} will create. */
final class IdRules {
    private static final String SCALE_INFIX = "-scale-";

    private IdRules() {
    }

    /** Where container {@code index}'s id stands: FILE:LINE:COL, or its path when built in code. */
    private static String where(Document doc, int index) {
        Location at = doc.idLocation(index);
        return at.isKnown() ? at.toString() : doc.path(index) + ".id";
    }

    /**
     * Two containers may not share an id ({@code /web} and {@code web} are one name to docker), and
     * no id may equal one that a {@code scale} creates ({@code web} with scale 3 creates
     * {@code web-scale-1} and {@code web-scale-2}). Linear: a replica id parses back to one base
     * and index, so no replica list is ever built.
     */
    static List<Problem> duplicates(Document doc) {
        List<Container> containers = doc.containers();
        Map<String, Integer> first = new HashMap<>(Math.max(16, containers.size() * 2));
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            String name = containers.get(i).name();
            Integer earlier = first.putIfAbsent(name, i);
            if (earlier != null) {
                problems.add(new Problem(doc.idLocation(i), doc.path(i) + ".id", Rules.DUPLICATE_ID,
                        "id " + Rules.quote(containers.get(i).id()) + " is already used at " + where(doc, earlier)));
            }
        }
        for (int i = 0; i < containers.size(); i++) {
            String name = containers.get(i).name();
            int at = name.lastIndexOf(SCALE_INFIX);
            if (at <= 0) {
                continue;
            }
            String digits = name.substring(at + SCALE_INFIX.length());
            if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(Character::isDigit)
                    || (digits.length() > 1 && digits.charAt(0) == '0')) {
                continue;
            }
            int replica = Integer.parseInt(digits);
            Integer base = first.get(name.substring(0, at));
            if (base == null || replica < 1) {
                continue;
            }
            Integer scale = containers.get(base).scale();
            if (scale != null && replica < scale) {
                problems.add(new Problem(doc.idLocation(i), doc.path(i) + ".id", Rules.SCALE_ID_COLLISION,
                        "id " + Rules.quote(containers.get(i).id()) + " is also replica " + replica + " of "
                                + Rules.quote(containers.get(base).id()) + " (scale " + scale + ") at "
                                + where(doc, base)));
            }
        }
        return problems;
    }
}
