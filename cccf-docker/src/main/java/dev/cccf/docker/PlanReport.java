package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.diff.Change;
import dev.cccf.diff.Diff;
import dev.cccf.diff.DiffJson;
import dev.cccf.diff.FieldChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Converge.Result} told per container, as Terraform tells a plan: what is done to each
 * container ({@link Kind}), on which host, and why (the fields that change, what forces the
 * replacement), with the count of each kind. {@link #of} is pure; {@link #toText} and
 * {@link #toTree} are its two printings (for people, and as a versioned JSON document).
 */
public record PlanReport(List<Action> actions, List<Image> images, int keep, List<Container> foreign, List<Image> pulls) {
    /** The version of {@link #toTree}'s document: a change that could break a reader raises it. */
    public static final String FORMAT_VERSION = "1";

    public PlanReport {
        actions = List.copyOf(actions);
        images = List.copyOf(images);
        pulls = List.copyOf(pulls);
        foreign = List.copyOf(foreign);
    }

    /** What is done to one container. */
    public enum Kind {
        /** Created and started: nothing of its id runs. */
        ADD("+", "add"),
        /** Changed where it stands: a stopped container started. */
        CHANGE("~", "change"),
        /** Stopped and removed, then made again with its new config (docker cannot change a container's config). */
        REPLACE("-/+", "replace"),
        /** Stopped and removed. */
        REMOVE("-", "remove");

        private final String symbol;
        private final String word;

        Kind(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        /** {@code +}, {@code ~}, {@code -/+} or {@code -}. */
        public String symbol() {
            return symbol;
        }

        /** {@code add}, {@code change}, {@code replace} or {@code remove}. */
        public String word() {
            return word;
        }
    }

    /**
     * One container's action.
     *
     * @param container the container as it will be (add, replace) or as it is (change, remove)
     * @param change the fields that differ between the current and the wanted container (replace),
     *     or {@code null}
     * @param reasons why, in words ({@code forces replacement}, {@code exited: started}, ...)
     */
    public record Action(Kind kind, Container container, Change change, List<String> reasons) {
        public Action {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(container, "container");
            reasons = List.copyOf(reasons);
        }

        public String id() {
            return container.id();
        }

        public String host() {
            return container.host();
        }
    }

    /** An image a container to create needs on a host (pulled there if the engine lacks it). */
    public record Image(String host, String image) {
    }

    /** How many actions are of {@code kind}. */
    public int count(Kind kind) {
        return (int) actions.stream().filter(a -> a.kind() == kind).count();
    }

    /** True when the plan does nothing. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** {@code 1 to add, 0 to change, 2 to replace, 0 to remove}. */
    public String summary() {
        return count(Kind.ADD) + " to add, " + count(Kind.CHANGE) + " to change, " + count(Kind.REPLACE) + " to replace, "
                + count(Kind.REMOVE) + " to remove";
    }

    /** The report of {@code plan}: its removals, starts and creations as actions, in id order (as Terraform orders addresses). */
    public static PlanReport of(Converge.Result plan) {
        Map<String, Container> removedByName = new HashMap<>();
        Set<String> created = new LinkedHashSet<>();
        plan.create().forEach(c -> created.add(c.name()));
        Map<String, String> madeAgain = new HashMap<>();
        for (Problem w : plan.warnings()) {
            if (w.code().equals(Converge.MADE_AGAIN)) {
                madeAgain.put(idOf(w.path()), w.message());
            }
        }
        List<Action> out = new ArrayList<>();
        List<Container> duplicates = new ArrayList<>();
        for (Container c : plan.remove()) {
            if (created.contains(c.name()) && !removedByName.containsKey(c.name())) {
                removedByName.put(c.name(), c);
            } else if (created.contains(c.name()) || isKept(plan, c)) {
                duplicates.add(c);
            } else {
                out.add(new Action(Kind.REMOVE, c, null, List.of("not in WANTED")));
            }
        }
        duplicates.forEach(c -> out.add(new Action(Kind.REMOVE, c, null, List.of("a second container of this id"))));
        for (Container c : plan.start()) {
            String state = c.extension(DockerFields.STATE).map(JsonNode::asText).orElse("stopped");
            out.add(new Action(Kind.CHANGE, c.toBuilder().removeExtension(DockerFields.STATE).build(), null,
                    List.of("state: " + state + " -> running")));
        }
        List<Image> images = new ArrayList<>();
        Set<Image> seen = new LinkedHashSet<>();
        for (Container c : plan.create()) {
            if (seen.add(new Image(c.host(), c.image()))) {
                images.add(new Image(c.host(), c.image()));
            }
            Container old = removedByName.get(c.name());
            if (old == null) {
                out.add(new Action(Kind.ADD, c, null, List.of()));
                continue;
            }
            List<Change> changed = Diff.between(List.of(old), List.of(c)).changed();
            Change change = changed.isEmpty() ? null : changed.get(0);
            List<String> reasons = new ArrayList<>();
            if (!Objects.equals(old.host(), c.host())) {
                reasons.add("moves from " + old.host() + " to " + c.host());
            }
            if (madeAgain.containsKey(c.id())) {
                reasons.add(madeAgain.get(c.id()));
            } else if (change == null && reasons.isEmpty()) {
                reasons.add("its container is dead");
            }
            reasons.add("forces replacement");
            out.add(new Action(Kind.REPLACE, c, change, reasons));
        }
        out.sort(Comparator.comparing(Action::id).thenComparing(a -> Objects.toString(a.host(), ""))
                .thenComparing(a -> a.kind().ordinal()));
        images.sort(Comparator.comparing((Image i) -> Objects.toString(i.host(), "")).thenComparing(Image::image));
        return new PlanReport(out, images, plan.keep().size(), plan.foreign(), List.of());
    }

    /** This report with the images apply would pull before it stops anything (cccf-docker's {@code PreFlight.toPull}). */
    public PlanReport withPulls(List<Image> toPull) {
        return new PlanReport(actions, images, keep, foreign, toPull);
    }

    private static boolean isKept(Converge.Result plan, Container c) {
        return plan.keep().stream().anyMatch(k -> k.name().equals(c.name()))
                || plan.start().stream().anyMatch(k -> k.name().equals(c.name()));
    }

    private static String idOf(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /**
     * The plan for people: one line per action ({@code SYMBOL ID  on HOST  (REASONS)}), each
     * changed field under it ({@code image: a -> b}, {@code env: + X=1}), then the images to pull
     * first ({@code pull IMAGE  on HOST}), then {@code Plan: N to add, ...}; {@code No changes.} and the count of containers as wanted when there is nothing
     * to do. With {@code mask}, secrets are {@code ***} ({@link Change#maskSecrets}).
     */
    public String toText(boolean mask) {
        StringBuilder out = new StringBuilder();
        if (actions.isEmpty()) {
            return "No changes: " + keep + " container(s) as wanted.\n";
        }
        int width = actions.stream().mapToInt(a -> a.kind().symbol().length() + 1 + a.id().length()).max().orElse(0);
        for (Action a : actions) {
            String head = a.kind().symbol() + " " + a.id();
            out.append(head).append(" ".repeat(width - head.length() + 2)).append("on ").append(a.host() == null ? "(any host)" : a.host());
            if (!a.reasons().isEmpty()) {
                out.append("  (").append(String.join("; ", a.reasons())).append(')');
            }
            out.append('\n');
            if (a.change() != null) {
                (mask ? a.change().maskSecrets() : a.change()).fields().forEach((field, f) -> out.append(fieldLines(field, f)));
            }
        }
        if (!pulls.isEmpty()) {
            out.append('\n').append("Pulled first, before anything is stopped:\n");
            pulls.forEach(p -> out.append("  pull ").append(p.image()).append("  on ").append(p.host() == null ? "(any host)" : p.host())
                    .append('\n'));
        }
        out.append('\n').append("Plan: ").append(summary()).append(".\n");
        return out.toString();
    }

    private static String fieldLines(String field, FieldChange f) {
        StringBuilder out = new StringBuilder();
        if (Diff.SET_FIELDS.contains(field)) {
            f.added().forEach(item -> out.append("      ").append(field).append(": + ").append(item).append('\n'));
            f.removed().forEach(item -> out.append("      ").append(field).append(": - ").append(item).append('\n'));
        } else {
            out.append("      ").append(field).append(": ").append(show(f.from())).append(" -> ").append(show(f.to())).append('\n');
        }
        return out.toString();
    }

    private static String show(JsonNode value) {
        return value.isNull() ? "(none)" : value.toString();
    }

    /**
     * The plan as a JSON document: {@code {"format_version": "1", "summary": {"add": N, "change":
     * N, "replace": N, "remove": N, "keep": N}, "actions": [{"action", "id", "host", "reasons":
     * [...], "changes": {FIELD: {"from", "to", "added", "removed"}}}], "images": [{"host",
     * "image", "pull"}] (pull: apply pulls it first), "foreign": [{"id", "host"}]}}; with {@code mask}, secrets are {@code ***} in
     * {@code changes}.
     */
    public ObjectNode toTree(boolean mask) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format_version", FORMAT_VERSION);
        ObjectNode summary = o.putObject("summary");
        for (Kind k : Kind.values()) {
            summary.put(k.word(), count(k));
        }
        summary.put("keep", keep);
        ArrayNode list = o.putArray("actions");
        for (Action a : actions) {
            ObjectNode item = list.addObject().put("action", a.kind().word()).put("id", a.id()).put("host", a.host());
            a.reasons().forEach(item.putArray("reasons")::add);
            if (a.change() != null) {
                item.set("changes", DiffJson.toTree(mask ? a.change().maskSecrets() : a.change()).get("fields"));
            }
        }
        ArrayNode needed = o.putArray("images");
        images.forEach(i -> needed.addObject().put("host", i.host()).put("image", i.image()).put("pull", pulls.contains(i)));
        ArrayNode others = o.putArray("foreign");
        foreign.forEach(c -> others.addObject().put("id", c.id()).put("host", c.host()));
        return o;
    }
}
