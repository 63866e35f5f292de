package dev.cccf.core;

import java.util.Arrays;

/**
 * Container names (ids without docker's leading '/') numbered in the order they are added, and
 * found again by name: an open-addressing table of ints, with no boxed entries and the names'
 * own cached {@code String} hashes, for documents of a million containers.
 *
 * <pre>{@code
 * NameIndex names = new NameIndex(containers.size());
 * for (Container c : containers) {
 *     int earlier = names.add(c.name());   // -1, or the number of the container that had it
 * }
 * int i = names.find("web");               // -1 when absent
 * }</pre>
 */
public final class NameIndex {
    private String[] names;
    private int[] hashes;
    private int[] table; // entry + 1, 0 when free
    private int count;

    /** An empty index, sized for {@code expected} names. */
    public NameIndex(int expected) {
        int capacity = Math.max(16, expected);
        names = new String[capacity];
        hashes = new int[capacity];
        table = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
    }

    /** How many names were added (duplicates included). */
    public int size() {
        return count;
    }

    /** The name added as number {@code entry}. */
    public String name(int entry) {
        return names[entry];
    }

    /**
     * Adds {@code name} as the next entry; returns the earliest entry with the same name, or -1.
     * A duplicate is numbered too, but {@link #find} keeps finding the first.
     */
    public int add(String name) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        if ((count + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        int entry = count++;
        int h = name.hashCode();
        names[entry] = name;
        hashes[entry] = h;
        int mask = table.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int other = table[slot] - 1;
            if (other < 0) {
                table[slot] = entry + 1;
                return -1;
            }
            if (hashes[other] == h && names[other].equals(name)) {
                return other;
            }
        }
    }

    /** The first entry named {@code name}, or -1. */
    public int find(String name) {
        int h = name.hashCode();
        int mask = table.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot] - 1;
            if (entry < 0) {
                return -1;
            }
            if (hashes[entry] == h && names[entry].equals(name)) {
                return entry;
            }
        }
    }

    private void rehash(int size) {
        int[] old = table;
        table = new int[size];
        int mask = size - 1;
        for (int cell : old) {
            if (cell != 0) {
                int slot = spread(hashes[cell - 1]) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = cell;
            }
        }
    }

    /** Spreads similar names over the table (ids often differ in a few characters only). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
