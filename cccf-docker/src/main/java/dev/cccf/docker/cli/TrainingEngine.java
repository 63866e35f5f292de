package dev.cccf.docker.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.DocumentParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the Engine API on a unix socket in a temporary directory, for the training run
 * of bin/cccf's class-data archive only ({@code --cds-training}): it keeps containers in memory
 * and answers list, create, start, stop and remove the way an engine does (and has every image) (lists chunked, like
 * dockerd), so that the training walks apply and inspect through the real transport, as a
 * real run does. Never used against anything else; tests use real engines.
 */
final class TrainingEngine implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Path dir;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final Map<String, ObjectNode> containers = new LinkedHashMap<>();

    TrainingEngine() throws IOException {
        dir = Files.createTempDirectory("cccf-training");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("engine.sock")));
        thread = new Thread(this::serve, "cccf-training-engine");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A copy of a hosts file with each host's engine replaced by a new training engine (added
     * to {@code engines}, which the caller closes); the copy lies in the first engine's directory.
     */
    static Path hostsFile(Path hostsFile, List<TrainingEngine> engines) throws IOException {
        JsonNode hosts;
        try (JsonParser p = JSON.createParser(hostsFile.toFile())) {
            p.nextToken();
            hosts = DocumentParser.readTree(p);
        }
        for (JsonNode host : hosts) {
            TrainingEngine engine = new TrainingEngine();
            engines.add(engine);
            String address = Host.ofEndpoint(host.path("docker").asText()).reachableAt();
            if (address != null && !host.has("address")) { // the hosts still reach each other where they did: wired across them
                ((ObjectNode) host).put("address", address);
            }
            ((ObjectNode) host).put("docker", engine.url());
        }
        if (engines.isEmpty()) {
            throw new IOException("no hosts in " + hostsFile);
        }
        Path copy = engines.get(0).dir.resolve("hosts.json");
        try (JsonGenerator g = JSON.createGenerator(copy.toFile(), JsonEncoding.UTF8)) {
            CccfWriter.writeTree(g, hosts);
        }
        return copy;
    }

    String url() {
        return "unix://" + dir.resolve("engine.sock");
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                answer(c);
            } catch (IOException | RuntimeException e) {
                // closed at the end of the training, or a request the stand-in does not know
            }
        }
    }

    private void answer(SocketChannel c) throws IOException {
        InputStream in = Channels.newInputStream(c);
        String head = head(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        String[] request = head.substring(0, head.indexOf("\r\n")).split(" ");
        String method = request[0];
        String path = request[1].replaceFirst("^/v[0-9.]+", "");
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String[] parts = path.split("/");
        if (method.equals("GET") && request[1].equals("/_ping")) { // the API version is agreed first
            reply(c, 200, null, false);
        } else if (method.equals("GET") && path.startsWith("/images/") && path.endsWith("/json")) { // every image is there
            reply(c, 200, F.objectNode().put("Id", "sha256:" + Integer.toHexString(path.hashCode())).putNull("Config"), false);
        } else if (method.equals("GET") && path.equals("/containers/json")) {
            ArrayNode list = F.arrayNode();
            containers.values().stream().filter(s -> query.contains("all=true") || s.path("State").asText().equals("running"))
                    .forEach(list::add);
            reply(c, 200, list, true);
        } else if (method.equals("GET") && path.equals("/info")) { // apply counts the containers it leaves alone
            reply(c, 200, F.objectNode().put("ID", "cccf-training").put("Containers", containers.size()), true);
        } else if (method.equals("GET") && path.equals("/networks")) { // no network: the example joins none
            reply(c, 200, F.arrayNode(), true);
        } else if (method.equals("GET") && path.equals("/volumes")) {
            ObjectNode volumes = F.objectNode();
            volumes.putArray("Volumes");
            reply(c, 200, volumes, true);
        } else if (method.equals("POST") && path.equals("/containers/create")) {
            String name = URLDecoder.decode(query.replaceFirst("^name=", ""), StandardCharsets.UTF_8);
            JsonNode config;
            try (JsonParser p = JSON.createParser(body)) {
                p.nextToken();
                config = DocumentParser.readTree(p);
            }
            ObjectNode summary = F.objectNode().put("Id", Integer.toHexString(name.hashCode()) + "0000")
                    .put("Image", config.path("Image").asText()).put("State", "created");
            summary.putArray("Names").add("/" + name);
            summary.set("Labels", config.path("Labels").deepCopy());
            containers.put(name, summary);
            reply(c, 201, F.objectNode().put("Id", summary.get("Id").asText()), false);
        } else if (parts.length >= 3 && containers.containsKey(parts[2])) {
            ObjectNode summary = containers.get(parts[2]);
            String action = parts.length > 3 ? parts[3] : "";
            if (method.equals("DELETE")) {
                containers.remove(parts[2]);
            } else if (action.equals("start") || action.equals("stop")) {
                summary.put("State", action.equals("start") ? "running" : "exited");
            }
            reply(c, 204, null, false);
        } else {
            reply(c, 404, F.objectNode().put("message", "No such object: " + path), false);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0d0a0d0a && (b = in.read()) >= 0) { // up to the empty line
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(SocketChannel c, int status, JsonNode body, boolean chunked) throws IOException {
        byte[] bytes = new byte[0];
        if (body != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                CccfWriter.writeTree(g, body);
            }
            out.write('\n');
            bytes = out.toByteArray();
        }
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" Training\r\n")
                .append("Content-Type: application/json\r\nApi-Version: 1.41\r\n");
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (chunked) {
            answer.writeBytes(h.append("Transfer-Encoding: chunked\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            answer.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            answer.writeBytes(bytes);
            answer.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            if (status != 204) {
                h.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            answer.writeBytes(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            answer.writeBytes(bytes);
        }
        ByteBuffer out = ByteBuffer.wrap(answer.toByteArray());
        while (out.hasRemaining()) {
            c.write(out);
        }
    }

    /** Stops serving and removes its directory. */
    @Override
    public void close() {
        try {
            server.close();
            thread.join(2000);
            Files.deleteIfExists(dir.resolve("engine.sock"));
            Files.deleteIfExists(dir.resolve("hosts.json"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is all that can go wrong
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
