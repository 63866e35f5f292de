package dev.cccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No fully qualified class name in the main code of any module ({@code java.util.Arrays.copyOf(...)},
 * {@code dev.cccf.core.Rules.quote(...)}): what a class uses stands in its imports. Comments,
 * strings and the import and package lines are not code here. Runs in cccf-docker, beside the
 * layering test, and reads the sources of every module of the repository.
 */
class QualifiedNamesTest {
    /** A package (two or more lower-case names from a top-level domain) and then a class name. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])(?:java|javax|jdk|sun|com|org|net|io|dev)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");
    /** Files and names that must stay qualified: none so far (a name clash would be one). */
    private static final Set<String> EXCEPTIONS = Set.of();

    @Test
    void noMainCodeNamesAClassByItsFullName() throws IOException {
        List<Path> sources = sources();
        assertThat(sources).as("the sources of every module").hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (Path file : sources) {
            found.addAll(qualifiedNames(file));
        }
        assertThat(found).as("fully qualified names in code; import them").isEmpty();
    }

    @Test
    void findsQualifiedNamesInCodeOnly() {
        String code = """
                package dev.cccf.x;
                import java.util.List;
                /** Uses {@link java.util.Map}. */
                class A {
                    String s = "java.util.Set";
                    char c = '"';
                    List<java.util.Map<String, String>> m = java.util.List.of(); // java.util.Arrays
                    String t = \"""
                        dev.cccf.core.Rules
                        \""";
                    int n = dev.cccf.core.Rules.quote("x").length() + this.other.Value;
                }
                """;
        assertThat(qualifiedNames("A.java", code)).containsExactly("A.java:7: java.util.Map", "A.java:7: java.util.List",
                "A.java:11: dev.cccf.core.Rules");
    }

    private static List<Path> sources() throws IOException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    private static List<String> qualifiedNames(Path file) {
        try {
            return qualifiedNames(file.getParent().getParent().getFileName() + "/" + file.getFileName(),
                    Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "NAME:LINE: the.qualified.Name" for each one in the code of {@code text}. */
    static List<String> qualifiedNames(String name, String text) {
        String[] lines = code(text).split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("import ") || line.startsWith("package ")) {
                continue;
            }
            Matcher m = QUALIFIED.matcher(lines[i]);
            while (m.find()) {
                String where = name + ":" + (i + 1) + ": " + m.group();
                if (!EXCEPTIONS.contains(where)) {
                    out.add(where);
                }
            }
        }
        return out;
    }

    /** {@code text} with every comment, string, text block and character literal blanked out (lines kept). */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = blank(text, i, end < 0 ? n : end + 2, out);
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf("\"\"\"", end + 1);
                }
                i = blank(text, i, end < 0 ? n : end + 3, out);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                i = blank(text, i, Math.min(n, j + 1), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Appends {@code text[from, to)} as spaces, its line breaks kept; returns {@code to}. */
    private static int blank(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
        return to;
    }
}
