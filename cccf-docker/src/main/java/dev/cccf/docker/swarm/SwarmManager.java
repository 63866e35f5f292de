package dev.cccf.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine.EngineException;
import dev.cccf.docker.internal.EngineSwarmManager;
import java.util.List;

/**
 * What cccf needs from a swarm manager's Engine API, in its own JSON (the bodies of
 * {@code GET /services}, {@code /tasks}, {@code /nodes}, {@code /networks}), so that reading a
 * swarm as cccf ({@link SwarmState}) and planning against it ({@link SwarmPlan}) stay pure.
 * Every call that fails throws an {@link EngineException} whose message names no engine (callers do).
 */
public interface SwarmManager extends AutoCloseable {

    /** The manager's address. */
    String url();

    /** Every service ({@code GET /services}); an engine that is no swarm manager fails with the engine's words. */
    List<JsonNode> services();

    /** Creates a service from its spec; a name already taken is an {@link EngineException#conflict}. */
    void create(JsonNode spec);

    /**
     * Replaces service {@code id}'s spec (a rolling update, as its {@code UpdateConfig} says);
     * {@code version} is the one it was read at, and a stale one is an {@link EngineException#conflict}.
     */
    void update(String id, long version, JsonNode spec);

    /** Removes a service and its tasks; one already gone is no error. */
    void remove(String id);

    /** Every task ({@code GET /tasks}): where each replica runs, its state. */
    List<JsonNode> tasks();

    /** Every node ({@code GET /nodes}): its id, host name, labels, state and availability. */
    List<JsonNode> nodes();

    /** Every network the manager knows ({@code GET /networks}). */
    List<JsonNode> networks();

    /** Creates a network from the body of {@code POST /networks/create}; one of that name already there is no error. */
    void createNetwork(JsonNode body);

    /** Removes a network; one already gone is no error, one still in use an {@link EngineException#conflict}. */
    void removeNetwork(String name);

    @Override
    void close();

    /** The manager at {@code endpoint}, reached as {@link dev.cccf.docker.Engine#connect(Endpoint)} reaches an engine. */
    static SwarmManager connect(Endpoint endpoint) {
        return new EngineSwarmManager(endpoint);
    }
}
