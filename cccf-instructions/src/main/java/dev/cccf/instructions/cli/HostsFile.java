package dev.cccf.instructions.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts file ({@code --hosts}): {@code [{"id": "a", "docker": "unix:///var/run/docker.sock"}]},
 * or the originals' {@code {"id": "a", "host": "10.0.0.2", "port": 2375}} meaning
 * {@code tcp://10.0.0.2:2375}. Other fields (labels, memory ...) are for cccf host; ignored here.
 */
final class HostsFile {
    static final String CODE = "hosts-file";

    private HostsFile() {
    }

    /** Host id to docker endpoint. */
    static Map<String, String> endpoints(byte[] bytes, String source) {
        SourceMap map = SourceMap.of(bytes, source);
        if (map == null) {
            throw new InvalidDocumentException(List.of(new Problem(new Location(source, 1, 1), "$", CODE,
                    "the hosts file is not valid JSON or YAML")));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        JsonNode root = map.tree();
        if (!root.isArray()) {
            problems.add(new Problem(map.locate("$"), "$", CODE, "the hosts file must be an array of hosts"));
        } else {
            for (int i = 0; i < root.size(); i++) {
                String path = "$[" + i + "]";
                JsonNode h = root.get(i);
                JsonNode id = h.get("id");
                String endpoint = endpoint(h);
                if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                    problems.add(new Problem(map.locate(path), path, CODE, "a host needs an id (a string)"));
                } else if (endpoint == null) {
                    problems.add(new Problem(map.locate(path), path, CODE,
                            "host " + dev.cccf.core.Rules.quote(id.textValue())
                                    + " needs \"docker\": URL (or the originals' \"host\" and \"port\")"));
                } else if (endpoints.putIfAbsent(id.textValue(), endpoint) != null) {
                    problems.add(new Problem(map.locate(path + ".id"), path + ".id", CODE,
                            "host id " + dev.cccf.core.Rules.quote(id.textValue()) + " appears twice"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return endpoints;
    }

    private static String endpoint(JsonNode h) {
        if (!h.isObject()) {
            return null;
        }
        JsonNode docker = h.get("docker");
        if (docker != null && docker.isTextual() && !docker.textValue().isBlank()) {
            return docker.textValue();
        }
        JsonNode host = h.get("host");
        if (host == null || !host.isTextual() || host.textValue().isBlank()) {
            return null;
        }
        if (host.textValue().contains("://")) {
            return host.textValue();
        }
        JsonNode port = h.get("port");
        return "tcp://" + host.textValue() + ":" + (port == null || port.isNull() ? "2375" : port.asText());
    }
}
