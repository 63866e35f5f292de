package dev.cccf.docker.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engines of a hosts file (DESIGN.md): {@code [{"id": "a", "docker": "unix:///..."}, ...]};
 * the originals' {@code {"id", "host", "port"}} means {@code tcp://HOST:PORT}. Other fields
 * (labels, memory, cpus) are cccf-host's and ignored here.
 */
public final class HostsFile {
    private HostsFile() {
    }

    /** Rule codes of hosts files. */
    public static final String HOSTS_SYNTAX = "hosts-syntax";
    public static final String HOSTS_TYPE = "hosts-type";
    public static final String HOSTS_ID = "hosts-id";
    public static final String HOSTS_ENGINE = "hosts-engine";

    /** One engine of the file. */
    public record EngineHost(String id, String url) {
    }

    public static List<EngineHost> read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        ObjectMapper mapper = text.startsWith("[") || text.startsWith("{") ? new ObjectMapper() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation l = e.getLocation();
            Location where = l == null ? Location.unknown(source) : new Location(source, Math.max(1, l.getLineNr()),
                    Math.max(1, l.getColumnNr()));
            throw new InvalidDocumentException(List.of(new Problem(where, "$", HOSTS_SYNTAX,
                    "not valid JSON or YAML: " + e.getOriginalMessage().replaceAll("\\s+", " "))));
        }
        List<Problem> problems = new ArrayList<>();
        List<EngineHost> hosts = new ArrayList<>();
        Location at = Location.unknown(source);
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InvalidDocumentException(List.of(new Problem(at, "$", HOSTS_TYPE,
                    "a hosts file is a non-empty array of {\"id\": ..., \"docker\": \"unix:///var/run/docker.sock\"}")));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode h = root.get(i);
            String path = "$[" + i + "]";
            if (!h.isObject()) {
                problems.add(new Problem(at, path, HOSTS_TYPE, "a host must be an object"));
                continue;
            }
            String id = h.path("id").isTextual() ? h.path("id").textValue() : "";
            if (id.isBlank()) {
                problems.add(new Problem(at, path + ".id", HOSTS_ID, "a host needs an \"id\" string"));
            } else if (!ids.add(id)) {
                problems.add(new Problem(at, path + ".id", HOSTS_ID, "host id " + Rules.quote(id) + " appears twice"));
            }
            String url = null;
            if (h.path("docker").isTextual() && !h.path("docker").textValue().isBlank()) {
                url = h.path("docker").textValue();
            } else if (h.path("host").isTextual() && !h.path("host").textValue().isBlank()) {
                url = "tcp://" + h.path("host").textValue() + ":" + h.path("port").asInt(2375);
            }
            if (url == null) {
                problems.add(new Problem(at, path, HOSTS_ENGINE,
                        "host " + Rules.quote(id) + " needs \"docker\": \"unix:///...\" or \"tcp://HOST:PORT\" (or \"host\" and \"port\")"));
            } else {
                hosts.add(new EngineHost(id, url));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return List.copyOf(hosts);
    }
}
