package dev.cccf.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.DocumentParser;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Engine} over a docker-java transport of cccf's own ({@link EngineHttpClient}: HTTP/1.1
 * on the JDK's socket channels, see there why not zerodep). Every call goes straight to the
 * Engine API, whose JSON is what {@link dev.cccf.docker.DockerState} converts; {@link #client()}
 * gives docker-java's typed client on the same transport.
 */
public final class DockerJavaEngine implements Engine {
    /** The API version spoken: Docker 20.10 and every later engine understand it. */
    public static final String API_VERSION = "1.41";

    /** Streaming only: an ObjectMapper would cost about 40 ms of start-up (its date formats load locale data). */
    private static final JsonFactory JSON = new JsonFactory();

    private final String url;
    private final DockerHttpClient http;
    private DockerClient client;

    public DockerJavaEngine(String url) {
        this.url = url;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new EngineException("engine address " + url + " is not a URL");
        }
        try {
            this.http = EngineHttpClient.of(uri, Duration.ofSeconds(5), Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            throw new EngineException("engine address " + url + ": use unix:///path/docker.sock or tcp://HOST:PORT");
        }
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
                    .withApiVersion(API_VERSION)
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
    public Optional<JsonNode> inspect(String id) {
        return get("/containers/" + encode(id) + "/json");
    }

    @Override
    public Optional<JsonNode> inspectImage(String ref) {
        return get("/images/" + encode(ref) + "/json");
    }

    @Override
    public void create(String name, JsonNode body) {
        Answer a = call(DockerHttpClient.Request.Method.POST, "/containers/create?name=" + encode(name), body);
        if (a.status() == 404) {
            throw new EngineException("image " + body.path("Image").asText() + " is not on the engine"
                    + " (cccf never pulls: load or build it there first)");
        }
        if (a.status() == 409) {
            throw new EngineException("the name " + name + " is taken on the engine: " + a.message());
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
        if (a.status() != 404) {
            a.orFail("stop " + name);
        }
    }

    @Override
    public void remove(String name) {
        Answer a = call(DockerHttpClient.Request.Method.DELETE, "/containers/" + encode(name) + "?force=true&v=true", null);
        if (a.status() != 404) {
            a.orFail("remove " + name);
        }
    }

    /** A status and the engine's message (its {@code "message"} field, or the body's start). */
    private record Answer(int status, String message) {
        void orFail(String what) {
            if (status / 100 != 2 && status != 304) {
                throw new EngineException(what + ": the engine answered " + status + " " + message);
            }
        }
    }

    private Answer call(DockerHttpClient.Request.Method method, String path, JsonNode body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(method)
                .path("/v" + API_VERSION + path);
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
        } catch (IOException | UncheckedIOException e) {
            throw new EngineException("unreachable: " + reason(e), e);
        } catch (RuntimeException e) {
            throw new EngineException("unreachable: " + reason(e), e);
        }
    }

    private Optional<JsonNode> get(String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v" + API_VERSION + path)
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            int status = response.getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            try (InputStream body = response.getBody()) {
                if (status / 100 != 2) {
                    String text = new String(body.readNBytes(2000), StandardCharsets.UTF_8).trim();
                    throw new EngineException("GET " + path + " answered " + status + " " + text);
                }
                return Optional.of(tree(body));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EngineException("unreachable: " + reason(e), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException("unreachable: " + reason(e), e);
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
