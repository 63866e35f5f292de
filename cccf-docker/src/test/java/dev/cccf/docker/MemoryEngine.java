package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.fields.Networks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One engine in memory, the stand-in for a Docker engine in apply's tests. Names are unique, as
 * docker's are (a second create of a name is refused with docker's 409 text). It records every
 * step attempted on it ({@code create web}, {@code start web}, {@code stop web}, {@code remove web},
 * {@code pull nginx:2}, in order) in {@link #calls}, and fails where a test scripts it:
 *
 * <ul>
 *   <li>{@link #fails}: every attempt of one step answers an error (the container is left as it was);</li>
 *   <li>{@link #failsOnce}: the next attempt only;</li>
 *   <li>{@link #beingRemoved}: another client removes the container: it shows as {@code removing},
 *       a remove of it answers docker's 409 "removal ... already in progress", and it is gone
 *       after some more inspects;</li>
 *   <li>{@link #beforeList}: someone changes the engine between two looks of apply;</li>
 *   <li>{@link #made}: someone else makes (or makes again) a container of that name; {@link #runs}: one
 *       cccf made, running.</li>
 * </ul>
 *
 * <p>{@link #list} answers summaries as {@code GET /containers/json} does and {@link #inspect}
 * descriptions as {@code GET /containers/ID/json}, so {@link DockerState#observe} and the CLIs read
 * it as they read a real engine. Every method is synchronized: apply calls it from several threads.
 */
class MemoryEngine implements Engine {
    final Map<String, ObjectNode> containers = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    /** The networks and named volumes, by name: their create bodies. */
    final Map<String, JsonNode> networks = new LinkedHashMap<>();
    final Map<String, JsonNode> volumes = new LinkedHashMap<>();
    /** The X-Registry-Auth header of each pull, in order (null: none). */
    final List<String> pullAuths = new ArrayList<>();
    private final Set<String> lacking = new HashSet<>();
    private final Map<String, String> failures = new HashMap<>();
    private final Map<String, String> onceFailures = new HashMap<>();
    private final Map<String, Integer> inspectsUntilGone = new HashMap<>();
    private final Map<String, Integer> inspects = new HashMap<>();
    private final Map<Integer, Runnable> onList = new HashMap<>();
    private final Map<String, Consumer<ObjectNode>> onStart = new HashMap<>();
    private final Map<String, List<String>> output = new HashMap<>();
    private int lists;
    /** How many times the networks were listed. */
    int networkLists;

    /** Every {@code step} ({@code "create web"}, {@code "remove db"} ...) fails with {@code message}. */
    synchronized MemoryEngine fails(String step, String message) {
        failures.put(step, message);
        return this;
    }

    /** The next {@code step} fails with {@code message}; later ones do what they do. */
    synchronized MemoryEngine failsOnce(String step, String message) {
        onceFailures.put(step, message);
        return this;
    }

    /**
     * The container {@code name} is being removed by someone else: its state is {@code removing},
     * a remove answers docker's 409, and it is gone once inspected {@code inspects} more times.
     */
    synchronized MemoryEngine beingRemoved(String name, int inspects) {
        containers.get(name).withObjectProperty("State").put("Status", "removing");
        inspectsUntilGone.put(name, inspects);
        return this;
    }

    /** The engine lacks these images (every other image is there). */
    synchronized MemoryEngine lacks(String... images) {
        lacking.addAll(List.of(images));
        return this;
    }

    /** A container someone else runs, publishing {@code hostPort} ({@code 8080/tcp}). */
    synchronized MemoryEngine publishes(String name, String hostPort) {
        made(name, Map.of());
        ObjectNode c = containers.get(name);
        c.withObjectProperty("State").put("Status", "running");
        String[] p = hostPort.split("/");
        c.putArray("Ports").addObject().put("PrivatePort", 80).put("PublicPort", Integer.parseInt(p[0])).put("Type", p[1]);
        return this;
    }

    /** A container made by someone else (or made again: it replaces one of that name), with these labels, not started. */
    synchronized MemoryEngine made(String name, Map<String, String> labels) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("Id", String.format("%064x", ++ids)).put("Name", "/" + name);
        ObjectNode l = c.putObject("Config").put("Image", "busybox").putObject("Labels");
        labels.forEach(l::put);
        c.putObject("State").put("Status", "created");
        containers.put(name, c);
        return this;
    }

    /**
     * Someone changes the engine just before the {@code nth} list call (with {@code Apply.converge}: 1 its plan's look, 2
     * its check after a run; {@code cccf apply}'s first look serves its search for the leftovers of a replacement too,
     * and is made again when that put one right).
     */
    synchronized MemoryEngine beforeList(int nth, Runnable change) {
        onList.put(nth, change);
        return this;
    }

    /** A container cccf made for {@code project}, running. */
    synchronized MemoryEngine runs(Container c, String project) {
        made(c.name(), CccfLabels.labelsFor(c, project));
        containers.get(c.name()).withObjectProperty("State").put("Status", "running");
        return this;
    }

    /** How many times {@code name} was inspected. */
    synchronized int inspections(String name) {
        return inspects.getOrDefault(name, 0);
    }

    /** The state of {@code name} ({@code created}, {@code running} ...), or {@code "gone"}. */
    synchronized String state(String name) {
        ObjectNode c = containers.get(name);
        return c == null ? "gone" : c.path("State").path("Status").asText();
    }

    /** The labels of {@code name}. */
    synchronized Map<String, String> labels(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        containers.get(name).path("Config").path("Labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Records {@code step} and throws its scripted failure, if any. */
    private void attempt(String step) {
        calls.add(step);
        String once = onceFailures.remove(step);
        String message = once != null ? once : failures.get(step);
        if (message != null) {
            throw new EngineException(message);
        }
    }

    @Override
    public String url() {
        return "memory://";
    }

    @Override
    public synchronized List<JsonNode> list(boolean all) {
        Runnable change = onList.remove(++lists);
        if (change != null) {
            change.run();
        }
        return summaries(all);
    }

    private long ids;

    /** The name of the container whose id is {@code ref}, else {@code ref} (the engine takes either). */
    private String byId(String ref) {
        for (Map.Entry<String, ObjectNode> e : containers.entrySet()) {
            if (e.getValue().path("Id").asText().equals(ref)) {
                return e.getKey();
            }
        }
        return ref;
    }

    /** Every container, counted without a list (not counted by {@link #beforeList}). */
    @Override
    public synchronized int containerCount() {
        return containers.size();
    }

    /** The names of each {@link #listNamed} asked, in order. */
    final List<List<String>> namesAsked = new ArrayList<>();

    /** One look of apply asks for the project's containers (a list, counted by {@link #beforeList}), then for the wanted names. */
    @Override
    public synchronized List<JsonNode> listNamed(Collection<String> names) {
        namesAsked.add(List.copyOf(names));
        return summaries(true).stream().filter(s -> names.contains(s.path("Names").get(0).asText().substring(1))).toList();
    }

    private List<JsonNode> summaries(boolean all) {
        List<JsonNode> out = new ArrayList<>();
        containers.forEach((name, c) -> {
            String state = c.path("State").path("Status").asText();
            if (all || state.equals("running")) {
                ObjectNode summary = JsonNodeFactory.instance.objectNode().put("Id", name).put("State", state)
                        .put("Created", c.path("Created").isTextual() // as inspect has it, or seconds since 1970; 0 unless a test set it
                                ? java.time.Instant.parse(c.path("Created").asText()).getEpochSecond() : c.path("Created").asLong(0));
                summary.putArray("Names").add("/" + name);
                summary.set("Labels", c.path("Config").path("Labels").deepCopy());
                summary.putObject("NetworkSettings").set("Networks", c.path("NetworkSettings").path("Networks").deepCopy());
                if (c.has("Ports")) {
                    summary.set("Ports", c.get("Ports").deepCopy());
                }
                out.add(summary);
            }
        });
        return out;
    }

    @Override
    public synchronized Optional<JsonNode> inspect(String id) {
        id = byId(id);
        inspects.merge(id, 1, Integer::sum);
        Integer left = inspectsUntilGone.get(id);
        if (left != null) {
            if (left == 0) {
                inspectsUntilGone.remove(id);
                containers.remove(id);
            } else {
                inspectsUntilGone.put(id, left - 1);
            }
        }
        ObjectNode c = containers.get(id);
        return Optional.ofNullable(c == null ? null : c.deepCopy());
    }

    @Override
    public synchronized Optional<JsonNode> inspectImage(String ref) {
        return lacking.contains(ref) ? Optional.empty() : Optional.of(JsonNodeFactory.instance.objectNode());
    }

    /** Records {@code pull IMAGE} and the auth header sent; the image is there afterwards, unless {@link #fails} scripts the pull. */
    @Override
    public synchronized void pull(String image, String auth, Consumer<String> progress) {
        attempt("pull " + image);
        pullAuths.add(auth);
        progress.accept("latest: Pulling from " + image);
        progress.accept("Status: Downloaded newer image for " + image);
        lacking.remove(image);
    }

    @Override
    public synchronized void create(String name, JsonNode body) {
        attempt("create " + name);
        if (containers.containsKey(name)) {
            throw EngineException.conflict("the name " + name + " is taken on the engine: Conflict");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        body.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        made(name, labels);
        if (body.has("HostConfig")) {
            containers.get(name).set("HostConfig", body.get("HostConfig").deepCopy());
        }

        ObjectNode joined = containers.get(name).putObject("NetworkSettings").putObject("Networks");
        body.path("NetworkingConfig").path("EndpointsConfig").properties().forEach(e -> joined.set(e.getKey(), e.getValue().deepCopy()));
        String mode = body.path("HostConfig").path("NetworkMode").asText("");
        if (Networks.isUserNetwork(mode) && !joined.has(mode)) { // docker joins a container to the network of its mode
            joined.putObject(mode);
        }
    }

    @Override
    public synchronized void start(String name) {
        name = byId(name);
        attempt("start " + name);
        ObjectNode c = containers.get(name);
        if (c == null) {
            throw new EngineException("start " + name + ": the engine answered 404 No such container");
        }
        c.withObjectProperty("State").put("Status", "running");
        Consumer<ObjectNode> scripted = onStart.get(name);
        if (scripted != null) {
            scripted.accept(c);
        }
    }

    @Override
    public synchronized void stop(String name, int timeoutSeconds) {
        name = byId(name);
        attempt("stop " + name);
        ObjectNode c = containers.get(name);
        if (c != null && c.path("State").path("Status").asText().equals("running")) {
            c.withObjectProperty("State").put("Status", "exited");
        }
    }

    @Override
    public synchronized void remove(String name) {
        name = byId(name);
        attempt("remove " + name);
        if (inspectsUntilGone.containsKey(name)) {
            throw EngineException.conflict("remove " + name + ": the engine answered 409 removal of container " + name
                    + " is already in progress");
        }
        containers.remove(name);
    }

    /** Named volumes: a volume is "in use" while a container's config mounts it (docker's 409). */
    @Override
    public synchronized void removeVolume(String name) {
        attempt("remove volume " + name);
        for (ObjectNode c : containers.values()) {
            for (JsonNode bind : c.path("HostConfig").path("Binds")) {
                if (bind.asText().startsWith(name + ":")) {
                    throw EngineException.conflict("remove volume " + name + ": the engine answered 409 volume is in use");
                }
            }
        }
        volumes.remove(name);
    }

    @Override
    public synchronized void rename(String name, String newName) {
        name = byId(name);
        attempt("rename " + name + " " + newName);
        if (containers.containsKey(newName)) {
            throw EngineException.conflict("rename " + name + " to " + newName + ": the name is taken: Conflict");
        }
        ObjectNode c = containers.remove(name);
        if (c == null) {
            throw new EngineException("rename " + name + ": the engine answered 404 No such container");
        }
        c.put("Name", "/" + newName);
        containers.put(newName, c);
    }

    @Override
    public synchronized List<String> logs(String name, int lines) {
        List<String> all = output.getOrDefault(name, List.of());
        return containers.containsKey(name) ? all.subList(Math.max(0, all.size() - lines), all.size()) : List.of();
    }

    /** When {@code name} starts, someone changes the engine: {@code change} runs right after. */
    synchronized MemoryEngine whenStarted(String name, Runnable change) {
        onStart.merge(name, c -> change.run(), Consumer::andThen);
        return this;
    }

    /**
     * When {@code name} starts, its state becomes {@code state} ({@code running}, {@code exited} ...), its
     * health {@code health} (null: it has no healthcheck) with {@code check} as the last check's output,
     * its exit code {@code exitCode}, and its output {@code log}.
     */
    synchronized MemoryEngine startsAs(String name, String state, String health, String check, int exitCode, List<String> log) {
        onStart.put(name, c -> {
            ObjectNode st = c.withObjectProperty("State").put("Status", state).put("ExitCode", exitCode);
            if (health != null) {
                st.putObject("Health").put("Status", health).putArray("Log").addObject().put("ExitCode", 1).put("Output", check);
            }
            output.put(name, List.copyOf(log));
        });
        return this;
    }

    @Override
    public synchronized List<JsonNode> networks() {
        networkLists++;
        return networks.values().stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    @Override
    public synchronized void createNetwork(JsonNode body) {
        String name = body.path("Name").asText();
        attempt("create network " + name);
        if (networks.containsKey(name)) {
            throw EngineException.conflict("network with name " + name + " already exists");
        }
        networks.put(name, body.deepCopy());
    }

    /** Records {@code connect NAME NETWORK}; the container shows the network (its aliases given) in {@code NetworkSettings.Networks}. */
    @Override
    public synchronized void connectNetwork(String network, String container, JsonNode endpoint) {
        container = byId(container);
        attempt("connect " + container + " " + network);
        ObjectNode c = containers.get(container);
        if (c == null) {
            throw new EngineException("connect " + container + ": the engine answered 404 No such container");
        }
        c.withObjectProperty("NetworkSettings").withObjectProperty("Networks").set(network, endpoint.deepCopy());
    }

    /** Records {@code disconnect NAME NETWORK}; the network leaves the container's {@code NetworkSettings.Networks}. */
    @Override
    public synchronized void disconnectNetwork(String network, String container) {
        container = byId(container);
        attempt("disconnect " + container + " " + network);
        ObjectNode c = containers.get(container);
        if (c == null) {
            throw new EngineException("disconnect " + container + ": the engine answered 404 No such container");
        }
        c.withObjectProperty("NetworkSettings").withObjectProperty("Networks").remove(network);
    }

    @Override
    public synchronized void removeNetwork(String name) {
        attempt("remove network " + name);
        boolean used = containers.values().stream().anyMatch(c -> c.path("NetworkSettings").path("Networks").has(name));
        if (used) {
            throw EngineException.conflict("network " + name + " has active endpoints");
        }
        networks.remove(name);
    }

    @Override
    public synchronized List<JsonNode> volumes() {
        return volumes.values().stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    /** Keeps the volume as {@code GET /volumes} lists it: its {@code Driver} ({@code local} by default), {@code Options}, {@code Labels}. */
    @Override
    public synchronized void createVolume(JsonNode body) {
        String name = body.path("Name").asText();
        attempt("create volume " + name);
        ObjectNode listed = JsonNodeFactory.instance.objectNode().put("Name", name).put("Driver", body.path("Driver").asText("local"));
        listed.set("Options", body.has("DriverOpts") ? body.get("DriverOpts").deepCopy() : JsonNodeFactory.instance.nullNode());
        listed.set("Labels", body.path("Labels").deepCopy());
        volumes.putIfAbsent(name, listed);
    }

    @Override
    public void close() {
    }
}
