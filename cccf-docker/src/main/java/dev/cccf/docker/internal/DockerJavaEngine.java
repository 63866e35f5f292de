package dev.cccf.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.DocumentParser;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.Engine;
import dev.cccf.docker.internal.transport.EngineHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Consumer;

/**
 * {@link Engine} over a docker-java transport of cccf's own ({@link EngineHttpClient}: HTTP/1.1
 * on the JDK's socket channels, see there why not zerodep). Every call goes straight to the
 * Engine API, whose JSON is what {@link dev.cccf.docker.DockerState} converts; {@link #client()}
 * gives docker-java's typed client on the same transport.
 *
 * <p>The API version is negotiated as the docker CLI does it: the first call asks
 * {@code GET /_ping} (one round trip per engine), whose {@code Api-Version} header is the newest
 * version the engine speaks, and every call then speaks the older of that and {@link #NEWEST}.
 * An engine older than {@link #MINIMUM} is an error naming it, as is one whose own minimum is
 * above {@link #NEWEST}.
 */
public final class DockerJavaEngine implements Engine {
    /** The oldest API version cccf works with: Docker 20.10. */
    public static final String MINIMUM = "1.41";
    /**
     * The newest API version cccf speaks: Docker 29.0. Every field cccf reads or writes (container
     * create, list and inspect; image inspect) means the same from 1.41 to this one.
     */
    public static final String NEWEST = "1.52";
    /** A version every engine from Docker 20.10 to 28 speaks (Docker 29 and later refuse it): for tests of the transport. */
    public static final String API_VERSION = MINIMUM;

    /** Streaming only: an ObjectMapper would cost about 40 ms of start-up (its date formats load locale data). */
    private static final JsonFactory JSON = new JsonFactory();

    private final String url;
    private final DockerHttpClient http;
    private DockerClient client;
    /** The version spoken, once the engine has been asked. */
    private volatile String version;

    public DockerJavaEngine(String url) {
        this(Endpoint.of(url));
    }

    /** @throws EngineException for an address that is not one, or TLS material that cannot be used */
    public DockerJavaEngine(Endpoint endpoint) {
        this.url = endpoint.url();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new EngineException("engine address " + url + " is not a URL");
        }
        try {
            this.http = endpoint.ssh() != null
                    ? EngineHttpClient.ssh(uri, endpoint.ssh(), Duration.ofSeconds(30), Duration.ofSeconds(60))
                    : EngineHttpClient.of(uri, endpoint.tls(), Duration.ofSeconds(5), Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            throw new EngineException("engine address " + url + ": use unix:///path/docker.sock, tcp://HOST:PORT,"
                    + " https://HOST:PORT or ssh://[USER@]HOST[:PORT]");
        } catch (IOException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * The API version spoken with this engine: asked once ({@code GET /_ping}), then remembered.
     *
     * @throws EngineException when the engine does not answer, or speaks no version cccf can
     */
    public String apiVersion() {
        String v = version;
        if (v == null) {
            synchronized (this) {
                if (version == null) {
                    version = negotiate();
                }
                v = version;
            }
        }
        return v;
    }

    private String negotiate() {
        DockerHttpClient.Request ping = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/_ping").build();
        String offered;
        String server;
        try (DockerHttpClient.Response response = http.execute(ping); InputStream in = response.getBody()) {
            offered = response.getHeader("Api-Version");
            server = response.getHeader("Server");
            String text = in == null ? "" : new String(in.readNBytes(2000), StandardCharsets.UTF_8).trim();
            int status = response.getStatusCode();
            if (status == 400 && text.contains("HTTP request to an HTTPS server")) {
                throw new EngineException(TLS_HINT);
            }
            if (status / 100 != 2) {
                throw new EngineException("no Docker engine answers there: GET /_ping answered " + status + " "
                        + (text.length() <= 80 ? text : text.substring(0, 80) + "..."));
            }
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
        return choose(offered, server);
    }

    /**
     * The version to speak with an engine whose newest is {@code offered} (null when it did not
     * say: the minimum is tried); {@code server} (its Server header) names it in errors.
     */
    static String choose(String offered, String server) {
        if (offered == null || !offered.trim().matches("[0-9]+\\.[0-9]+")) {
            return MINIMUM;
        }
        String v = offered.trim();
        if (compare(v, MINIMUM) < 0) {
            throw new EngineException("the engine" + (server == null ? "" : " (" + server + ")") + " speaks API " + v
                    + " at most; cccf needs " + MINIMUM + " (Docker 20.10) or newer: upgrade the engine");
        }
        return compare(v, NEWEST) > 0 ? NEWEST : v;
    }

    /** Compares two API versions (MAJOR.MINOR) as numbers. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    private static final String TLS_HINT = "the engine speaks TLS and was reached without it: set DOCKER_TLS_VERIFY=1"
            + " and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), use https://, or a docker context made with its certificates";

    /** An engine's refusal of the version spoken, told as such (e.g. Docker 29 below 1.44). */
    private EngineException refusal(int status, String message) {
        if (status == 400 && message.contains("too old") && message.contains("API version")) {
            return new EngineException("the engine refuses API " + apiVersion() + ", the newest cccf speaks with it (" + message
                    + "); cccf speaks " + MINIMUM + " to " + NEWEST);
        }
        if (status == 400 && message.contains("HTTP request to an HTTPS server")) {
            return new EngineException(TLS_HINT);
        }
        return null;
    }

    @Override
    public String url() {
        return url;
    }

    /** docker-java's typed client for this engine (made on first use). */
    public synchronized DockerClient client() {
        if (client == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(url)
                    .withDockerTlsVerify(false)
                    .withApiVersion(apiVersion())
                    .build();
            client = DockerClientImpl.getInstance(config, http);
        }
        return client;
    }

    @Override
    public List<JsonNode> list(boolean all) {
        JsonNode body = get("/containers/json" + (all ? "?all=true" : "")).orElseThrow(
                () -> new EngineException("the engine has no /containers/json"));
        List<JsonNode> out = new ArrayList<>();
        body.forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public List<JsonNode> listLabelled(String key, String value) {
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        filters.putArray("label").add(key + "=" + value);
        return listFiltered(filters);
    }

    /** At most this many names in one request: its URL stays well under what engines accept. */
    static final int NAMES_PER_REQUEST = 100;

    @Override
    public List<JsonNode> listNamed(Collection<String> names) {
        List<String> all = List.copyOf(new LinkedHashSet<>(names));
        List<JsonNode> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += NAMES_PER_REQUEST) {
            ObjectNode filters = JsonNodeFactory.instance.objectNode();
            ArrayNode patterns = filters.putArray("name");
            // the engine matches each pattern (a Go regular expression) against "/NAME"
            all.subList(from, Math.min(all.size(), from + NAMES_PER_REQUEST))
                    .forEach(n -> patterns.add("^/" + NAME_SPECIAL.matcher(n).replaceAll("\\\\$0") + "$"));
            out.addAll(listFiltered(filters));
        }
        return List.copyOf(out);
    }

    private static final Pattern NAME_SPECIAL = Pattern.compile("[^A-Za-z0-9_-]");

    private List<JsonNode> listFiltered(ObjectNode filters) {
        JsonNode body = get("/containers/json?all=true&filters=" + encode(CccfWriter.canonical(filters))).orElseThrow(
                () -> new EngineException("the engine has no /containers/json"));
        List<JsonNode> out = new ArrayList<>();
        body.forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public Optional<JsonNode> inspect(String id) {
        return get("/containers/" + encode(id) + "/json");
    }

    @Override
    public Optional<JsonNode> inspectImage(String ref) {
        return get("/images/" + encode(ref) + "/json");
    }

    @Override
    public void pull(String image, String auth, Consumer<String> progress) {
        ImageName name = ImageName.of(image);
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                // a digest goes where the tag would, as the docker CLI sends it
                .path("/v" + apiVersion() + "/images/create?fromImage=" + encode(name.repository())
                        + "&tag=" + encode(name.digest() != null ? name.digest() : name.tag()));
        if (auth != null) {
            request.headers(Map.of("X-Registry-Auth", auth));
        }
        try (DockerHttpClient.Response response = http.execute(request.build()); InputStream in = response.getBody()) {
            int status = response.getStatusCode();
            if (status / 100 != 2) {
                String text = in == null ? "" : new String(in.readNBytes(4000), StandardCharsets.UTF_8).trim();
                EngineException refused = refusal(status, messageOf(text));
                throw refused != null ? refused : new EngineException(messageOf(text));
            }
            if (in != null) {
                PullStream.read(in, progress);
            }
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    @Override
    public void create(String name, JsonNode body) {
        Answer a = call(DockerHttpClient.Request.Method.POST, "/containers/create?name=" + encode(name), body);
        if (a.status() == 404) {
            throw new EngineException("image " + body.path("Image").asText() + " is not on the engine (" + a.message() + ")");
        }
        if (a.status() == 409) {
            throw EngineException.conflict("the name " + name + " is taken on the engine: " + a.message());
        }
        a.orFail("create " + name);
    }

    @Override
    public void start(String name) {
        call(DockerHttpClient.Request.Method.POST, "/containers/" + encode(name) + "/start", null).orFail("start " + name);
    }

    @Override
    public void stop(String name, int timeoutSeconds) {
        Answer a = call(DockerHttpClient.Request.Method.POST, "/containers/" + encode(name) + "/stop?t=" + timeoutSeconds, null);
        if (a.status() == 409) { // in the middle of another client's removal, as remove's 409
            throw EngineException.conflict("stop " + name + ": the engine answered 409 " + a.message());
        }
        if (a.status() != 404) {
            a.orFail("stop " + name);
        }
    }

    @Override
    public void remove(String name) {
        Answer a = call(DockerHttpClient.Request.Method.DELETE, "/containers/" + encode(name) + "?force=true&v=true", null);
        if (a.status() == 409) { // "removal of container ... is already in progress"
            throw EngineException.conflict("remove " + name + ": the engine answered 409 " + a.message());
        }
        if (a.status() != 404) {
            a.orFail("remove " + name);
        }
    }

    /**
     * {@code GET} of any Engine API path (below the version prefix), for the endpoints {@link Engine}
     * does not name (a swarm's services, tasks, nodes): its JSON, or empty on 404.
     */
    public Optional<JsonNode> read(String path) {
        return get(path);
    }

    /** An answer to {@link #send}: its status and the engine's message. */
    public record Reply(int status, String message) {
        public boolean ok() {
            return status / 100 == 2 || status == 304;
        }
    }

    /**
     * {@code method} ({@code POST}, {@code DELETE}) of any Engine API path with an optional JSON
     * body; the status as it is, so the caller tells a conflict or a missing object apart. An
     * engine that does not answer, or refuses the API version, is an {@link EngineException}.
     */
    public Reply send(String method, String path, JsonNode body) {
        Answer a = call(DockerHttpClient.Request.Method.valueOf(method), path, body);
        EngineException refused = a.status() / 100 == 2 ? null : refusal(a.status(), a.message());
        if (refused != null) {
            throw refused;
        }
        return new Reply(a.status(), a.message());
    }

    @Override
    public void removeVolume(String name) {
        Answer a = call(DockerHttpClient.Request.Method.DELETE, "/volumes/" + encode(name), null);
        if (a.status() == 409) { // "volume is in use"
            throw EngineException.conflict("remove volume " + name + ": the engine answered 409 " + a.message());
        }
        if (a.status() != 404) {
            a.orFail("remove volume " + name);
        }
    }

    @Override
    public void rename(String name, String newName) {
        Answer a = call(DockerHttpClient.Request.Method.POST, "/containers/" + encode(name) + "/rename?name=" + encode(newName), null);
        if (a.status() == 409) {
            throw EngineException.conflict("rename " + name + " to " + newName + ": the name is taken: " + a.message());
        }
        a.orFail("rename " + name + " to " + newName);
    }

    @Override
    public List<String> logs(String name, int lines) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v" + apiVersion() + "/containers/" + encode(name) + "/logs?stdout=true&stderr=true&tail=" + lines)
                .build();
        try (DockerHttpClient.Response response = http.execute(request);
                InputStream in = response.getBody()) {
            if (response.getStatusCode() == 404) {
                return List.of();
            }
            byte[] body = in == null ? new byte[0] : in.readNBytes(64 * 1024);
            if (response.getStatusCode() / 100 != 2) {
                throw new EngineException("logs " + name + ": the engine answered " + response.getStatusCode() + " "
                        + messageOf(new String(body, StandardCharsets.UTF_8).trim()));
            }
            return LogFrames.lines(body);
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    @Override
    public int containerCount() {
        return get("/info", DockerJavaEngine::containersField).orElseThrow(() -> new EngineException("the engine has no /info"));
    }

    /**
     * The top-level {@code "Containers"} number of a {@code /info} body, read up to that field
     * (near its start) and no further: the rest (some kilobytes of plugins, registries and
     * security options) is not parsed.
     */
    static int containersField(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the engine's /info is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("Containers") && value == JsonToken.VALUE_NUMBER_INT) {
                    return p.getIntValue();
                }
                p.skipChildren();
            }
            throw new IOException("the engine's /info has no Containers count");
        }
    }

    @Override
    public List<JsonNode> networks() {
        return networks("/networks");
    }

    @Override
    public List<JsonNode> networksOf(String project) {
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        filters.putArray("label").add(CccfLabels.PROJECT + "=" + project);
        return networks("/networks?filters=" + encode(CccfWriter.canonical(filters)));
    }

    private List<JsonNode> networks(String path) {
        List<JsonNode> out = new ArrayList<>();
        get(path).orElseThrow(() -> new EngineException("the engine has no /networks")).forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public void createNetwork(JsonNode body) {
        String name = body.path("Name").asText();
        Answer a = call(DockerHttpClient.Request.Method.POST, "/networks/create", body);
        if (a.status() == 409) {
            throw EngineException.conflict("network " + name + " exists on the engine: " + a.message());
        }
        a.orFail("create network " + name);
    }

    @Override
    public void connectNetwork(String network, String container, JsonNode endpoint) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("Container", container);
        body.set("EndpointConfig", endpoint);
        call(DockerHttpClient.Request.Method.POST, "/networks/" + encode(network) + "/connect", body)
                .orFail("connect " + container + " to network " + network);
    }

    @Override
    public void disconnectNetwork(String network, String container) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("Container", container);
        call(DockerHttpClient.Request.Method.POST, "/networks/" + encode(network) + "/disconnect", body)
                .orFail("disconnect " + container + " from network " + network);
    }

    @Override
    public void removeNetwork(String name) {
        Answer a = call(DockerHttpClient.Request.Method.DELETE, "/networks/" + encode(name), null);
        if (a.status() == 409 || a.status() == 403) { // "has active endpoints"
            throw EngineException.conflict("remove network " + name + ": the engine answered " + a.status() + " " + a.message());
        }
        if (a.status() != 404) {
            a.orFail("remove network " + name);
        }
    }

    @Override
    public List<JsonNode> volumes() {
        List<JsonNode> out = new ArrayList<>();
        get("/volumes").orElseThrow(() -> new EngineException("the engine has no /volumes")).path("Volumes").forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public List<JsonNode> volumesLabelled(String key, String value) {
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        filters.putArray("label").add(key + "=" + value);
        List<JsonNode> out = new ArrayList<>();
        get("/volumes?filters=" + encode(CccfWriter.canonical(filters)))
                .orElseThrow(() -> new EngineException("the engine has no /volumes")).path("Volumes").forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public void createVolume(JsonNode body) {
        call(DockerHttpClient.Request.Method.POST, "/volumes/create", body).orFail("create volume " + body.path("Name").asText());
    }

    /** A status and the engine's message (its {@code "message"} field, or the body's start). */
    private final class Answer {
        private final int status;
        private final String message;

        Answer(int status, String message) {
            this.status = status;
            this.message = message;
        }

        int status() {
            return status;
        }

        String message() {
            return message;
        }

        void orFail(String what) {
            if (status / 100 != 2 && status != 304) {
                EngineException refused = refusal(status, message);
                throw refused != null ? refused : new EngineException(what + ": the engine answered " + status + " " + message);
            }
        }
    }

    private Answer call(DockerHttpClient.Request.Method method, String path, JsonNode body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(method)
                .path("/v" + apiVersion() + path);
        if (body != null) {
            request.headers(Map.of("Content-Type", "application/json"));
            try {
                request.bodyBytes(bytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (DockerHttpClient.Response response = http.execute(request.build());
                InputStream in = response.getBody()) {
            String text = in == null ? "" : new String(in.readNBytes(4000), StandardCharsets.UTF_8).trim();
            return new Answer(response.getStatusCode(), messageOf(text));
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** What a body is read as. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private Optional<JsonNode> get(String path) {
        return get(path, DockerJavaEngine::tree);
    }

    private <T> Optional<T> get(String path, BodyReader<T> reader) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v" + apiVersion() + path)
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            int status = response.getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            try (InputStream body = response.getBody()) {
                if (status / 100 != 2) {
                    String text = new String(body.readNBytes(2000), StandardCharsets.UTF_8).trim();
                    EngineException refused = refusal(status, messageOf(text));
                    throw refused != null ? refused : new EngineException("GET " + path + " answered " + status + " " + text);
                }
                return Optional.of(reader.read(body));
            }
        } catch (IOException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The {@code "message"} of an Engine API error body, or the text itself when it has none. */
    private static String messageOf(String text) {
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            return tree(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).path("message").asText(text);
        } catch (IOException | RuntimeException e) {
            return text; // cut short or not JSON after all: the text says what there is
        }
    }

    private static byte[] bytes(JsonNode tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            CccfWriter.writeTree(g, tree);
        }
        return out.toByteArray();
    }

    private static JsonNode tree(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() == null) {
                throw new IOException("the engine answered with an empty body");
            }
            return DocumentParser.readTree(p);
        }
    }

    /** What went wrong talking to the engine: an EngineException as it is, anything else as unreachable. */
    private static EngineException unreachable(Exception e) {
        return e instanceof EngineException known ? known : new EngineException("unreachable: " + reason(e), e);
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
            http.close();
        } catch (IOException e) {
            // nothing left to do: the connection is gone either way
        }
    }
}
