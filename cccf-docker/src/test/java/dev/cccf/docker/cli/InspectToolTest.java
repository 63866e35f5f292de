package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own behaviour; what it reads from real engines is in {@link InspectEngineTest}. */
class InspectToolTest extends CliTest {
    @Test
    void anUnreachableEngineIsAFailureNamingIt() {
        int code = run("inspect", "-H", "unix:///nonexistent.sock");

        assertThat(code).isEqualTo(3);
        assertThat(out.size()).isZero();
        assertThat(stderr()).startsWith("cccf inspect: unix:///nonexistent.sock: unreachable: ");
    }

    @Test
    void anUnreachableHostOfAHostsFileIsNamedByItsId(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "far", "docker": "unix:///nonexistent.sock"}]""");

        int code = run("inspect", "--hosts", hosts.toString());

        assertThat(code).isEqualTo(3);
        assertThat(stderr()).startsWith("cccf inspect: host far (unix:///nonexistent.sock): unreachable: ");
    }

    @Test
    void aHostsFileWithoutEnginesIsInvalid(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.yml"), """
                - id: a
                - id: b
                  host: 10.0.0.2
                - id: c
                """);

        int code = run("inspect", "--hosts", hosts.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).isEqualTo(hosts + ":1:3: $[0]: [hosts-engine] host \"a\" needs \"docker\": \"unix:///...\" or"
                + " \"tcp://HOST:PORT\" (or \"host\" and \"port\", or \"context\")\n"
                + hosts + ":4:3: $[2]: [hosts-engine] host \"c\" needs \"docker\": \"unix:///...\" or"
                + " \"tcp://HOST:PORT\" (or \"host\" and \"port\", or \"context\")\n");
    }

    @Test
    void aHostsFileIsReadByTheOneHostsReaderWithLocatedProblems(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts.yml"), """
                - id: a
                  docker: unix:///a.sock
                - id: a
                  host: 10.0.0.2
                """);

        int code = run("inspect", "--hosts", hosts.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).startsWith(hosts + ":3:7: $[1].id: [host-duplicate-id] ");
    }

    @Test
    void aUrlThatIsNoEngineAddressIsAUsageError() {
        assertThat(run("inspect", "-H", "ftp://example.com")).isEqualTo(2);
        assertThat(stderr()).contains("use unix:///path/docker.sock, tcp://HOST:PORT, https://HOST:PORT or ssh://[USER@]HOST[:PORT]");
    }

    @Test
    void anUnknownContextIsAUsageErrorAndNotTheLocalSocket() {
        assertThat(run("inspect", "--context", "nowhere")).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(stderr()).startsWith("cccf inspect: docker context \"nowhere\" (from --context) does not exist: there is no ");
    }

    @Test
    void aContextAndAnAddressTogetherAreAUsageError() {
        assertThat(run("inspect", "--context", "remote", "-H", "unix:///a.sock")).isEqualTo(2);
        assertThat(stderr()).contains("give --context NAME or -H URL, not both");
    }

    @Test
    void hostsAndHostTogetherAreAUsageError() {
        assertThat(run("inspect", "-H", "unix:///a.sock", "--hosts", "h.json")).isEqualTo(2);
        assertThat(stderr()).contains("give -H URL or --hosts HOSTS, not both");
    }

    @Test
    void aMissingHostsFileIsAUsageError() {
        assertThat(run("inspect", "--hosts", "/nonexistent/hosts.json")).isEqualTo(2);
        assertThat(stderr()).contains("/nonexistent/hosts.json: no such file");
    }

    @Test
    void theMainKnowsItsTools() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command \"deploy\"; commands: inspect, plan, apply, down, compose");
        assertThat(run("inspect", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: cccf inspect");
    }
}
