package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeToolTest extends CliTest {
    @Test
    void writesTheServicesAsCccfAndTheWarningsOnStderr(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  web:
                    image: nginx
                    build: .
                    ports: ["8080:80"]
                """);

        int code = runWithStdin("", "compose", file.toString());

        assertThat(code).isZero();
        String project = dir.getFileName().toString(); // the folder's name
        assertThat(stdout()).isEqualTo("{\"name\":\"" + project + "\",\"networks\":{\"" + project + "_default\":{}},\"containers\":"
                + "[{\"id\":\"web\",\"image\":\"nginx\",\"ports\":[\"8080:80\"],\"networks\":[\"" + project + "_default\"]}]}\n");
        assertThat(stderr()).isEqualTo(file + ":4:5: $.services.web.build: warning: [compose-build] cccf builds no image:"
                + " build \"nginx\" first (docker build -t nginx " + dir + ", or docker compose build web)\n");
    }

    @Test
    void strictTurnsWarningsIntoFailure() {
        int code = runWithStdin("services: {web: {image: nginx, build: .}}", "compose", "--strict");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("<stdin>:1:32: $.services.web.build: [compose-build]");
    }

    @Test
    void errorsExitOneWithNothingOnStdout() {
        int code = runWithStdin("services:\n  web:\n    image: nginx\n    ports: [\"http\"]\n", "compose", "-");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("<stdin>:4:13: $.services.web.ports[0]: warning: [compose-partial]")
                .contains("[expose-format]");
    }

    @Test
    void aTagSnakeYamlCannotBuildIsALocatedErrorNotAnInternalOne() {
        int code = runWithStdin("services:\n  a: !<%20x> {image: x}\n", "compose");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("<stdin>:2:6: $: [syntax] not valid YAML: Tag must not contain leading or trailing spaces.\n");
    }

    @Test
    void badUtf8IsAnEncodingError() {
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[] {'a', ':', ' ', (byte) 0xff}),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());

        assertThat(DockerMain.run(new String[] {"compose"}, streams)).isEqualTo(1);
        assertThat(stderr()).contains("[encoding]");
    }

    @Test
    void filesMergeInOrderWithTheEnvFileProfileAndProjectGiven(@TempDir Path dir) throws Exception {
        Path base = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  api: {build: ., ports: ["${PORT}:80"]}
                  debug: {image: busybox, profiles: [debug]}
                """);
        Path override = Files.writeString(dir.resolve("prod.yml"), "services:\n  api: {environment: [MODE=prod]}\n");
        Path env = Files.writeString(dir.resolve("prod.env"), "PORT=8080\n");

        int code = runWithStdin("", "compose", "-f", base.toString(), "--file", override.toString(), "--env-file", env.toString(),
                "--profile", "debug", "-p", "shop");

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("{\"name\":\"shop\",\"networks\":{\"shop_default\":{}},\"containers\":[{\"id\":\"api\","
                + "\"image\":\"shop-api\",\"ports\":[\"8080:80\"],\"env\":[\"MODE=prod\"],\"networks\":[\"shop_default\"]},"
                + "{\"id\":\"debug\",\"image\":\"busybox\",\"networks\":[\"shop_default\"]}]}\n");
        assertThat(stderr()).contains("[compose-build]");
    }

    @Test
    void formatComposeWritesTheProjectBackAsAComposeFile() {
        int code = runWithStdin("services:\n  web: {image: nginx, command: echo $$HOME, ports: ['8080:80'], volumes: [data:/data]}\n"
                + "volumes:\n  data: {}\n", "compose", "--format", "compose", "-p", "shop");

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("{\"name\":\"shop\",\"services\":{\"web\":{\"container_name\":\"web\",\"image\":\"nginx\","
                + "\"command\":[\"echo\",\"$$HOME\"],\"ports\":[\"8080:80\"],\"volumes\":[\"data:/data\"],\"networks\":[\"shop_default\"]}},"
                + "\"networks\":{\"shop_default\":{\"name\":\"shop_default\"}},\"volumes\":{\"data\":{\"name\":\"data\"}}}\n");
    }

    @Test
    void aBadProjectNameOrAMissingEnvFileIsAUsageError() {
        assertThat(runWithStdin("services: {}", "compose", "-p", "My Shop")).isEqualTo(2);
        assertThat(stderr()).contains("project name \"My Shop\" must match ^[a-z0-9][a-z0-9_-]*$");
        assertThat(runWithStdin("services: {}", "compose", "--env-file", "/nonexistent/prod.env")).isEqualTo(2);
    }

    @Test
    void aRequiredVariableThatIsNotSetExitsOneWithItsPlace() {
        int code = runWithStdin("services:\n  db:\n    image: postgres:${PG:?set PG}\n", "compose");

        assertThat(code).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("<stdin>:3:12: $.services.db.image: [compose-required] required variable \"PG\" is not set: set PG\n");
    }
}
