package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.docker.internal.CreateBody;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.Options;
import dev.cccf.testkit.TestEngines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan and apply agree on a real engine, field by field: one container is created by the real
 * {@code docker} CLI from the argv {@code cccf plan} prints (with {@code create} for {@code run
 * -d}), one through the create body {@code cccf apply} sends, and the engine's own description of
 * both (Config and HostConfig) must be the same. Containers only, named {@code cccf-fields-*},
 * removed afterwards. Skipped without engines (failed on CI), like every engine test.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldsEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONFIG = List.of("Entrypoint", "Cmd", "Env", "ExposedPorts", "Volumes", "Labels",
            "User", "WorkingDir", "StopSignal", "Healthcheck");
    private static final List<String> HOST_CONFIG = List.of("RestartPolicy", "NetworkMode", "Memory", "NanoCpus", "Dns",
            "CapAdd", "CapDrop", "Privileged", "ReadonlyRootfs", "Init", "VolumesFrom", "ExtraHosts", "Devices", "Tmpfs",
            "Sysctls", "Ulimits", "PortBindings", "Binds");

    private final String prefix = "cccf-fields-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();
    private TestEngines.Engine where;
    private Engine engine;

    @BeforeAll
    void engine() {
        where = TestEngines.require(1).get(0);
        engine = Engine.connect(where.url());
        // the container volumes_from names
        engine.create(prefix + "-data", CreateBody.of(Container.builder(prefix + "-data", TestEngines.IMAGE).build(), Map.of()));
        created.add(prefix + "-data");
        // the network the networks row joins
        engine.createNetwork(JSON.createObjectNode().put("Name", prefix + "-front"));
    }

    @AfterAll
    void removeWhatWasCreated() throws Exception {
        if (engine != null) {
            created.forEach(engine::remove); // with their anonymous volumes
            engine.removeNetwork(prefix + "-front");
            engine.close();
            Process p = new ProcessBuilder("docker", "-H", where.url(), "volume", "rm", "-f", prefix + "-vol")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** The rows of {@link FieldsPlanApplyTest} an engine can take as they are, and the core fields. */
    Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (FieldsPlanApplyTest.Row row : FieldsPlanApplyTest.ROWS) {
            if (row.run().isEmpty()) {
                continue; // nothing for docker: acted on by cccf itself
            }
            String value = switch (row.field()) {
                case "network" -> "\"none\""; // a network that exists on every engine
                case "devices" -> "[\"/dev/null:/dev/xnull:r\", \"/dev/zero\"]"; // devices every host has
                case "volumes_from" -> "[\"" + prefix + "-data:ro\"]";
                case "networks" -> "{\"" + prefix + "-front\": {\"aliases\": [\"www\", \"web\"]}}";
                case "entrypoint" -> "\"/bin/sh -c 'exec \\\"$0\\\" \\\"$@\\\"'\"";
                default -> row.value();
            };
            out.add(Arguments.of(row.field(), Container.builder("x", TestEngines.IMAGE).cmd(Cmd.line("echo hi"))
                    .extension(row.field(), JSON.readTree(value)).build()));
        }
        out.add(Arguments.of("core fields", Container.builder("x", TestEngines.IMAGE).cmd(Cmd.argv(List.of("sh", "-c", "echo 'a b'")))
                .ports("18080:80", "15353:53/udp").env("A=1", "B=two words").volumes("/cache", "/tmp:/host-tmp:ro", prefix + "-vol:/data")
                .expose("9000", "9001/udp").build()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDockerCliFromPlansArgvAndApplysCreateBodyMakeTheSameContainer(String what, Container sample) throws Exception {
        String byCli = prefix + "-cli-" + created.size();
        String byApi = prefix + "-api-" + created.size();
        List<String> argv = new ArrayList<>(List.of("docker", "-H", where.url(), "create"));
        List<String> run = Instructions.run(List.of(sample.withId(byCli)), Options.defaults()).commands().get(0);
        argv.addAll(run.subList(run.indexOf("-d") + 1, run.size()));

        created.add(byCli);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(argv + "\n" + output).isZero();
        created.add(byApi);
        engine.create(byApi, CreateBody.of(sample.withId(byApi), Map.of()));

        JsonNode cli = engine.inspect(byCli).orElseThrow();
        JsonNode api = engine.inspect(byApi).orElseThrow();
        for (String key : CONFIG) {
            assertThat(normal(key, api.path("Config").path(key))).as("Config." + key)
                    .isEqualTo(normal(key, cli.path("Config").path(key)));
        }
        for (String key : HOST_CONFIG) {
            assertThat(normal(key, api.path("HostConfig").path(key))).as("HostConfig." + key)
                    .isEqualTo(normal(key, cli.path("HostConfig").path(key)));
        }
        assertThat(joined(api, byApi)).as("NetworkSettings.Networks").isEqualTo(joined(cli, byCli));
    }

    /** Each network the container joins, with the aliases it was given (not those docker adds: its name, its id). */
    private static Map<String, List<String>> joined(JsonNode container, String name) {
        Map<String, List<String>> out = new TreeMap<>();
        String id = container.path("Id").asText();
        container.path("NetworkSettings").path("Networks").properties().forEach(n -> {
            List<String> aliases = new ArrayList<>();
            n.getValue().path("Aliases").forEach(a -> {
                if (!a.asText().equals(name) && !id.startsWith(a.asText())) {
                    aliases.add(a.asText());
                }
            });
            aliases.sort(null);
            out.put(n.getKey(), aliases);
        });
        return out;
    }

    /**
     * Docker writes an unset list as null or [] depending on the client, no restart policy as the
     * name "" or "no", and the CLI's environment and binds in an order of its own (a map's): each
     * pair means the same.
     */
    private static JsonNode normal(String key, JsonNode v) {
        if (v.isArray() && (key.equals("Env") || key.equals("Binds"))) {
            List<String> env = new ArrayList<>();
            v.forEach(e -> env.add(e.asText()));
            env.sort(null);
            return JSON.valueToTree(env);
        }
        if (v.isObject() && v.path("Name").asText("-").isEmpty() && v.path("MaximumRetryCount").asInt(-1) == 0) {
            return JSON.createObjectNode().put("Name", "no").put("MaximumRetryCount", 0);
        }
        return v.isNull() || v.isMissingNode() || (v.isContainerNode() && v.isEmpty()) ? JSON.nullNode() : v;
    }
}
