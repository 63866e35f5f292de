package dev.cccf.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.cccf.docker.Endpoint;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.TestEngines;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cccf's transport against docker-java's reference one (zerodep) on a real engine, over a unix
 * socket and over TLS: the same requests get the same statuses and the same JSON, and
 * docker-java's typed client works on it.
 */
class TransportEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Answer(int status, String contentType, JsonNode json) {
    }

    private static Answer call(DockerHttpClient http, Request request) throws IOException {
        try (DockerHttpClient.Response r = http.execute(request); InputStream in = r.getBody()) {
            byte[] body = in.readAllBytes();
            return new Answer(r.getStatusCode(), r.getHeader("Content-Type"),
                    body.length == 0 ? null : JSON.readTree(body));
        }
    }

    @Test
    void answersAsZerodepDoesAndCarriesDockerJavasTypedClient() throws Exception {
        TestEngines.Engine engine = TestEngines.require(1).get(0);
        URI uri = URI.create(engine.url());
        try (DockerHttpClient ours = EngineHttpClient.of(uri, Duration.ofSeconds(5), Duration.ofSeconds(30));
                DockerHttpClient zerodep = new ZerodepDockerHttpClient.Builder().dockerHost(uri).build()) {
            answerAlike(ours, zerodep);
            DockerClient client = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(engine.url()).withApiVersion(DockerJavaEngine.API_VERSION).build(), ours);
            // the typed client over our transport reads what the engine answers over zerodep's
            client.pingCmd().exec(); // throws unless the engine said OK
            assertThat(client.versionCmd().exec().getApiVersion())
                    .isEqualTo(call(zerodep, get("/version")).json().path("ApiVersion").asText());
            String imageId = call(zerodep, get("/v1.41/images/" + TestEngines.IMAGE.replace("/", "%2F") + "/json")).json()
                    .path("Id").asText();
            assertThat(imageId).matches("sha256:[0-9a-f]{64}");
            assertThat(client.inspectImageCmd(TestEngines.IMAGE).exec().getId()).isEqualTo(imageId);
            List<String> raw = new ArrayList<>();
            call(zerodep, get("/v1.41/containers/json?all=true")).json().forEach(c -> raw.add(c.path("Id").asText()));
            List<Container> listed = client.listContainersCmd().withShowAll(true).exec();
            assertThat(listed).extracting(Container::getId).containsExactlyInAnyOrderElementsOf(raw);
        }
    }

    /** The same over TLS, on the engine of scripts/engines.sh that listens only with --tlsverify. */
    @Test
    void answersOverTlsAsZerodepWithDockerJavasTlsConfigurationDoes() throws Exception {
        TestEngines.TlsEngine engine = TestEngines.requireTls();
        URI uri = URI.create(engine.url());
        try (DockerHttpClient ours = EngineHttpClient.of(uri, Endpoint.Tls.inDirectory(engine.client()), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
                DockerHttpClient zerodep = new ZerodepDockerHttpClient.Builder().dockerHost(uri)
                        .sslConfig(new LocalDirectorySSLConfig(engine.client().toString())).build()) {
            answerAlike(ours, zerodep);
        }
    }

    /** Requests that succeed, fail and are refused: each gets the same answer from both transports. */
    private static void answerAlike(DockerHttpClient ours, DockerHttpClient zerodep) throws IOException {
        String image = TestEngines.IMAGE.replace("/", "%2F");
        List<Request> requests = List.of(
                get("/v1.41/images/" + image + "/json"),
                get("/v1.41/images/json"),
                get("/v1.41/containers/no-such-container-cccf/json"),
                get("/v1.41/nowhere"),
                Request.builder().method(Request.Method.POST).path("/v1.41/containers/create?name=bad%20name")
                        .headers(Map.of("Content-Type", "application/json"))
                        .bodyBytes("{\"Image\":\"cccf/busybox:test\"}".getBytes()).build());
        for (Request request : requests) {
            Answer expected = call(zerodep, request);
            assertThat(call(ours, request)).as(request.method() + " " + request.path()).isEqualTo(expected);
        }
        assertThat(call(ours, requests.get(0)).status()).isEqualTo(200);
    }

    private static Request get(String path) {
        return Request.builder().method(Request.Method.GET).path(path).build();
    }
}
