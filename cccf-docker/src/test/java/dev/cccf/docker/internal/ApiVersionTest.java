package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.cli.Tool;
import dev.cccf.docker.Engine;
import dev.cccf.docker.cli.DockerMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API version agreed with an engine, against stand-ins that answer {@code /_ping} with their
 * newest version and refuse versions below their minimum as Docker 29 does (HTTP 400 "client
 * version 1.41 is too old. Minimum supported API version is 1.44, ...": {@link StandInEngine}).
 */
class ApiVersionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "1.41, 1.41", // Docker 20.10
        "1.47, 1.47", // Docker 27
        "1.52, 1.52", // Docker 29
        "1.60, 1.52", // newer than cccf: cccf's newest
    })
    void theNewestVersionBothSidesKnowIsSpoken(String engine, String spoken) {
        assertThat(DockerJavaEngine.choose(engine, null)).isEqualTo(spoken);
    }

    @Test
    void anEngineTooOldIsAnErrorNamingIt() {
        assertThatThrownBy(() -> DockerJavaEngine.choose("1.40", "Docker/19.03.15 (linux)"))
                .isInstanceOf(Engine.EngineException.class)
                .hasMessage("the engine (Docker/19.03.15 (linux)) speaks API 1.40 at most; cccf needs 1.41 (Docker 20.10)"
                        + " or newer: upgrade the engine");
    }

    @Test
    void anEngineThatRefusesOldClientsIsSpokenToInItsNewestVersionAfterOnePing() throws IOException {
        try (StandInEngine engine = new StandInEngine(dir, "1.52", "1.44"); DockerJavaEngine client = new DockerJavaEngine(engine.url())) {
            assertThat(client.list(true)).isEmpty();
            assertThat(client.list(false)).isEmpty();

            assertThat(engine.requests).containsExactly("/_ping", "/v1.52/containers/json?all=true", "/v1.52/containers/json");
        }
    }

    @Test
    void inspectWorksOnAnEngineThatRefusesApi141() throws IOException {
        try (StandInEngine engine = new StandInEngine(dir, "1.52", "1.44")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = DockerMain.run(new String[] {"inspect", "-H", engine.url(), "--compact"},
                    new Tool.Streams(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));

            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("[]");
        }
    }

    @Test
    void anEngineWhoseMinimumIsAboveCccfsNewestIsAClearError() throws IOException {
        try (StandInEngine engine = new StandInEngine(dir, "1.60", "1.55"); DockerJavaEngine client = new DockerJavaEngine(engine.url())) {
            assertThatThrownBy(() -> client.list(true))
                    .isInstanceOf(Engine.EngineException.class)
                    .hasMessage("the engine refuses API 1.52, the newest cccf speaks with it (client version 1.52 is too old."
                            + " Minimum supported API version is 1.55, please upgrade your client to a newer version);"
                            + " cccf speaks 1.41 to 1.52");
        }
    }

    @Test
    void anOldEngineFailsTheCliWithExit3() throws IOException {
        try (StandInEngine engine = new StandInEngine(dir, "1.40", "1.12")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = DockerMain.run(new String[] {"inspect", "-H", engine.url()},
                    new Tool.Streams(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));

            assertThat(code).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("cccf inspect: " + engine.url()
                    + ": the engine (Docker/stand-in (linux)) speaks API 1.40 at most; cccf needs 1.41 (Docker 20.10) or newer:"
                    + " upgrade the engine\n");
        }
    }
}
