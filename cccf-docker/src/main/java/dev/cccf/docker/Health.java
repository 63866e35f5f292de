package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.Dependencies;
import dev.cccf.core.Dependencies.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether a container is where apply wants it: running (and healthy, when it has a healthcheck),
 * healthy, or exited with code 0; and waiting until it is. {@link #judge} is pure, on the Engine
 * API's description of the container; {@link #await} polls an engine.
 *
 * <p>A container that will not get there says why: its exit code, or its healthcheck's last
 * output, and the end of its log.
 */
public final class Health {
    private Health() {
    }

    /** How many lines of a container's log a failure quotes. */
    public static final int LOG_LINES = 5;
    private static final long POLL_MILLIS = 100;

    /** What to wait for. */
    public enum Goal {
        /** Running; healthy when it has a healthcheck ({@code apply --wait}, a start-first replacement). */
        READY,
        /** Running and healthy ({@code service_healthy}): a container without a healthcheck never is. */
        HEALTHY,
        /** Exited with code 0 ({@code service_completed_successfully}). */
        COMPLETED;

        /** The goal that a {@code depends_on} condition asks for. */
        public static Goal of(Condition condition) {
            return switch (condition) {
                case SERVICE_STARTED -> READY;
                case SERVICE_HEALTHY -> HEALTHY;
                case SERVICE_COMPLETED_SUCCESSFULLY -> COMPLETED;
            };
        }
    }

    /**
     * One look at a container.
     *
     * @param state docker's state ({@code running}, {@code exited} ...), {@code gone} when there is no such container
     * @param health {@code starting}, {@code healthy}, {@code unhealthy}; {@code null} without a healthcheck
     * @param exitCode its last exit code
     * @param lastCheck the output of its last health check ({@code ""} when none)
     */
    public record Look(String state, String health, int exitCode, String lastCheck) {
        /** From {@code GET /containers/ID/json}, or empty when the container is gone. */
        public static Look of(Optional<JsonNode> inspected) {
            if (inspected.isEmpty()) {
                return new Look("gone", null, 0, "");
            }
            JsonNode state = inspected.get().path("State");
            JsonNode health = state.path("Health");
            String status = health.path("Status").asText("");
            JsonNode log = health.path("Log");
            String last = log.isArray() && !log.isEmpty() ? log.get(log.size() - 1).path("Output").asText("").strip() : "";
            return new Look(state.path("Status").asText("running"), status.isEmpty() || status.equals("none") ? null : status,
                    state.path("ExitCode").asInt(0), last);
        }
    }

    /** Where a look leaves the wait: there, on its way, or never (and why). */
    public record Verdict(boolean reached, String failure) {
        static final Verdict REACHED = new Verdict(true, null);
        static final Verdict PENDING = new Verdict(false, null);

        static Verdict failed(String why) {
            return new Verdict(false, why);
        }

        /** Neither reached nor failed: look again. */
        public boolean pending() {
            return !reached && failure == null;
        }
    }

    /** Where {@code look} stands with respect to {@code goal}. */
    public static Verdict judge(Look look, Goal goal) {
        String state = look.state();
        if (state.equals("gone")) {
            return Verdict.failed("it is gone");
        }
        if (goal == Goal.COMPLETED) {
            if (state.equals("exited") || state.equals("dead")) {
                return look.exitCode() == 0 ? Verdict.REACHED : Verdict.failed("it exited with code " + look.exitCode());
            }
            return Verdict.PENDING;
        }
        switch (state) {
            case "exited", "dead" -> {
                return Verdict.failed("it exited with code " + look.exitCode());
            }
            case "restarting" -> {
                return Verdict.failed("it keeps exiting and restarting (last exit code " + look.exitCode() + ")");
            }
            case "running" -> {
                if ("unhealthy".equals(look.health())) {
                    return Verdict.failed("it is unhealthy" + lastCheck(look));
                }
                if (look.health() == null) {
                    return goal == Goal.HEALTHY ? Verdict.failed("it has no healthcheck, so it is never healthy") : Verdict.REACHED;
                }
                return look.health().equals("healthy") ? Verdict.REACHED : Verdict.PENDING;
            }
            default -> {
                return Verdict.PENDING; // created, paused: on its way, or held by someone
            }
        }
    }

    /**
     * Waits until the container {@code name} on {@code engine} reaches {@code goal}.
     *
     * @param deadline a {@link System#nanoTime} after which the wait fails
     * @param interrupted asked between looks: true ends the wait (an interrupted apply)
     * @throws Engine.EngineException when it will not get there, when the deadline passes or the
     *         wait is interrupted: the message says why, with the end of its log
     */
    public static void await(Engine engine, String name, Goal goal, long deadline, BooleanSupplier interrupted) {
        while (true) {
            Look look = Look.of(engine.inspect(name));
            Verdict v = judge(look, goal);
            if (v.reached()) {
                return;
            }
            String why = v.failure();
            if (why == null && interrupted.getAsBoolean()) {
                why = "the wait was interrupted";
            } else if (why == null && System.nanoTime() - deadline > 0) {
                why = "not " + goal.name().toLowerCase(Locale.ROOT) + " in time (it is " + look.state()
                        + (look.health() == null ? "" : ", " + look.health()) + ")" + lastCheck(look);
            }
            if (why != null) {
                throw new Engine.EngineException(name + ": " + why + logTail(engine, name));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Engine.EngineException(name + ": the wait was interrupted");
            }
        }
    }

    /**
     * Waits for what {@code c} depends on with a condition beyond {@code service_started} (links
     * and the ones started in this apply are ordered by {@link Apply} itself): healthy, or exited 0.
     *
     * @param where the containers that may be depended on, by name, with their hosts
     * @throws Engine.EngineException naming the dependency that will not get there, and why
     */
    static void awaitDependencies(Container c, Map<String, Container> where, Map<String, Engine> engines, Apply.Waits waits) {
        for (Map.Entry<String, Condition> d : Dependencies.conditions(c).entrySet()) {
            Container dep = where.get(d.getKey());
            Engine engine = dep == null ? null : engines.get(dep.host());
            if (d.getValue() == Condition.SERVICE_STARTED || engine == null) {
                continue;
            }
            try {
                await(engine, dep.name(), Goal.of(d.getValue()), waits.deadline(), waits.interrupted());
            } catch (Engine.EngineException e) {
                throw new Engine.EngineException("not started: it needs " + d.getKey() + " " + d.getValue().word() + ", but "
                        + e.getMessage());
            }
        }
    }

    /**
     * {@code apply --wait}: waits, all at once, until every container is ready ({@link Goal#READY};
     * those another depends on with {@code service_completed_successfully} may instead have exited 0).
     *
     * @return the containers that did not get there, and why (empty: all ready)
     */
    public static List<Apply.Failure> awaitAll(List<Container> containers, Map<String, Engine> engines, Apply.Waits waits) {
        Map<String, Boolean> jobs = new HashMap<>();
        for (Container c : containers) {
            Dependencies.conditions(c).forEach((d, cond) -> {
                if (cond == Condition.SERVICE_COMPLETED_SUCCESSFULLY) {
                    jobs.put(d, true);
                }
            });
        }
        List<Apply.Failure> failures = new ArrayList<>();
        List<Container> waiting = new ArrayList<>(containers);
        long deadline = waits.deadline();
        while (!waiting.isEmpty()) {
            for (Container c : List.copyOf(waiting)) {
                Engine engine = engines.get(c.host());
                if (engine == null) {
                    waiting.remove(c);
                    continue;
                }
                Look look;
                try {
                    look = Look.of(engine.inspect(c.name()));
                } catch (Engine.EngineException e) {
                    failures.add(new Apply.Failure(c.id(), c.host(), e.getMessage()));
                    waiting.remove(c);
                    continue;
                }
                Verdict v = judge(look, jobs.containsKey(c.name()) && !look.state().equals("running") ? Goal.COMPLETED : Goal.READY);
                String why = v.failure();
                if (why == null && !v.reached() && (waits.interrupted().getAsBoolean() || System.nanoTime() - deadline > 0)) {
                    why = (waits.interrupted().getAsBoolean() ? "the wait was interrupted (it is " : "not ready in time (it is ")
                            + look.state() + (look.health() == null ? "" : ", " + look.health()) + ")" + lastCheck(look);
                }
                if (why != null) {
                    failures.add(new Apply.Failure(c.id(), c.host(), c.name() + ": " + why + logTail(engine, c.name())));
                }
                if (why != null || v.reached()) {
                    waiting.remove(c);
                }
            }
            if (!waiting.isEmpty()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return List.copyOf(failures);
    }

    private static String lastCheck(Look look) {
        return look.lastCheck().isEmpty() ? "" : "; its last health check said: " + oneLine(look.lastCheck());
    }

    /** {@code "; the end of its log: a | b"}, or nothing when it has no log (or the engine will not say). */
    private static String logTail(Engine engine, String name) {
        try {
            List<String> lines = engine.logs(name, LOG_LINES);
            return lines.isEmpty() ? "" : "; the end of its log: " + String.join(" | ", lines.stream().map(Health::oneLine).toList());
        } catch (Engine.EngineException e) {
            return "";
        }
    }

    private static String oneLine(String s) {
        String flat = s.strip().replaceAll("\\s*\\R\\s*", " | ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
