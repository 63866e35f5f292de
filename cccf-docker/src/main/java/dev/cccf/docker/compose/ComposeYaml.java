package dev.cccf.docker.compose;

import dev.cccf.core.Location;
import dev.cccf.core.Rules;
import java.io.StringReader;
import java.util.Locale;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reading the YAML of a compose file into SnakeYAML's node graph, within limits (aliases, nesting,
 * size), and SnakeYAML's failures as located problems. Merge keys are left for {@link MergeKeys}.
 *
 * <p>SnakeYAML fails with more than its {@link YAMLException}s: a tag that decodes to a leading or
 * trailing space ({@code !<%20x>}, {@code !.%f}) is an {@link IllegalArgumentException} of its
 * composer, and a {@code \UXXXXXXXX} escape beyond {@code 7FFFFFFF} a {@link NumberFormatException}
 * of its scanner. Nothing but SnakeYAML runs inside {@link #compose}, so every exception there is a
 * {@code syntax} problem, placed where SnakeYAML stood: the reader's position for a failure of
 * the parser, the start of the node being built for a failure of the composer.
 */
final class ComposeYaml {
    private ComposeYaml() {
    }

    /** The root node of {@code text}, or null when there is none (the problem is then reported). */
    static Node compose(String text, Problems problems) {
        Node root;
        LoaderOptions options = options();
        LocatingParser parser = new LocatingParser(new StreamReader(new StringReader(text)), options);
        try {
            root = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (ReaderException e) { // a character YAML does not allow: where it is, and which
            problems.error(offset(text, e.getPosition(), problems.source()), "$", Rules.SYNTAX,
                    String.format(Locale.ROOT, "character U+%04X is not allowed in YAML", e.getCodePoint()));
            return null;
        } catch (MarkedYAMLException e) {
            problems.error(e.getProblemMark(), "$", yamlCode(e), e.getProblem() == null ? "not valid YAML" : oneLine(e.getProblem()));
            return null;
        } catch (YAMLException e) {
            problems.error((Mark) null, "$", yamlCode(e), yamlMessage(e));
            return null;
        } catch (RuntimeException e) { // SnakeYAML's other failures (see above)
            problems.error(parser.failedAt(), "$", Rules.SYNTAX, "not valid YAML: "
                    + oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return null;
        }
        if (root == null) {
            problems.error((Mark) null, "$", Rules.EMPTY_DOCUMENT, "the compose file is empty");
        }
        return root;
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(Compose.MAX_ALIASES);
        options.setNestingDepthLimit(Compose.MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false); // MergeKeys does it, each mapping once
        options.setAllowDuplicateKeys(true); // reported by us, with a location
        options.setCodePointLimit(16 * 1024 * 1024);
        return options;
    }

    /**
     * SnakeYAML's parser, remembering where a failure happened: inside the parser, at the
     * reader's position; after it (in the composer), at the start of the last event handed out.
     */
    private static final class LocatingParser implements Parser {
        private final StreamReader reader;
        private final Parser parser;
        private Mark lastEvent;
        private Mark failure;

        LocatingParser(StreamReader reader, LoaderOptions options) {
            this.reader = reader;
            this.parser = new ParserImpl(reader, options);
        }

        /** Where the failure happened; null (the file's start) before any event. */
        Mark failedAt() {
            return failure != null ? failure : lastEvent;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return track(() -> parser.checkEvent(choice));
        }

        @Override
        public Event peekEvent() {
            return track(parser::peekEvent);
        }

        @Override
        public Event getEvent() {
            Event event = track(parser::getEvent);
            lastEvent = event == null ? lastEvent : event.getStartMark();
            return event;
        }

        private <T> T track(Supplier<T> call) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                failure = reader.getMark();
                throw e;
            }
        }
    }

    private static String yamlCode(YAMLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("aliases")) {
            return Rules.YAML_ALIASES;
        }
        return m.contains("Nesting Depth") ? Rules.NESTING_DEPTH : Rules.SYNTAX;
    }

    private static String yamlMessage(YAMLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("aliases")) {
            return "more than " + Compose.MAX_ALIASES + " YAML aliases to collections (an alias bomb?)";
        }
        if (m.contains("Nesting Depth")) {
            return "nested deeper than " + Compose.MAX_DEPTH + " levels";
        }
        return oneLine(m);
    }

    /** SnakeYAML's message on one line, with the characters a terminal would act on written as escapes. */
    static String oneLine(String message) {
        String text = message.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x202e || c == 0x200b || c == 0xfeff) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() > 300 ? out.substring(0, 300) + "..." : out.toString();
    }

    /** The line and column of the code point at {@code offset} (SnakeYAML counts code points) in {@code text}. */
    private static Location offset(String text, int offset, String source) {
        String before = text.substring(0, text.offsetByCodePoints(0, Math.min(offset, text.codePointCount(0, text.length()))));
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return new Location(source, line, before.codePointCount(lineStart, before.length()) + 1);
    }
}
