package dev.cccf.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Id uniqueness across a document, including the ids that {@code scale} will create. The
 * {@link Index} is filled one container at a time, so a reader builds it once while it reads (a
 * streamed document is never held whole); documents built in code are checked by
 * {@link #duplicates(Document)}.
 */
final class IdRules {
    private static final String SCALE_INFIX = "-scale-";

    private IdRules() {
    }

    /** Where the containers of an index stand, for the messages. */
    interface Places {
        /** Where the id of container {@code index} stands. */
        Location idLocation(int index);

        /** The JSON path of container {@code index}. */
        String path(int index);
    }

    /**
     * The problems of a document built or changed in code: two containers sharing a name, or an
     * id equal to one that a {@code scale} creates.
     */
    static List<Problem> duplicates(Document doc) {
        Index index = new Index(doc.size(), new Places() {
            @Override
            public Location idLocation(int i) {
                return doc.idLocation(i);
            }

            @Override
            public String path(int i) {
                return doc.path(i);
            }
        });
        for (Container c : doc.containers()) {
            index.add(c.id(), c.scale());
        }
        return index.problems();
    }

    /**
     * The ids of a document in order, with their scales, in a {@link NameIndex}. Duplicates are
     * found as ids are added; collisions with replica ids once all are in, by {@link #problems}.
     */
    static final class Index {
        private final Places places;
        private final NameIndex names;
        private String[] ids;
        private int[] scales; // -1: no scale
        /** The largest scale added: below 2, no id can collide with a replica's. */
        private int maxScale = -1;
        private final List<Problem> duplicates = new ArrayList<>();

        Index(int expected, Places places) {
            this.places = places;
            int capacity = Math.max(16, expected);
            names = new NameIndex(capacity);
            ids = new String[capacity];
            scales = new int[capacity];
        }

        /** Adds the next container's id; a name already used is a {@code duplicate-id} problem. */
        void add(String id, Integer scale) {
            int i = names.size();
            if (i == ids.length) {
                ids = Arrays.copyOf(ids, i * 2);
                scales = Arrays.copyOf(scales, i * 2);
            }
            ids[i] = id;
            scales[i] = scale == null ? -1 : scale;
            maxScale = Math.max(maxScale, scales[i]);
            // the name's hash is kept in the string: later users (a diff's index) get it free
            int earlier = names.add(slash(id) == 0 ? id : id.substring(1));
            if (earlier >= 0) {
                duplicates.add(new Problem(places.idLocation(i), places.path(i) + ".id", Rules.DUPLICATE_ID,
                        "id " + Rules.quote(id) + " is already used at " + where(earlier)));
            }
        }

        private static int slash(String id) {
            return !id.isEmpty() && id.charAt(0) == '/' ? 1 : 0;
        }

        private String where(int index) {
            Location at = places.idLocation(index);
            return at.isKnown() ? at.toString() : places.path(index) + ".id";
        }

        /**
         * Every problem: the duplicates in the order they were added, then each id that equals a
         * replica id of another ({@code web} with scale 3 creates {@code web-scale-1} and
         * {@code web-scale-2}). Linear: a replica id parses back to one base and index, so no
         * replica list is ever built.
         */
        List<Problem> problems() {
            List<Problem> problems = new ArrayList<>(duplicates);
            for (int i = 0; i < names.size() && maxScale >= 2; i++) {
                String id = ids[i];
                int at = id.lastIndexOf(SCALE_INFIX);
                if (at <= slash(id)) {
                    continue;
                }
                String digits = id.substring(at + SCALE_INFIX.length());
                if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(Character::isDigit)
                        || (digits.length() > 1 && digits.charAt(0) == '0')) {
                    continue;
                }
                int replica = Integer.parseInt(digits);
                int base = names.find(id.substring(slash(id), at));
                if (base < 0 || replica < 1) {
                    continue;
                }
                int scale = scales[base];
                if (scale >= 0 && replica < scale) {
                    problems.add(new Problem(places.idLocation(i), places.path(i) + ".id", Rules.SCALE_ID_COLLISION,
                            "id " + Rules.quote(id) + " is also replica " + replica + " of "
                                    + Rules.quote(ids[base]) + " (scale " + scale + ") at " + where(base)));
                }
            }
            return problems;
        }
    }
}
