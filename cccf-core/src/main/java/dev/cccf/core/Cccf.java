package dev.cccf.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The front door of cccf-core: read, write, canonical form, and random fixtures.
 *
 * <pre>{@code
 * Document doc = Cccf.read(Path.of("examples/app.json"));   // throws InvalidDocumentException
 * for (Container c : doc.containers()) System.out.println(c.id() + " " + c.image());
 * String key = Cccf.canonical(doc.containers().get(0));       // for hashing and equality
 * }</pre>
 */
public final class Cccf {
    private Cccf() {
    }

    /** The default reader; add checks of extension fields with {@link CccfReader#withCheck}. */
    public static CccfReader reader() {
        return CccfReader.DEFAULT;
    }

    public static Document read(Path file) throws IOException {
        return reader().read(file);
    }

    public static Document read(InputStream in, String source) throws IOException {
        return reader().read(in, source);
    }

    /** Reads a document from text; sources are named {@code <string>}. */
    public static Document parse(String text) {
        return reader().read(text, "<string>");
    }

    /** Compact JSON of one container, in cccf field order. */
    public static String toJson(Container container) {
        return CccfWriter.json(container);
    }

    /** Canonical JSON: sorted keys, no whitespace, normalised numbers. Equal configs, equal strings. */
    public static String canonical(Container container) {
        return CccfWriter.canonical(container);
    }

    /** {@code n} valid containers with unique ids; the same seed gives the same containers. */
    public static List<Container> random(int n, long seed) {
        return Fixtures.random(n, seed);
    }
}
