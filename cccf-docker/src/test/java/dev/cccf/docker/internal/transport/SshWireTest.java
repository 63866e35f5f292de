package dev.cccf.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ssh command of an {@code ssh://} engine, as the docker CLI runs it, and what its failures say. */
class SshWireTest {
    @Test
    void theCommandIsTheDockerClisWithTheUserAndPortOfTheUrl() {
        SshWire.Command c = new SshWire.Command(List.of("ssh", "-F", "/cfg"), URI.create("ssh://deploy@engine.example:2222"),
                Duration.ofSeconds(5), Duration.ofSeconds(60));

        assertThat(c.argv()).containsExactly("ssh", "-F", "/cfg", "-l", "deploy", "-p", "2222", "-o", "ConnectTimeout=5", "-o",
                "BatchMode=yes", "-T", "--", "engine.example", "docker", "system", "dial-stdio");
    }

    @Test
    void withoutUserOrPortSshsOwnDefaultsApply() {
        SshWire.Command c = new SshWire.Command(List.of("ssh"), URI.create("ssh://engine.example"), Duration.ofSeconds(30),
                Duration.ofSeconds(60));

        assertThat(c.argv()).containsExactly("ssh", "-o", "ConnectTimeout=30", "-o", "BatchMode=yes", "-T", "--",
                "engine.example", "docker", "system", "dial-stdio");
    }

    @Test
    void aConnectionThatEndsWithoutAnAnswerIsAFailureWithWhatSshSaid() {
        // sh stands in for ssh: it ignores the arguments, says why on stderr and exits 255, as ssh does
        EngineHttpClient http = EngineHttpClient.ssh(URI.create("ssh://me@engine.example"),
                List.of("sh", "-c", "echo 'Permission denied (publickey).' >&2; exit 255"), Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> http.execute(Request.builder().method(Request.Method.GET).path("/_ping").build()))
                .hasMessageEndingWith("ended without an answer (exit 255): Permission denied (publickey).");
    }
}
