package dev.cccf.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.docker.Converge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cccf container as the body of the Engine API's {@code POST /containers/create}: what
 * {@code docker run} would send for the same fields. Pure; the labels are given (cccf's own and the
 * container's {@code labels} field, merged).
 */
public final class CreateBody {
    private CreateBody() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public static ObjectNode of(Container c, Map<String, String> cccfLabels) {
        ObjectNode body = F.objectNode();
        ObjectNode host = F.objectNode();
        body.put("Image", c.image());
        // the entrypoint's arguments stand before the command, as docker run puts them
        List<String> cmd = new ArrayList<>(FieldTable.entrypointArguments(c));
        if (c.cmd() != null) {
            cmd.addAll(c.cmd().words());
        }
        if (!cmd.isEmpty()) {
            body.set("Cmd", array(cmd));
        }
        if (!c.env().isEmpty()) {
            body.set("Env", array(c.env()));
        }
        ObjectNode exposed = F.objectNode();
        ObjectNode bindings = F.objectNode();
        for (String port : c.ports()) {
            String[] protoSplit = port.split("/", 2);
            String proto = protoSplit.length > 1 ? protoSplit[1] : "tcp";
            String[] hc = protoSplit[0].split(":", 2);
            String spec = hc[1] + "/" + proto;
            exposed.set(spec, F.objectNode());
            ArrayNode list = bindings.has(spec) ? (ArrayNode) bindings.get(spec) : bindings.putArray(spec);
            list.addObject().put("HostPort", hc[0]);
        }
        for (String e : c.expose()) {
            exposed.set(e.contains("/") ? e : e + "/tcp", F.objectNode());
        }
        if (!exposed.isEmpty()) {
            body.set("ExposedPorts", exposed);
        }
        // docker run -v /path is an anonymous volume: Config.Volumes, not a bind of the host's /path
        List<String> anonymous = c.volumes().stream().filter(v -> !v.contains(":")).toList();
        if (!anonymous.isEmpty()) {
            ObjectNode volumes = body.putObject("Volumes");
            anonymous.forEach(v -> volumes.set(v, F.objectNode()));
        }
        ObjectNode labelNode = body.putObject("Labels");
        new TreeMap<>(cccfLabels).forEach(labelNode::put);
        if (!bindings.isEmpty()) {
            host.set("PortBindings", bindings);
        }
        List<String> binds = c.volumes().stream().filter(v -> v.contains(":")).toList();
        if (!binds.isEmpty()) {
            host.set("Binds", array(binds));
        }
        if (!c.links().isEmpty()) {
            host.set("Links", array(c.links().stream().map(CreateBody::link).toList()));
        }
        // every field the table knows, in the table's order; the others are warned about when read
        for (String name : FieldTable.names()) {
            JsonNode value = c.extensions().get(name);
            DockerField field = value == null ? null : FieldTable.get(name);
            if (field != null && field.create() != null) {
                field.create().write(value, body, host);
            }
        }
        body.set("HostConfig", host);
        return body;
    }

    /** {@code "db"} -> {@code "db:db"}; {@code "$db:database"} -> {@code "db:database"}. */
    static String link(String link) {
        String target = Converge.linkTarget(link);
        String[] parts = link.split(":", 2);
        return target + ":" + (parts.length > 1 ? parts[1] : target);
    }

    private static ArrayNode array(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
