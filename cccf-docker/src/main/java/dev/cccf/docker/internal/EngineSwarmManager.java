package dev.cccf.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine.EngineException;
import dev.cccf.docker.swarm.SwarmManager;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link SwarmManager} over the same transport and API version negotiation as {@link DockerJavaEngine}. */
public final class EngineSwarmManager implements SwarmManager {
    private final DockerJavaEngine engine;

    public EngineSwarmManager(Endpoint endpoint) {
        this.engine = new DockerJavaEngine(endpoint);
    }

    @Override
    public String url() {
        return engine.url();
    }

    @Override
    public List<JsonNode> services() {
        return list("/services");
    }

    @Override
    public void create(JsonNode spec) {
        DockerJavaEngine.Reply r = engine.send("POST", "/services/create", spec);
        if (r.status() == 409) {
            throw EngineException.conflict("the name " + spec.path("Name").asText() + " is taken on the swarm: " + r.message());
        }
        orFail(r, "create service " + spec.path("Name").asText());
    }

    @Override
    public void update(String id, long version, JsonNode spec) {
        DockerJavaEngine.Reply r = engine.send("POST", "/services/" + encode(id) + "/update?version=" + version, spec);
        if (r.status() == 409 || (r.status() == 500 && r.message().contains("update out of sequence"))) {
            throw EngineException.conflict("update service " + spec.path("Name").asText() + ": changed meanwhile (" + r.message() + ")");
        }
        orFail(r, "update service " + spec.path("Name").asText());
    }

    @Override
    public void remove(String id) {
        DockerJavaEngine.Reply r = engine.send("DELETE", "/services/" + encode(id), null);
        if (r.status() != 404) {
            orFail(r, "remove service " + id);
        }
    }

    @Override
    public List<JsonNode> tasks() {
        return list("/tasks");
    }

    @Override
    public List<JsonNode> nodes() {
        return list("/nodes");
    }

    @Override
    public List<JsonNode> networks() {
        return list("/networks");
    }

    @Override
    public void createNetwork(JsonNode body) {
        DockerJavaEngine.Reply r = engine.send("POST", "/networks/create", body);
        if (r.status() != 409) {
            orFail(r, "create network " + body.path("Name").asText());
        }
    }

    @Override
    public void removeNetwork(String name) {
        DockerJavaEngine.Reply r = engine.send("DELETE", "/networks/" + encode(name), null);
        // swarm answers "network NAME is in use by task ID" while a removed service's tasks shut down
        if (r.status() == 409 || r.status() == 403 || r.message().contains("in use")) {
            throw EngineException.conflict("remove network " + name + ": the engine answered " + r.status() + " " + r.message());
        }
        if (r.status() != 404) {
            orFail(r, "remove network " + name);
        }
    }

    private List<JsonNode> list(String path) {
        JsonNode body = engine.read(path).orElseThrow(() -> new EngineException("the engine has no " + path));
        List<JsonNode> out = new ArrayList<>();
        body.forEach(out::add);
        return List.copyOf(out);
    }

    private static void orFail(DockerJavaEngine.Reply r, String what) {
        if (!r.ok()) {
            throw new EngineException(what + ": the engine answered " + r.status() + " " + r.message());
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        engine.close();
    }
}
