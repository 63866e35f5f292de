package dev.cccf.core;

/** How a document is written. */
public enum OutputFormat {
    /** JSON without insignificant whitespace; fields in cccf order, extensions in their own order. */
    COMPACT,
    /** JSON indented for people. */
    PRETTY,
    /** YAML, with every string quoted so that nothing changes type on the way back in. */
    YAML,
    /** Sorted keys at every level, no whitespace, normalised numbers: for hashing and equality. */
    CANONICAL
}
