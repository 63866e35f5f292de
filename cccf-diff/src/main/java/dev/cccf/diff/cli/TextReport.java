package dev.cccf.diff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import dev.cccf.diff.Change;
import dev.cccf.diff.CompactDiff;
import dev.cccf.diff.Diff;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The human view of a diff: {@code - id} for each container only removed, {@code + id} for each
 * only added, {@code ~ id  field: from -> to} for each changed one followed by a unified diff of
 * its canonical YAML (like {@code kubectl diff}), and a count line.
 */
final class TextReport {
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final int CONTEXT = 3;

    private final Writer out;
    private final boolean colour;

    private TextReport(Writer out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /**
     * Writes the report of {@code diff} to {@code to} as it goes: the containers are read back
     * from the diff a batch at a time, so a diff of a million containers is never all in memory.
     */
    static void write(CompactDiff diff, Set<String> ignore, boolean mask, boolean colour, OutputStream to) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(to, StandardCharsets.UTF_8), 1 << 16);
        TextReport r = new TextReport(w, colour);
        Set<String> changedIds = new HashSet<>();
        Set<String> changedNames = new HashSet<>();
        for (Change c : diff.changed()) {
            changedIds.add(c.id());
            changedNames.add(name(c.id()));
        }
        try {
            diff.forEach(CompactDiff.Part.REMOVE, c -> {
                if (!changedNames.contains(c.name())) {
                    r.line(RED, "- " + c.id());
                }
            });
            diff.forEach(CompactDiff.Part.ADD, c -> {
                if (!changedIds.contains(c.id())) {
                    r.line(GREEN, "+ " + c.id());
                }
            });
            diff.forEachChange((change, current, wanted) -> {
                r.line(YELLOW, "~ " + change.id() + "  " + (mask ? change.maskSecrets() : change).summary());
                r.unifiedDiff(change.id(), current, wanted, ignore, mask);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int changes = diff.changed().size();
        w.write((diff.size(CompactDiff.Part.ADD) - changes) + " to add, " + (diff.size(CompactDiff.Part.REMOVE) - changes)
                + " to remove, " + changes + " to change, " + diff.size(CompactDiff.Part.KEEP) + " to keep\n");
        w.flush();
    }

    private static String name(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }

    private void unifiedDiff(String id, Container current, Container wanted, Set<String> ignore, boolean mask) {
        boolean ignoreHost = wanted.host() == null;
        List<String> from = yaml(Diff.canonicalForm(current, ignore, ignoreHost), mask);
        List<String> to = yaml(Diff.canonicalForm(wanted, ignore, ignoreHost), mask);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("current/" + id, "wanted/" + id, from,
                DiffUtils.diff(from, to), CONTEXT);
        for (String l : lines) {
            if (l.startsWith("---") || l.startsWith("+++")) {
                line(BOLD, l);
            } else if (l.startsWith("@@")) {
                line(CYAN, l);
            } else if (l.startsWith("-")) {
                line(RED, l);
            } else if (l.startsWith("+")) {
                line(GREEN, l);
            } else {
                text(l);
            }
        }
    }

    private static List<String> yaml(ObjectNode form, boolean mask) {
        if (mask) {
            if (form.get("env") != null) {
                form.set("env", Change.maskEnv(form.get("env")));
            }
            if (form.get("cmd") != null) {
                form.set("cmd", Change.maskCmd(form.get("cmd")));
            }
            if (form.get("labels") != null) {
                form.set("labels", Change.maskLabels(form.get("labels")));
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            CccfWriter.writeTree(form, buffer, OutputFormat.YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void line(String colourCode, String text) {
        text(colour ? colourCode + text + RESET : text);
    }

    private void text(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
