package dev.cccf.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A read and validated cccf document: its containers, whether it was one object or an array, and
 * where each container and its id stand in the source (kept compactly: a document may hold a
 * million containers).
 */
public final class Document {
    private static final int SLOTS = 6; // source index, container line, column, id line, column, index in its source

    private final List<String> sources;
    private final List<Boolean> sourceIsSingle;
    private final List<Container> containers;
    private final boolean singleObject;
    private final int[] positions;

    Document(List<String> sources, List<Container> containers, boolean singleObject, int[] positions) {
        this(sources, List.of(singleObject), containers, singleObject, positions);
    }

    private Document(List<String> sources, List<Boolean> sourceIsSingle, List<Container> containers,
            boolean singleObject, int[] positions) {
        this.sources = List.copyOf(sources);
        this.sourceIsSingle = List.copyOf(sourceIsSingle);
        this.containers = List.copyOf(containers);
        this.singleObject = singleObject;
        this.positions = positions;
    }

    /** A document built in code: it has no positions. */
    public static Document of(List<Container> containers) {
        return new Document(List.of("<memory>"), containers, false, null);
    }

    /**
     * The containers of several documents as one, in order. Ids must be unique across them,
     * including the ids their {@code scale} would create.
     *
     * @throws InvalidDocumentException naming every duplicate where it stands
     */
    public static Document concat(List<Document> documents) {
        if (documents.size() == 1) {
            return documents.get(0);
        }
        List<String> sources = new ArrayList<>();
        List<Boolean> single = new ArrayList<>();
        List<Container> all = new ArrayList<>();
        int[] positions = new int[SLOTS * documents.stream().mapToInt(Document::size).sum()];
        int at = 0;
        for (Document d : documents) {
            int base = sources.size();
            sources.addAll(d.sources);
            single.addAll(d.sourceIsSingle);
            for (int i = 0; i < d.size(); i++, at++) {
                all.add(d.containers.get(i));
                if (d.positions != null) {
                    System.arraycopy(d.positions, i * SLOTS, positions, at * SLOTS, SLOTS);
                    positions[at * SLOTS] += base;
                } else {
                    positions[at * SLOTS] = base;
                    positions[at * SLOTS + 5] = i;
                }
            }
        }
        Document merged = new Document(sources, single, all, false, positions);
        List<Problem> problems = IdRules.duplicates(merged);
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return merged;
    }

    public List<Container> containers() {
        return containers;
    }

    /**
     * These containers changed in code (one for one, in the same order): they keep their places in
     * the source, so problems found in them are still located.
     */
    public Document withContainers(List<Container> changed) {
        if (changed.size() != containers.size()) {
            throw new IllegalArgumentException("withContainers takes one container for each of the "
                    + containers.size() + ", not " + changed.size());
        }
        return new Document(sources, sourceIsSingle, changed, singleObject, positions);
    }

    /**
     * The id problems of these containers: two containers sharing a name ({@code duplicate-id};
     * {@code /web} and {@code web} are one name), or an id equal to one their {@code scale} would
     * create ({@code scale-id-collision}). Every document read is already checked; this is for
     * documents built or changed in code.
     */
    public List<Problem> idProblems() {
        return IdRules.duplicates(this);
    }

    public int size() {
        return containers.size();
    }

    /** True when the source held one container object rather than an array. */
    public boolean isSingleObject() {
        return singleObject;
    }

    /** The name of the source of container {@code index} (a file name, or {@code <stdin>}). */
    public String source(int index) {
        return positions == null ? sources.get(0) : sources.get(positions[index * SLOTS]);
    }

    /** Where container {@code index} starts. */
    public Location location(int index) {
        if (positions == null) {
            return Location.unknown(sources.get(0));
        }
        int o = index * SLOTS;
        return new Location(sources.get(positions[o]), positions[o + 1], positions[o + 2]);
    }

    /** Where the id of container {@code index} stands (its start when the position is not known). */
    public Location idLocation(int index) {
        if (positions == null) {
            return Location.unknown(sources.get(0));
        }
        int o = index * SLOTS;
        return new Location(sources.get(positions[o]), positions[o + 3], positions[o + 4]);
    }

    /** The JSON path of container {@code index}: {@code $} for a single object, else {@code $[i]}. */
    public String path(int index) {
        if (positions == null) {
            return singleObject ? "$" : "$[" + index + "]";
        }
        int o = index * SLOTS;
        return sourceIsSingle.get(positions[o]) ? "$" : "$[" + positions[o + 5] + "]";
    }

    /** Collects positions while a reader goes; package-private. */
    static final class Positions {
        private int[] data = new int[SLOTS * 256];
        private int count;

        void add(int containerLine, int containerColumn, int idLine, int idColumn) {
            if ((count + 1) * SLOTS > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int o = count * SLOTS;
            data[o] = 0;
            data[o + 1] = containerLine;
            data[o + 2] = containerColumn;
            data[o + 3] = idLine;
            data[o + 4] = idColumn;
            data[o + 5] = count;
            count++;
        }

        /** Where the id of container {@code index} stands. */
        Location idLocation(String source, int index) {
            return new Location(source, data[index * SLOTS + 3], data[index * SLOTS + 4]);
        }

        int[] toArray() {
            return Arrays.copyOf(data, count * SLOTS);
        }
    }
}
