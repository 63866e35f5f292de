package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS costs start-up only where it is used: a command over a unix socket loads no TLS class
 * ({@code javax.net.ssl}, the JDK's implementation, cccf's TlsWire) nor cccf's ssh connection,
 * in a JVM of its own with {@code -verbose:class}.
 */
class UnixLoadsNoTlsTest {
    @TempDir
    Path dir;

    @Test
    void inspectOverAUnixSocketLoadsNoTlsClass() throws Exception {
        try (StandInEngine engine = new StandInEngine(dir, "1.52", "1.44")) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-verbose:class", "-cp", System.getProperty("java.class.path"), "dev.cccf.docker.cli.DockerMain",
                    "inspect", "--all", "-H", engine.url()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            List<String> loaded = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join("\n", loaded.subList(Math.max(0, loaded.size() - 5), loaded.size())))
                    .isZero();
            assertThat(engine.requests).containsExactly("/_ping", "/v1.52/containers/json?all=true");
            assertThat(loaded).anyMatch(l -> l.contains(" dev.cccf.docker.internal.transport.EngineHttpClient "));
            assertThat(loaded).noneMatch(l -> l.contains(" javax.net.ssl.") || l.contains(" sun.security.ssl.")
                    || l.contains(" dev.cccf.docker.internal.transport.TlsWire")
                    || l.contains(" dev.cccf.docker.internal.transport.SshWire"));
        }
    }
}
