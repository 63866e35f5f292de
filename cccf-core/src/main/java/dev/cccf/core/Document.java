package dev.cccf.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A read and validated cccf document: its containers, whether it was one object or an array, what
 * a document object declares beside them ({@link Declarations}: name, networks, volumes), and
 * where each container and its id stand in the source (kept compactly: a document may hold a
 * million containers).
 */
public final class Document {
    private static final int SLOTS = 6; // source index, container line, column, id line, column, index in its source

    private final List<String> sources;
    /** Per source, the JSON path of its container array ({@code $}, {@code $.containers}); "" for a single object. */
    private final List<String> arrayPaths;
    private final List<Container> containers;
    private final boolean singleObject;
    private final int[] positions;
    private final Declarations declarations;

    /** One source's containers: {@code arrayPath} null for a single container object. */
    Document(String source, List<Container> containers, String arrayPath, int[] positions, Declarations declarations) {
        this(List.of(source), List.of(arrayPath == null ? "" : arrayPath), containers, arrayPath == null, positions,
                declarations);
    }

    private Document(List<String> sources, List<String> arrayPaths, List<Container> containers,
            boolean singleObject, int[] positions, Declarations declarations) {
        this.sources = List.copyOf(sources);
        this.arrayPaths = List.copyOf(arrayPaths);
        this.containers = List.copyOf(containers);
        this.singleObject = singleObject;
        this.positions = positions;
        this.declarations = declarations;
    }

    /** A document built in code: it has no positions and declares nothing. */
    public static Document of(List<Container> containers) {
        return of(Declarations.NONE, containers);
    }

    /** A document object built in code: these declarations and containers, without positions. */
    public static Document of(Declarations declarations, List<Container> containers) {
        return new Document(List.of("<memory>"), List.of(declarations.isEmpty() ? "$" : "$.containers"), containers,
                false, null, declarations);
    }

    /**
     * The containers of several documents as one, in order, with their declarations together.
     * Ids must be unique across them, including the ids their {@code scale} would create; a name,
     * network or volume two of them declare must be declared alike.
     *
     * @throws InvalidDocumentException naming every duplicate and conflict where it stands
     */
    public static Document concat(List<Document> documents) {
        if (documents.size() == 1) {
            return documents.get(0);
        }
        List<String> sources = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        List<Container> all = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Declarations declared = Declarations.NONE;
        int[] positions = new int[SLOTS * documents.stream().mapToInt(Document::size).sum()];
        int at = 0;
        for (Document d : documents) {
            int base = sources.size();
            sources.addAll(d.sources);
            arrays.addAll(d.arrayPaths);
            Declarations.Merged merged = declared.merge(d.declarations);
            for (String conflict : merged.conflicts()) {
                problems.add(new Problem(Location.unknown(d.sources.get(0)), "$", Rules.DECLARATION_CONFLICT, conflict));
            }
            declared = merged.declarations();
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
        Document merged = new Document(sources, arrays, all, false, positions, declared);
        problems.addAll(IdRules.duplicates(merged));
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
        return new Document(sources, arrayPaths, changed, singleObject, positions, declarations);
    }

    /** What the document declares beside its containers; {@link Declarations#NONE} for an array. */
    public Declarations declarations() {
        return declarations;
    }

    /** This document with other declarations (its containers and their places kept). */
    public Document withDeclarations(Declarations changed) {
        return new Document(sources, arrayPaths, containers, singleObject, positions, changed);
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

    /**
     * The JSON path of container {@code index}: {@code $} for a single object, {@code $[i]} in an
     * array, {@code $.containers[i]} in a document object.
     */
    public String path(int index) {
        if (positions == null) {
            return singleObject ? "$" : arrayPaths.get(0) + "[" + index + "]";
        }
        int o = index * SLOTS;
        String array = arrayPaths.get(positions[o]);
        return array.isEmpty() ? "$" : array + "[" + positions[o + 5] + "]";
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
