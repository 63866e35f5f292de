package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.cli.Tool;
import dev.cccf.docker.CccfLabels;
import dev.cccf.docker.Engine;
import dev.cccf.docker.internal.DockerJavaEngine;
import dev.cccf.testkit.Prerequisites;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code cccf inspect} against the real engines of {@code scripts/engines.sh start}, found by
 * {@link TestEngines#require}: without them the tests are skipped, except on CI (CI=true), where
 * that is a failure.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectEngineTest {
    static final String IMAGE = TestEngines.IMAGE;

    final String prefix = "cccf-it-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, DockerJavaEngine> engines = new LinkedHashMap<>();
    final List<String[]> created = new ArrayList<>(); // host id, container id
    Path hostsFile;
    String h1;
    String h2;

    @BeforeAll
    void engines() {
        hostsFile = TestEngines.hostsFile();
        for (TestEngines.Engine e : TestEngines.require(2)) {
            DockerJavaEngine engine = new DockerJavaEngine(e.url());
            engines.put(e.id(), engine);
            Prerequisites.require(!engine.inspectImage(IMAGE).isEmpty(),
                    "the image " + IMAGE + " on " + e.id() + " (run scripts/engines.sh start)");
        }
        List<String> ids = new ArrayList<>(engines.keySet());
        h1 = ids.get(0);
        h2 = ids.get(1);
    }

    @AfterAll
    void removeWhatWasCreated() {
        for (String[] c : created) {
            try {
                engines.get(c[0]).client().removeContainerCmd(c[1]).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        engines.values().forEach(Engine::close);
    }

    String create(String host, String name, boolean start, java.util.function.UnaryOperator<
            com.github.dockerjava.api.command.CreateContainerCmd> more) {
        DockerClient client = engines.get(host).client();
        String id = more.apply(client.createContainerCmd(IMAGE).withName(name)).exec().getId();
        created.add(new String[] {host, id});
        if (start) {
            client.startContainerCmd(id).exec();
        }
        return id;
    }

    /** Runs {@code cccf inspect ARGS} in-process; returns exit code, stdout, stderr. */
    String[] inspect(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        List<String> argv = new ArrayList<>(List.of("inspect"));
        argv.addAll(List.of(args));
        int code = DockerMain.run(argv.toArray(String[]::new), streams);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    Map<String, Container> ours(String json) {
        Map<String, Container> out = new HashMap<>();
        for (Container c : Cccf.parse(json).containers()) {
            if (c.id().startsWith(prefix)) {
                out.put(c.id(), c);
            }
        }
        return out;
    }

    @Test
    void givesEveryContainerOfEveryEngineWithItsHost() {
        String web = prefix + "-web";
        String idle = prefix + "-idle";
        String stopped = prefix + "-stopped";
        create(h1, web, true, c -> c.withCmd("httpd", "-f", "-p", "80", "-h", "/www")
                .withEnv("FOO=bar", "PATH=/bin")
                .withLabels(Map.of("team", "a"))
                .withExposedPorts(ExposedPort.tcp(80))
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(PortBinding.parse("18080:80"))
                        .withRestartPolicy(RestartPolicy.unlessStoppedRestart())));
        create(h2, idle, true, c -> c);
        create(h2, stopped, false, c -> c.withCmd("sleep", "1"));

        String[] running = inspect("--hosts", hostsFile.toString());
        String[] all = inspect("--hosts", hostsFile.toString(), "--all");

        assertThat(running[0]).as(running[2]).isEqualTo("0");
        assertThat(running[2]).isEmpty();
        Map<String, Container> r = ours(running[1]);
        assertThat(r.keySet()).containsExactlyInAnyOrder(web, idle);
        assertThat(Cccf.toJson(r.get(web))).isEqualTo("{\"id\":\"" + web + "\",\"image\":\"cccf/busybox:test\","
                + "\"cmd\":\"httpd -f -p 80 -h /www\",\"ports\":[\"18080:80\"],\"env\":[\"FOO=bar\"],\"host\":\"" + h1
                + "\",\"restart\":\"unless-stopped\",\"labels\":{\"team\":\"a\"}}");
        // the image's cmd, env and workdir are its defaults, not this container's config
        assertThat(Cccf.toJson(r.get(idle)))
                .isEqualTo("{\"id\":\"" + idle + "\",\"image\":\"cccf/busybox:test\",\"host\":\"" + h2 + "\"}");

        Map<String, Container> a = ours(all[1]);
        assertThat(a.keySet()).containsExactlyInAnyOrder(web, idle, stopped);
        assertThat(Cccf.toJson(a.get(stopped))).isEqualTo("{\"id\":\"" + stopped + "\",\"image\":\"cccf/busybox:test\","
                + "\"cmd\":\"sleep 1\",\"host\":\"" + h2 + "\",\"state\":\"created\"}");
    }

    @Test
    void aContainerCccfCreatedComesBackExactlyAsAskedFor() {
        String id = prefix + "-api";
        Container wanted = Cccf.parse("""
                {"id": "%s", "image": "cccf/busybox:test", "cmd": "sleep 3600", "env": ["PATH=/bin", "MODE=test"],
                 "expose": ["9000"], "restart": "always", "labels": {"team": "b"}}
                """.formatted(id)).containers().get(0);
        Map<String, String> labels = new HashMap<>(CccfLabels.labelsFor(wanted));
        labels.put("team", "b");
        create(h1, id, true, c -> c.withCmd("sleep", "3600").withEnv("PATH=/bin", "MODE=test").withLabels(labels)
                .withExposedPorts(ExposedPort.tcp(9000))
                .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart())));

        String[] result = inspect("-H", engines.get(h1).url());

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(ours(result[1]).get(id)).isEqualTo(wanted.withHost(engines.get(h1).url()));
    }

    @Test
    void anUnreachableEngineAmongLiveOnesFailsTheWholeInspect() throws Exception {
        Path hosts = Files.createTempFile("hosts", ".json");
        try {
            Files.writeString(hosts, "[{\"id\": \"" + h1 + "\", \"docker\": \"" + engines.get(h1).url() + "\"},"
                    + " {\"id\": \"gone\", \"docker\": \"unix:///nonexistent.sock\"}]");

            String[] result = inspect("--hosts", hosts.toString());

            assertThat(result[0]).isEqualTo("3");
            assertThat(result[1]).isEmpty();
            assertThat(result[2]).startsWith("cccf inspect: host gone (unix:///nonexistent.sock): unreachable: ");
        } finally {
            Files.deleteIfExists(hosts);
        }
    }
}
