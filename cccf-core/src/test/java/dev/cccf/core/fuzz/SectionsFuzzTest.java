package dev.cccf.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.DocumentParser;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.Sections;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code CccfReader.readSections}, as {@code cccf host} and {@code cccf instructions} read a diff
 * or a plain document, against the whole read, for any bytes:
 * <ul>
 * <li>a plain document (an array, or an object whose first field is not a section name) gives
 *     the one section {@code ""} with exactly the containers {@code read} returns, or exactly
 *     the problems it throws;
 * <li>a well-formed JSON object of sections gives, for each section, what {@code read} gives for
 *     the section's array alone (the input with everything else blanked out, so that lines and
 *     columns stay), with paths under {@code $.SECTION} and the same located problems (file,
 *     line, column, path, code), but without the id rules, which apply across a document and not
 *     inside a section; a section that is not an array is a {@code list-type} problem where its
 *     value stands; every other field is kept as it is.
 * </ul>
 * Problems are located and carry no raw control character, and no other exception ever comes.
 */
class SectionsFuzzTest {
    private static final Set<String> SECTIONS = Set.of("add", "remove", "keep");
    private static final JsonFactory JSON = new JsonFactory();

    /** What readSections gave: its sections' containers and other fields, or its problems. */
    private record Outcome(Map<String, List<Container>> sections, Map<String, JsonNode> others, List<Where> problems) {
    }

    /** A problem without its message: where, which path, which rule. */
    private record Where(Location location, String path, String code) {
        static List<Where> of(List<Problem> problems) {
            return problems.stream().map(p -> new Where(p.location().orElseThrow(), p.path(), p.code())).toList();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void readSectionsAgreesWithTheWholeRead(byte[] input) throws IOException {
        Outcome actual;
        try {
            Sections s = Cccf.reader().readSections(new ByteArrayInputStream(input), "fuzz", SECTIONS);
            Map<String, List<Container>> sections = new LinkedHashMap<>();
            s.sections().forEach((name, d) -> sections.put(name, d.containers()));
            actual = new Outcome(sections, s.others(), null);
        } catch (InvalidDocumentException e) {
            Problems.assertLocatedAndClean(e.problems());
            actual = new Outcome(null, null, Where.of(e.problems()));
        }
        if (!startsWithASection(input)) {
            Read whole = Read.of(() -> Cccf.read(new ByteArrayInputStream(input), "fuzz").containers());
            Outcome expected = whole.problems() != null ? new Outcome(null, null, Where.of(whole.problems()))
                    : new Outcome(Map.of("", whole.containers()), Map.of(), null);
            assertThat(actual).as("a plain document").isEqualTo(expected);
            return;
        }
        ObjectNode tree = wellFormedJson(input);
        if (tree != null) {
            assertThat(actual).as("a document of sections").isEqualTo(sectionsOneByOne(input, tree));
        }
    }

    /** Thrown by a parse body once it knows what readSections will take the document for. */
    private static final class Decided extends RuntimeException {
        final boolean sections;

        Decided(boolean sections) {
            super(null, null, false, false);
            this.sections = sections;
        }
    }

    /**
     * Whether readSections takes the input for a document of sections: an object whose first
     * field is a section name, as the reader's own parser sees it (JSON or YAML). A parse that
     * fails before that is told fails alike in both reads.
     */
    private static boolean startsWithASection(byte[] input) throws IOException {
        try {
            DocumentParser.parse(new ByteArrayInputStream(input), "fuzz", (p, report) -> {
                throw new Decided(p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                        && SECTIONS.contains(p.currentName()));
            });
        } catch (Decided d) {
            return d.sections;
        } catch (InvalidDocumentException e) {
            return false;
        }
        throw new AssertionError("the body always decides");
    }

    /**
     * The input as a tree when it is well-formed JSON (as the reader's parser reads it); else
     * null: YAML, or a syntax error, which this test cannot take apart section by section (the
     * general checks above hold for them).
     */
    private static ObjectNode wellFormedJson(byte[] input) throws IOException {
        if (firstSignificant(input) != '{') {
            return null;
        }
        try {
            return (ObjectNode) DocumentParser.parse(new ByteArrayInputStream(input), "fuzz",
                    (p, report) -> {
                        p.nextToken();
                        return DocumentParser.readTree(p);
                    });
        } catch (InvalidDocumentException e) {
            return null;
        }
    }

    /**
     * What readSections must give for a well-formed JSON document of sections: each section read
     * alone by the whole reader, in place.
     */
    private static Outcome sectionsOneByOne(byte[] input, ObjectNode tree) throws IOException {
        Map<String, List<Container>> sections = new LinkedHashMap<>();
        Map<String, JsonNode> others = new LinkedHashMap<>();
        List<Where> problems = new ArrayList<>();
        try (JsonParser p = JSON.createParser(input)) {
            p.nextToken();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                long from = p.currentTokenLocation().getByteOffset();
                Location at = new Location("fuzz", p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr());
                p.skipChildren();
                long to = p.currentTokenLocation().getByteOffset() + 1;
                if (!SECTIONS.contains(name)) {
                    others.put(name, tree.get(name));
                } else if (value != JsonToken.START_ARRAY) {
                    problems.add(new Where(at, "$." + name, Rules.LIST_TYPE));
                } else {
                    Read alone = Read.of(() -> Cccf.read(new ByteArrayInputStream(only(input, (int) from, (int) to)), "fuzz")
                            .containers());
                    if (alone.problems() == null) {
                        sections.put(name, alone.containers());
                    } else {
                        alone.problems().forEach(q -> problems.add(new Where(q.location().orElseThrow(), "$." + name + q.path().substring(1), q.code())));
                    }
                }
            }
        }
        return problems.isEmpty() ? new Outcome(sections, others, null) : new Outcome(null, null, problems);
    }

    /** The input with every byte outside {@code [from, to)} a space, but line breaks (and a leading BOM) kept. */
    private static byte[] only(byte[] input, int from, int to) {
        byte[] out = Arrays.copyOf(input, input.length);
        int bom = input.length >= 3 && (input[0] & 0xff) == 0xef && (input[1] & 0xff) == 0xbb && (input[2] & 0xff) == 0xbf ? 3 : 0;
        for (int i = bom; i < out.length; i++) {
            if ((i < from || i >= to) && out[i] != '\n' && out[i] != '\r') {
                out[i] = ' ';
            }
        }
        return out;
    }

    private static int firstSignificant(byte[] input) {
        for (byte b : input) {
            int c = b & 0xff;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0xef && c != 0xbb && c != 0xbf) {
                return c;
            }
        }
        return -1;
    }
}
