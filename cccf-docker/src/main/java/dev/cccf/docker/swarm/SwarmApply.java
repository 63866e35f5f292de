package dev.cccf.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.docker.Engine.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries a {@link SwarmPlan} out through a manager: the overlay networks the services join
 * (created attachable, labelled with the project), then removals, in-place updates (swarm rolls
 * them task by task, as each spec's {@code UpdateConfig} says) and creations, and last the
 * project's networks no service joins any more. A step that fails is reported and the others
 * still run; running apply again finishes the job.
 */
public final class SwarmApply {
    private SwarmApply() {
    }

    /**
     * What an apply did.
     *
     * @param created the services created
     * @param updated the services updated in place, each with its reasons
     * @param removed the services removed
     * @param unchanged how many services were as wanted
     * @param foreign the services of other owners, left alone
     * @param networks the overlay networks created
     * @param removedNetworks the project's networks removed (no service joins them)
     * @param failed each step that failed: the service (or network) and the engine's words
     */
    public record Report(List<String> created, Map<String, List<String>> updated, List<String> removed, int unchanged,
            List<String> foreign, List<String> networks, List<String> removedNetworks, List<Failure> failed) {
        public Report {
            created = List.copyOf(created);
            updated = Collections.unmodifiableMap(new LinkedHashMap<>(updated));
            removed = List.copyOf(removed);
            foreign = List.copyOf(foreign);
            networks = List.copyOf(networks);
            removedNetworks = List.copyOf(removedNetworks);
            failed = List.copyOf(failed);
        }
    }

    /** A step that failed. */
    public record Failure(String id, String error) {
    }

    /** Does {@code plan} on {@code manager} for {@code project}; {@code progress} gets one line per step. */
    public static Report run(SwarmPlan plan, SwarmManager manager, String project, Consumer<String> progress) {
        List<Failure> failed = new ArrayList<>();
        plan.blocked().forEach(p -> failed.add(new Failure(p.path(), p.message())));
        List<String> networks = new ArrayList<>();
        for (ObjectNode body : plan.createNetworks()) {
            String name = body.path("Name").asText();
            step("network " + name, failed, () -> {
                manager.createNetwork(body);
                networks.add(name);
                progress.accept("created network " + name + " (" + body.path("Driver").asText() + ", attachable)");
            });
        }
        List<String> removed = new ArrayList<>();
        for (SwarmState.Service s : plan.remove()) {
            step(s.name(), failed, () -> {
                manager.remove(s.id());
                removed.add(s.name());
                progress.accept("removed service " + s.name());
            });
        }
        Map<String, List<String>> updated = new LinkedHashMap<>();
        for (SwarmPlan.Update u : plan.update()) {
            step(u.wanted().name(), failed, () -> {
                update(manager, u);
                updated.put(u.wanted().name(), u.reasons());
                progress.accept("updating service " + u.wanted().name() + " (" + String.join("; ", u.reasons()) + ")");
            });
        }
        List<String> created = new ArrayList<>();
        for (ServiceSpec spec : plan.create()) {
            step(spec.name(), failed, () -> {
                manager.create(spec.spec());
                created.add(spec.name());
                progress.accept("created service " + spec.name());
            });
        }
        List<String> removedNetworks = new ArrayList<>();
        for (String name : plan.removeNetworks()) {
            step("network " + name, failed, () -> {
                if (removeNetwork(manager, name, REMOVED_TASKS_WAIT)) {
                    removedNetworks.add(name);
                    progress.accept("removed network " + name + " (no service joins it)");
                } else {
                    progress.accept("network " + name + " is still in use (tasks of a service going away): left for the next apply");
                }
            });
        }
        return new Report(created, updated, removed, plan.keep().size(), plan.foreign().stream().map(SwarmState.Service::name).toList(),
                networks, removedNetworks, failed);
    }

    /** How long a network waits for the tasks of removed services to go before it is left for the next apply. */
    private static final Duration REMOVED_TASKS_WAIT = Duration.ofSeconds(30);

    /**
     * Removes network {@code name}; while swarm still has tasks on it (a removed service's, shutting
     * down), tries again until {@code wait} has passed. False when it is still in use then.
     */
    static boolean removeNetwork(SwarmManager manager, String name, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                manager.removeNetwork(name);
                return true;
            } catch (EngineException e) {
                if (!e.isConflict()) {
                    throw e;
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** An update at the version read; when the service changed meanwhile (swarm raises it on its own), once more at the new one. */
    private static void update(SwarmManager manager, SwarmPlan.Update u) {
        try {
            manager.update(u.current().id(), u.current().version(), u.wanted().spec());
        } catch (EngineException e) {
            if (!e.isConflict()) {
                throw e;
            }
            SwarmState.Service now = SwarmState.read(manager.services()).stream()
                    .filter(s -> s.id().equals(u.current().id())).findFirst()
                    .orElseThrow(() -> new EngineException("service " + u.wanted().name() + " was removed meanwhile"));
            manager.update(now.id(), now.version(), u.wanted().spec());
        }
    }

    private static void step(String id, List<Failure> failed, Runnable r) {
        try {
            r.run();
        } catch (EngineException e) {
            failed.add(new Failure(id, e.getMessage()));
        }
    }

    /**
     * Waits until each of {@code services} runs as its spec asks: no rolling update in progress, no task left of its spec before,
     * and as many tasks running (healthy, for a service with a healthcheck: swarm reports a task
     * running only then) as its replicas, or on every node that should run a global one. Returns
     * what still differs when {@code timeout} has passed (empty: converged); a rolling update that
     * paused or rolled back is reported at once.
     */
    public static List<Failure> await(SwarmManager manager, List<String> services, Duration timeout, Consumer<String> progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> last = new HashMap<>();
        while (true) {
            List<Failure> pending = pending(manager, services);
            for (Failure f : pending) {
                if (!f.error().equals(last.get(f.id()))) {
                    progress.accept("waiting for " + f.id() + ": " + f.error());
                }
            }
            last.clear();
            pending.forEach(f -> last.put(f.id(), f.error()));
            boolean stuck = pending.stream().anyMatch(f -> f.error().startsWith("its rolling update "));
            if (pending.isEmpty() || stuck || System.nanoTime() > deadline) {
                return pending;
            }
            Thread.sleep(500);
        }
    }

    private static List<Failure> pending(SwarmManager manager, List<String> names) {
        Map<String, JsonNode> byName = new HashMap<>();
        manager.services().forEach(s -> byName.put(s.path("Spec").path("Name").asText(), s));
        List<JsonNode> tasks = manager.tasks();
        long readyNodes = manager.nodes().stream()
                .filter(n -> n.path("Status").path("State").asText().equals("ready")
                        && n.path("Spec").path("Availability").asText("active").equals("active"))
                .count();
        List<Failure> out = new ArrayList<>();
        for (String name : names) {
            JsonNode s = byName.get(name);
            if (s == null) {
                out.add(new Failure(name, "the service is gone"));
                continue;
            }
            String update = s.path("UpdateStatus").path("State").asText("");
            if (update.equals("paused") || update.equals("rollback_completed") || update.equals("rollback_paused")) {
                out.add(new Failure(name, "its rolling update " + update.replace('_', ' ') + ": "
                        + s.path("UpdateStatus").path("Message").asText("")));
                continue;
            }
            String id = s.path("ID").asText();
            String made = taskHash(s.path("Spec").path("TaskTemplate"));
            long running = 0;
            long old = 0;
            String lastError = "";
            for (JsonNode t : tasks) {
                if (!t.path("ServiceID").asText().equals(id) || !t.path("DesiredState").asText().equals("running")) {
                    continue;
                }
                boolean runs = t.path("Status").path("State").asText().equals("running");
                if (runs && !made.equals(taskHash(t.path("Spec")))) {
                    old++; // made from the spec before an update: the rolling update has yet to reach it
                } else if (runs) {
                    running++;
                } else if (!t.path("Status").path("Err").asText("").isEmpty()) {
                    lastError = t.path("Status").path("Err").asText();
                }
            }
            long wanted = ServiceSpec.replicas(s.path("Spec"));
            boolean updating = update.equals("updating") || update.equals("rollback_started");
            boolean enough = wanted < 0 ? running >= 1 && running >= eligible(s, readyNodes) : running == wanted;
            if (updating || !enough || old > 0) {
                out.add(new Failure(name, running + "/" + (wanted < 0 ? "global" : wanted) + " running"
                        + (old > 0 ? " (" + old + " of the spec before)" : "")
                        + (updating || old > 0 ? ", rolling update in progress" : "") + (lastError.isEmpty() ? "" : "; last error: " + lastError)));
            }
        }
        return out;
    }

    /** The {@link ServiceSpec#TASK_HASH} of a task template ({@code ""} on a service cccf did not make). */
    private static String taskHash(JsonNode taskTemplate) {
        return taskTemplate.path("ContainerSpec").path("Labels").path(ServiceSpec.TASK_HASH).asText("");
    }

    /** The nodes a global service should run on: every ready one, unless it has constraints (then at least one task). */
    private static long eligible(JsonNode service, long readyNodes) {
        return service.path("Spec").path("TaskTemplate").path("Placement").path("Constraints").isEmpty() ? readyNodes : 1;
    }
}
