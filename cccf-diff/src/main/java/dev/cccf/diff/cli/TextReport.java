package dev.cccf.diff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import dev.cccf.diff.Change;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffResult;
import dev.cccf.core.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    private final StringBuilder out = new StringBuilder();
    private final boolean colour;

    private TextReport(boolean colour) {
        this.colour = colour;
    }

    static String render(DiffResult diff, Set<String> ignore, boolean mask, boolean colour) {
        TextReport r = new TextReport(colour);
        Set<String> changedIds = new HashSet<>();
        diff.changed().forEach(c -> changedIds.add(c.id()));
        Map<String, Container> currentById = new HashMap<>();
        for (Container c : diff.remove()) {
            currentById.put(c.name(), c);
        }
        Map<String, Container> wantedById = new HashMap<>();
        for (Container c : diff.add()) {
            if (changedIds.contains(c.id())) {
                wantedById.put(c.name(), c);
            }
        }
        for (Container c : diff.remove()) {
            if (!wantedById.containsKey(c.name())) {
                r.line(RED, "- " + c.id());
            }
        }
        for (Container c : diff.add()) {
            if (!changedIds.contains(c.id())) {
                r.line(GREEN, "+ " + c.id());
            }
        }
        for (Change change : diff.changed()) {
            Container wanted = wantedById.get(name(change.id()));
            Container current = currentById.get(name(change.id()));
            r.line(YELLOW, "~ " + change.id() + "  " + summary(change, mask));
            r.unifiedDiff(change.id(), current, wanted, ignore, mask);
        }
        int onlyAdded = diff.add().size() - diff.changed().size();
        int onlyRemoved = diff.remove().size() - diff.changed().size();
        r.out.append(onlyAdded).append(" to add, ").append(onlyRemoved).append(" to remove, ")
                .append(diff.changed().size()).append(" to change, ").append(diff.keep().size()).append(" to keep\n");
        return r.out.toString();
    }

    private static String name(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }

    /** {@code image: a -> b, env: +A=2 -A=1}. */
    static String summary(Change change, boolean mask) {
        List<String> parts = new ArrayList<>();
        change.fields().forEach((field, f) -> {
            boolean env = mask && field.equals("env");
            if (Diff.SET_FIELDS.contains(field)) {
                StringBuilder b = new StringBuilder(field).append(':');
                f.added().forEach(item -> b.append(" +").append(env ? Secrets.maskEnv(item) : item));
                f.removed().forEach(item -> b.append(" -").append(env ? Secrets.maskEnv(item) : item));
                parts.add(b.toString());
            } else {
                parts.add(field + ": " + show(f.from()) + " -> " + show(f.to()));
            }
        });
        return String.join(", ", parts);
    }

    private static String show(JsonNode value) {
        if (value.isNull()) {
            return "(none)";
        }
        return value.isTextual() ? value.asText() : value.toString();
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
                out.append(l).append('\n');
            }
        }
    }

    private static List<String> yaml(ObjectNode form, boolean mask) {
        JsonNode env = form.get("env");
        if (mask && env != null) {
            form.set("env", DiffTool.maskEnv(env));
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
        if (colour) {
            out.append(colourCode).append(text).append(RESET).append('\n');
        } else {
            out.append(text).append('\n');
        }
    }
}
