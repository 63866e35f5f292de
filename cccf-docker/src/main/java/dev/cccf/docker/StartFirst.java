package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.fields.Networks;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replacing a changed container without a gap: the new one is created and started under a
 * temporary name ({@code NAME-cccf-next}), and once it runs (and is healthy, when it has a
 * healthcheck) the old one is renamed away ({@code NAME-cccf-old}), the new one takes the name,
 * and the old one is stopped and removed. On a user-defined network, where others find the
 * container by its name (docker's DNS), the name never stops answering: once ready, the new one
 * joins each of its networks again with the name as an alias, so that both answer it; the old one
 * then leaves its networks (docker's DNS answers only the new one), and only then is it renamed
 * (docker 20.10's DNS was seen answering a renamed container's old name for seconds). The new one
 * gets the alias only once ready, not at its creation: a container is in docker's DNS from its
 * start, before it listens. Where the two cannot run side by side (a host port, the host's
 * network, a fixed address), or should not (a bind mount or named volume both would write to,
 * unless {@code update_order: start-first} says so), or the container says {@code update_order:
 * stop-first}, the old one goes first, as before.
 *
 * <p>A new container that does not get ready is removed and the old one keeps running: the step
 * fails, saying why. An apply cut short between these steps leaves a container under one of the
 * two temporary names; {@link #settle} puts it right before the next apply plans.
 */
public final class StartFirst {
    private StartFirst() {
    }

    /** The temporary name of the new container, after its final name. */
    public static final String NEXT = "-cccf-next";
    /** The temporary name of the old container, after its final name. */
    public static final String OLD = "-cccf-old";
    /** Warning: a container that asks for start-first is replaced stop-first, and why. */
    public static final String STOP_FIRST = "stop-first";
    /** Warning: a container left under a temporary name by an apply cut short was put right. */
    public static final String SETTLED = "settled";

    /**
     * Why {@code wanted} must be replaced stop-first, or empty when start-first works (the default
     * where it can work).
     */
    public static Optional<String> stopFirstBecause(Container wanted) {
        String order = wanted.extension("update_order").map(JsonNode::asText).orElse(null);
        if ("stop-first".equals(order)) {
            return Optional.of("update_order is stop-first");
        }
        if (!wanted.ports().isEmpty()) {
            return Optional.of("it publishes host port " + wanted.ports().get(0).split(":", 2)[0]
                    + ", which two containers cannot hold at once");
        }
        if (wanted.extension("network").map(n -> n.asText().equals("host")).orElse(false)) {
            return Optional.of("it uses the host's network, whose ports two containers cannot share");
        }
        Optional<Networks.Attachment> fixed = Networks.of(wanted).stream().filter(a -> a.ipv4Address() != null).findFirst();
        if (fixed.isPresent()) {
            return Optional.of("it has the fixed address " + fixed.get().ipv4Address() + " on network " + fixed.get().network()
                    + ", which two containers cannot hold at once");
        }
        if (!"start-first".equals(order)) {
            Optional<String> shared = wanted.volumes().stream().filter(v -> v.contains(":")).findFirst();
            if (shared.isPresent()) {
                return Optional.of("it mounts " + shared.get().split(":", 2)[0]
                        + ", which the old and the new container would both write (update_order: start-first allows it)");
            }
        }
        return Optional.empty();
    }

    /** The name of a container in a list summary ({@code GET /containers/json}). */
    private static String nameOf(JsonNode summary) {
        return summary.path("Names").path(0).asText("").replaceFirst("^/", "");
    }

    /** True for a container cccf recorded as {@code c} under one of the two temporary names of a replacement of it. */
    static boolean inTransition(JsonNode summary, Container c) {
        String name = nameOf(summary);
        return name.equals(c.name() + NEXT) || name.equals(c.name() + OLD);
    }

    /** The warning when {@code wanted} asks for start-first and cannot have it, or empty. */
    static Optional<Problem> refused(Container wanted) {
        boolean asked = wanted.extension("update_order").map(o -> o.asText().equals("start-first")).orElse(false);
        return asked ? stopFirstBecause(wanted).map(why -> Problem.warning(wanted.id() + ".update_order", STOP_FIRST,
                wanted.id() + " on " + wanted.host() + " is replaced stop-first: " + why)) : Optional.empty();
    }

    /**
     * Replaces the container named after {@code c} on {@code engine} by a new one made from
     * {@code body}, start-first.
     *
     * @param oldHash the config hash of the old container as apply saw it: one that changed since
     *     (another apply, a person) is left alone and the step fails
     * @return what was done
     * @throws Engine.EngineException when the new one cannot be made or does not get ready (it is
     *     removed, the old one runs on), or the engine fails between the renames
     */
    /** What {@link #replace} did. */
    enum Outcome {
        /** The new container runs under the name; the old one was removed. */
        REPLACED,
        /** The new container runs under the name; there was no old one any more. */
        CREATED,
        /** Another apply of the project made the same replacement at the same time. */
        BY_ANOTHER
    }

    static Outcome replace(Engine engine, Container c, JsonNode body, String oldHash, String project, int stopTimeoutSeconds,
            Apply.Waits waits) {
        String name = c.name();
        String next = name + NEXT;
        String old = name + OLD;
        Optional<JsonNode> now = engine.inspect(name);
        String newHash = body.path("Labels").path(CccfLabels.HASH).asText();
        if (now.isPresent() && Apply.hash(now.get()).equals(newHash)) {
            return Outcome.BY_ANOTHER; // another apply of the same WANTED made this very replacement since apply looked
        }
        if (now.isPresent() && !Apply.hash(now.get()).equals(oldHash)) {
            throw new Engine.EngineException("not replaced: the container of that name was changed since apply looked (left alone)");
        }
        Optional<JsonNode> left = engine.inspect(next);
        if (left.isPresent() && !project.equals(left.get().path("Config").path("Labels").path(CccfLabels.PROJECT).asText(null))) {
            throw new Engine.EngineException("not replaced: the temporary name " + next + " is taken by a container of"
                    + " another project or none (the old container runs on)");
        }
        if (left.isPresent() && leftOver(engine, next)) {
            engine.remove(next); // an apply or engine cut short left it: made again from what is wanted now
        } else if (left.isPresent()) {
            return doneByAnotherOrAgain(engine, c, body, oldHash, project, stopTimeoutSeconds, waits);
        }
        try {
            Apply.create(engine, next, c, body);
        } catch (Engine.EngineException taken) {
            if (!taken.isConflict()) {
                throw taken;
            }
            return doneByAnotherOrAgain(engine, c, body, oldHash, project, stopTimeoutSeconds, waits);
        }
        try {
            engine.start(next);
            Health.await(engine, next, Health.Goal.READY, waits.deadline(), waits.interrupted());
        } catch (RuntimeException notReady) {
            removeQuietly(engine, next);
            throw new Engine.EngineException("not replaced, the old container runs on: " + notReady.getMessage(), notReady);
        }
        try {
            if (onUserNetwork(c)) { // elsewhere no network answers the name: nothing to ask the engine
                answerTheName(engine, next, name);
            }
        } catch (RuntimeException notJoined) {
            removeQuietly(engine, next);
            throw new Engine.EngineException("not replaced, the old container runs on: " + notJoined.getMessage(), notJoined);
        }
        // from here on the new one answers the name; an old one off its networks is not put back (settle finishes the job)
        // the old one by its id: another apply of the same WANTED may have given the name to its own new one meanwhile
        String oldId = now.map(o -> o.path("Id").asText(name)).orElse(name);
        boolean cutOff = now.isPresent() && leaveNetworks(engine, oldId, now.get());
        if (now.isPresent()) {
            try {
                engine.rename(oldId, old);
            } catch (RuntimeException notRenamed) { // NAME-cccf-old taken (a leftover), or the old one gone meanwhile
                if (madeByAnother(engine, name, newHash)) {
                    removeQuietly(engine, next);
                    return Outcome.BY_ANOTHER;
                }
                if (cutOff) {
                    throw notRenamed;
                }
                removeQuietly(engine, next);
                throw new Engine.EngineException("not replaced, the old container runs on: " + notRenamed.getMessage(), notRenamed);
            }
        }
        try {
            engine.rename(next, name);
        } catch (RuntimeException notRenamed) {
            if (now.isEmpty() && madeByAnother(engine, name, newHash)) { // it took the name while this one got ready
                removeQuietly(engine, next);
                return Outcome.BY_ANOTHER;
            }
            if (cutOff) {
                throw notRenamed;
            }
            if (now.isPresent()) {
                engine.rename(old, name); // the old one back under its name; the new one goes
            }
            removeQuietly(engine, next);
            throw notRenamed;
        }
        if (now.isEmpty()) {
            return Outcome.CREATED;
        }
        try {
            engine.stop(old, stopTimeoutSeconds);
            engine.remove(old);
        } catch (Engine.EngineException e) {
            if (!e.isConflict()) { // a conflict: another apply's settle is removing it already
                throw e;
            }
        }
        return Outcome.REPLACED;
    }

    /** True when the container of {@code name} is now one made from the same config ({@code hash}) by another apply. */
    private static boolean madeByAnother(Engine engine, String name, String hash) {
        Optional<JsonNode> there = engine.inspect(name);
        return there.isPresent() && Apply.hash(there.get()).equals(hash);
    }

    /**
     * The user-defined networks a container described by {@code GET /containers/ID/json} is on
     * (where docker's DNS answers its name), with their endpoint settings.
     */
    private static Map<String, JsonNode> userNetworks(JsonNode container) {
        Map<String, JsonNode> out = new TreeMap<>();
        container.path("NetworkSettings").path("Networks").properties().forEach(n -> {
            if (Networks.isUserNetwork(n.getKey())) {
                out.put(n.getKey(), n.getValue());
            }
        });
        return out;
    }

    /** True when {@code c} joins a user-defined network (its {@code network} field or its {@code networks}). */
    private static boolean onUserNetwork(Container c) {
        return c.extension("network").map(n -> Networks.isUserNetwork(n.asText())).orElse(false) || !Networks.of(c).isEmpty();
    }

    /**
     * Makes the new container {@code next}, ready, answer {@code name} on each user-defined
     * network it is on: it leaves the network and joins it again with {@code name} added to its
     * aliases (docker has no other way to add an alias), its other endpoint settings kept.
     */
    private static void answerTheName(Engine engine, String next, String name) {
        JsonNode container = engine.inspect(next).orElseThrow(() -> new Engine.EngineException(next + " is gone"));
        String id = container.path("Id").asText();
        for (Map.Entry<String, JsonNode> n : userNetworks(container).entrySet()) {
            ObjectNode endpoint = JsonNodeFactory.instance.objectNode();
            ArrayNode aliases = endpoint.putArray("Aliases").add(name);
            n.getValue().path("Aliases").forEach(a -> { // without those docker adds itself: the name and the short id
                if (!a.asText().equals(next) && !a.asText().equals(name) && !(a.asText().length() >= 12 && id.startsWith(a.asText()))) {
                    aliases.add(a);
                }
            });
            for (String kept : List.of("Links", "IPAMConfig", "DriverOpts")) {
                if (n.getValue().hasNonNull(kept)) {
                    endpoint.set(kept, n.getValue().get(kept));
                }
            }
            engine.disconnectNetwork(n.getKey(), next);
            engine.connectNetwork(n.getKey(), next, endpoint);
        }
    }

    /**
     * Takes the old container {@code name} off each user-defined network it is on, so that docker's
     * DNS answers its name with the new one's address only.
     *
     * @return true when it was on one (it is cut off now: only going forward puts things right)
     */
    private static boolean leaveNetworks(Engine engine, String name, JsonNode old) {
        Set<String> networks = userNetworks(old).keySet();
        for (String network : networks) {
            engine.disconnectNetwork(network, name);
        }
        return !networks.isEmpty();
    }

    /**
     * True for a container cut off from its user-defined network mode: a start-first replacement
     * took it off its networks and was cut short before it was renamed away.
     */
    private static boolean cutOff(JsonNode container) {
        String mode = container.path("HostConfig").path("NetworkMode").asText("");
        return Networks.isUserNetwork(mode) && userNetworks(container).isEmpty();
    }

    /**
     * True when a new container under its temporary name may be the one another apply is making
     * now: made since {@code before} (seconds since 1970), and not {@link #leftOver} (that apply
     * starts it within moments of making it, and it runs while that apply waits for it).
     */
    private static boolean underWay(Engine engine, JsonNode summary, long before) {
        if (summary.path("Created").asLong(0) <= before) {
            return false;
        }
        // made just now and not yet started, or running since it was made: as an apply makes it; gone: nothing to put right
        return !leftOver(engine, nameOf(summary)) || engine.inspect(nameOf(summary)).isEmpty();
    }

    /**
     * True when a container was started later than an apply starts the container it creates (at
     * once, within {@link #SETTLE_MILLIS}): its engine restarted it (an engine restart, or its
     * restart policy), so no apply is waiting for it now.
     */
    static boolean startedAgain(JsonNode inspected) {
        try {
            Instant created = Instant.parse(inspected.path("Created").asText());
            Instant started = Instant.parse(inspected.path("State").path("StartedAt").asText());
            return Duration.between(created, started).toMillis() > SETTLE_MILLIS;
        } catch (DateTimeParseException e) {
            return false; // never started ("0001-01-01T00:00:00Z" parses; an absent one does not)
        }
    }

    /**
     * True when the container {@code next} is left over rather than another apply's new container
     * now: it is not running and does not start within {@link #SETTLE_MILLIS} (an apply starts the
     * container it creates at once; one cut short leaves it created, exited or dead), or it runs
     * because its engine started it again ({@link #startedAgain}: an engine restarted under it).
     */
    private static boolean leftOver(Engine engine, String next) {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
        while (true) {
            Optional<JsonNode> there = engine.inspect(next);
            if (there.isEmpty()) {
                return true;
            }
            if (there.get().path("State").path("Status").asText("").equals("running")) {
                return startedAgain(there.get());
            }
            if (System.nanoTime() - deadline > 0) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** How long a new container that another apply has just created may take to be started. */
    static final long SETTLE_MILLIS = 5000;

    /**
     * How long a new container under its temporary name may stay ready before it is taken for one
     * left by an apply that stopped: the apply that made it renames it within moments of seeing it
     * ready (a few calls to the engine).
     */
    static final long STALLED_MILLIS = 10_000;

    /**
     * Another apply of the same project seems to make the same replacement now (its new container
     * holds the temporary name): the step is done by it when the container of the name becomes the
     * new one; when that apply turns out to have stopped (its new container gone, or ready and not
     * renamed for {@link Apply.Waits#stalledMillis}, {@link #STALLED_MILLIS} unless a test says
     * otherwise), the replacement is made here after all, from the top.
     */
    private static Outcome doneByAnotherOrAgain(Engine engine, Container c, JsonNode body, String oldHash, String project,
            int stopTimeoutSeconds, Apply.Waits waits) {
        if (doneByAnother(engine, c.name(), body.path("Labels").path(CccfLabels.HASH).asText(), waits)) {
            return Outcome.BY_ANOTHER;
        }
        return replace(engine, c, body, oldHash, project, stopTimeoutSeconds, waits);
    }

    /**
     * Waits until the container of {@code name} is the new one ({@code newHash}): true. False when
     * the other apply has stopped instead: its new container is gone, or has stayed ready under the
     * temporary name for {@link Apply.Waits#stalledMillis} (as this apply saw it: no engine clock
     * needed), and is then removed by its id (a new one of that name would be another apply's).
     */
    private static boolean doneByAnother(Engine engine, String name, String newHash, Apply.Waits waits) {
        long deadline = waits.deadline();
        long readySince = 0;
        while (true) {
            if (madeByAnother(engine, name, newHash)) {
                return true;
            }
            if (waits.interrupted().getAsBoolean() || System.nanoTime() - deadline > 0) {
                throw new Engine.EngineException("not replaced: another apply is replacing it (" + name + NEXT
                        + " exists) and has not finished");
            }
            Optional<JsonNode> next = engine.inspect(name + NEXT);
            if (next.isEmpty()) { // renamed a moment ago, or removed by an apply that gave up
                return madeByAnother(engine, name, newHash);
            }
            if (!Health.judge(Health.Look.of(next), Health.Goal.READY).reached()) {
                readySince = 0;
            } else if (readySince == 0) {
                readySince = System.nanoTime();
            } else if (System.nanoTime() - readySince > waits.stalledMillis() * 1_000_000L) {
                removeQuietly(engine, next.get().path("Id").asText(name + NEXT)); // ready, and nobody renames it
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Engine.EngineException("not replaced: interrupted while another apply replaces it");
            }
        }
    }

    private static void removeQuietly(Engine engine, String name) {
        try {
            engine.remove(name);
        } catch (Engine.EngineException e) {
            // left for the next apply's settle
        }
    }

    /**
     * Puts right what an apply cut short in the middle of a start-first replacement left: a
     * container of {@code project} under a temporary name takes its final name when that is free
     * (the old one was already gone, or the new one was not yet named), and is removed when it is
     * not (the other one has the name), unless the one with the name is an old one already off its
     * user-defined networks: then the new one, which answers the name there, replaces it. Call it
     * before inspecting the engines for a plan. A new
     * container made less than {@code olderThanSeconds} ago that runs is left alone: it may be the
     * replacement another apply is making now (the look leaves it out meanwhile), unless its engine
     * started it again since ({@link #startedAgain}). An old one is
     * always put right (at worst, another apply's old one goes a moment early).
     *
     * @return a warning per container put right
     */
    public static List<Problem> settle(Map<String, Engine> engines, String project, long olderThanSeconds) {
        List<Problem> done = new ArrayList<>();
        for (Map.Entry<String, Engine> host : new TreeMap<>(engines).entrySet()) {
            List<JsonNode> ours;
            try {
                ours = host.getValue().listLabelled(CccfLabels.PROJECT, project); // the engine filters: others cost nothing
            } catch (Engine.EngineException unreachable) {
                continue; // the look that follows reports it
            }
            done.addAll(settle(host.getKey(), host.getValue(), ours, project, olderThanSeconds));
        }
        return done;
    }

    /**
     * {@link #settle(Map, String, long)} on one engine, given the summaries of {@code project}'s
     * containers there ({@link Engine#listLabelled}), so that a look that follows can use the same
     * list when nothing was put right.
     *
     * @return a warning per container put right (empty: {@code ours} is still what runs)
     */
    public static List<Problem> settle(String host, Engine engine, List<JsonNode> ours, String project, long olderThanSeconds) {
        long before = System.currentTimeMillis() / 1000 - olderThanSeconds;
        List<Problem> done = new ArrayList<>();
        for (JsonNode summary : ours) {
            String name = nameOf(summary);
            String suffix = name.endsWith(NEXT) ? NEXT : name.endsWith(OLD) ? OLD : null;
            if (suffix == null || !project.equals(summary.path("Labels").path(CccfLabels.PROJECT).asText(null))
                    || suffix.equals(NEXT) && underWay(engine, summary, before)) {
                continue; // not ours, or the new container of a replacement another apply is making now
            }
            String base = name.substring(0, name.length() - suffix.length());
            Optional<JsonNode> named = engine.inspect(base);
            if (named.isPresent() && suffix.equals(NEXT) && cutOff(named.get())) {
                // the old one, already off its networks: the new one answers the name, and takes it
                engine.stop(base, 0);
                engine.remove(base);
                engine.rename(name, base);
                done.add(Problem.warning(base, SETTLED, name + " on " + host + ", left by an apply cut short, was renamed "
                        + base + " (the old one, already off its networks, was removed)"));
            } else if (named.isPresent()) {
                try {
                    engine.remove(name);
                } catch (Engine.EngineException e) {
                    if (e.isConflict()) {
                        continue; // another apply is removing it (the old one of its replacement): it goes anyway
                    }
                    throw e;
                }
                done.add(Problem.warning(base, SETTLED, name + " on " + host
                        + ", left by an apply cut short, was removed (" + base
                        + (named.get().path("State").path("Status").asText("").equals("running") ? " runs)" : " keeps the name)")));
            } else {
                engine.rename(name, base);
                done.add(Problem.warning(base, SETTLED, name + " on " + host
                        + ", left by an apply cut short, was renamed " + base));
            }
        }
        return done;
    }
}
