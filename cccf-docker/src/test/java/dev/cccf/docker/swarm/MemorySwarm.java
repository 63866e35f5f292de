package dev.cccf.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Engine.EngineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A swarm manager in memory, for tests: services as {@code GET /services} shows them (id,
 * version, spec), a version raised by every update (and by {@link #bump}, as swarm does on its
 * own), a conflict for a stale version or a name taken, and every replica of a service running on
 * one of {@code nodes} nodes.
 */
public final class MemorySwarm implements SwarmManager {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Map<String, ObjectNode> services = new LinkedHashMap<>();
    private final Map<String, ObjectNode> networks = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final int nodes;
    private int ids;

    public MemorySwarm(int nodes) {
        this.nodes = nodes;
    }

    /** The calls that changed something, e.g. {@code create web}, {@code update web}, {@code remove web}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Raises a service's version, as swarm does when it changes a service on its own. */
    public void bump(String name) {
        ObjectNode s = services.get(name);
        ((ObjectNode) s.get("Version")).put("Index", s.path("Version").path("Index").asLong() + 1);
    }

    /** The spec of a service, or null. */
    public JsonNode spec(String name) {
        ObjectNode s = services.get(name);
        return s == null ? null : s.get("Spec");
    }

    @Override
    public String url() {
        return "memory://swarm";
    }

    @Override
    public List<JsonNode> services() {
        return services.values().stream().map(s -> (JsonNode) s.deepCopy()).toList();
    }

    @Override
    public void create(JsonNode spec) {
        String name = spec.path("Name").asText();
        if (services.containsKey(name)) {
            throw EngineException.conflict("name " + name + " taken");
        }
        ObjectNode s = F.objectNode().put("ID", "id" + (++ids));
        s.putObject("Version").put("Index", 10);
        s.set("Spec", spec.deepCopy());
        services.put(name, s);
        calls.add("create " + name);
    }

    @Override
    public void update(String id, long version, JsonNode spec) {
        ObjectNode s = byId(id);
        if (s.path("Version").path("Index").asLong() != version) {
            throw EngineException.conflict("update out of sequence");
        }
        s.set("Spec", spec.deepCopy());
        bump(spec.path("Name").asText());
        s.putObject("UpdateStatus").put("State", "completed");
        calls.add("update " + spec.path("Name").asText());
    }

    @Override
    public void remove(String id) {
        ObjectNode s = byId(id);
        services.values().remove(s);
        calls.add("remove " + s.path("Spec").path("Name").asText());
    }

    private ObjectNode byId(String id) {
        return services.values().stream().filter(s -> s.path("ID").asText().equals(id)).findFirst()
                .orElseThrow(() -> new EngineException("no such service " + id));
    }

    /** Service name to the task template its tasks keep while a rolling update lags ({@link #lagging}). */
    private final Map<String, JsonNode> behind = new HashMap<>();

    /** From now on the tasks of service {@code name} keep the template it has now (until {@link #caughtUp}). */
    void lagging(String name) {
        behind.put(name, services.get(name).path("Spec").path("TaskTemplate").deepCopy());
    }

    /** The rolling update of service {@code name} has reached every task. */
    void caughtUp(String name) {
        behind.remove(name);
    }

    @Override
    public List<JsonNode> tasks() {
        List<JsonNode> out = new ArrayList<>();
        for (ObjectNode s : services.values()) {
            long n = ServiceSpec.replicas(s.get("Spec"));
            for (int i = 0; i < (n < 0 ? nodes : n); i++) {
                ObjectNode t = F.objectNode().put("ServiceID", s.path("ID").asText()).put("DesiredState", "running")
                        .put("NodeID", "node" + (i % nodes));
                t.putObject("Status").put("State", "running");
                // a task is made from the template of its service: the one before, while its rolling update lags
                t.set("Spec", behind.getOrDefault(s.path("Spec").path("Name").asText(), s.path("Spec").path("TaskTemplate")).deepCopy());
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public List<JsonNode> nodes() {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ObjectNode n = F.objectNode().put("ID", "node" + i);
            n.putObject("Status").put("State", "ready");
            n.putObject("Spec").put("Availability", "active");
            out.add(n);
        }
        return out;
    }

    @Override
    public List<JsonNode> networks() {
        return networks.values().stream().map(n -> (JsonNode) n.deepCopy()).toList();
    }

    /** A network made beside apply, as {@code docker network create} makes one. */
    public void addNetwork(String name, String driver, String project) {
        ObjectNode n = F.objectNode().put("Name", name).put("Id", "net-" + name).put("Driver", driver)
                .put("Scope", driver.equals("overlay") ? "swarm" : "local");
        if (project != null) {
            n.putObject("Labels").put(CccfLabels.PROJECT, project);
        }
        networks.put(name, n);
    }

    @Override
    public void createNetwork(JsonNode body) {
        ObjectNode n = body.deepCopy();
        n.put("Id", "net-" + body.path("Name").asText()).put("Scope", body.path("Driver").asText().equals("overlay") ? "swarm" : "local");
        networks.put(body.path("Name").asText(), n);
        calls.add("network " + body.path("Name").asText());
    }

    /** A network a service still joins (by name or id) is in use, as swarm says. */
    @Override
    public void removeNetwork(String name) {
        ObjectNode n = networks.get(name);
        if (n == null) {
            return;
        }
        for (ObjectNode s : services.values()) {
            for (JsonNode target : s.path("Spec").path("TaskTemplate").path("Networks").findValues("Target")) {
                if (target.asText().equals(name) || target.asText().equals(n.path("Id").asText())) {
                    throw EngineException.conflict("network " + name + " is in use by service " + s.path("Spec").path("Name").asText());
                }
            }
        }
        networks.remove(name);
        calls.add("remove network " + name);
    }

    @Override
    public void close() {
    }
}
