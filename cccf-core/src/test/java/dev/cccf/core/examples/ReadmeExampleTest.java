package dev.cccf.core.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of the README, compiled and run; the README shows exactly this code. */
class ReadmeExampleTest {

    // README:begin core-example
    static List<String> upgradeWeb(Path file) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        try {
            Document doc = Cccf.read(file);                      // JSON or YAML, validated
            for (Container c : doc.containers()) {
                Container next = c.id().equals("web")
                        ? c.withImage("example/shop-web:2.5.0")  // records: changes return new values
                        : c;
                out.add(Cccf.canonical(next));                   // sorted keys: hash it, compare it
            }
        } catch (InvalidDocumentException e) {
            for (Problem p : e.problems()) {                     // every problem, located
                System.err.println(p.format());                  // FILE:LINE:COL: path: [code] message
            }
        }
        return out;
    }
    // README:end core-example

    @Test
    void theReadmeExampleUpgradesWebInTheShippedExample() throws Exception {
        List<String> canonical = upgradeWeb(Path.of("../examples/app.json"));

        assertThat(canonical).containsExactly(
                "{\"cpus\":0.25,\"id\":\"proxy\",\"image\":\"nginx:1.27\",\"links\":[\"web\"],\"memory\":\"128m\","
                        + "\"ports\":[\"80:80\",\"443:443\"],\"restart\":\"always\",\"volumes\":[\"proxy-certs:/etc/nginx/certs:ro\"]}",
                "{\"cpus\":0.5,\"env\":[\"DATABASE_URL=postgres://shop@db:5432/shop\",\"REDIS_URL=redis://cache:6379/0\","
                        + "\"WEB_CONCURRENCY=4\"],\"expose\":[\"8000\"],\"id\":\"web\",\"image\":\"example/shop-web:2.5.0\","
                        + "\"labels\":{\"team\":\"shop\",\"tier\":\"frontend\"},\"links\":[\"db\",\"cache\"],\"memory\":\"256m\","
                        + "\"restart\":\"always\",\"scale\":3}",
                "{\"cmd\":\"sh -c 'while true; do echo \\\"tick $(date)\\\"; sleep 60; done'\",\"cpus\":0.25,"
                        + "\"env\":[\"QUEUE=default\"],\"id\":\"worker\",\"image\":\"busybox:1.36\",\"links\":[\"db\",\"cache\"],"
                        + "\"memory\":\"64m\",\"scale\":2}",
                "{\"constraints\":{\"disk\":\"ssd\"},\"cpus\":1,\"env\":[\"POSTGRES_USER=shop\",\"POSTGRES_DB=shop\","
                        + "\"POSTGRES_PASSWORD=change-me\"],\"expose\":[\"5432\"],\"id\":\"db\",\"image\":\"postgres:16\","
                        + "\"memory\":\"1g\",\"restart\":\"always\",\"volumes\":[\"pgdata:/var/lib/postgresql/data\","
                        + "\"/srv/backups:/backups\"]}",
                "{\"conflicts\":[\"db\"],\"cpus\":0.5,\"expose\":[\"6379\"],\"id\":\"cache\",\"image\":\"redis:7\","
                        + "\"memory\":\"256m\",\"restart\":\"always\"}");
    }

    @Test
    void theReadmeExamplePrintsEveryProblemOfAnInvalidFileLocated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "[{\"id\": \"a b\", \"image\": \"x\"},\n {\"id\": \"c\", \"ports\": [\"80\"]}]");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        List<String> canonical;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            canonical = upgradeWeb(file);
        } finally {
            System.setErr(was);
        }

        assertThat(canonical).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                file + ":1:9: $[0].id: [id-pattern] id \"a b\" must match ^/?[A-Za-z0-9_-]+$ (letters, digits, '_' and '-')",
                file + ":2:2: $[1]: [image-required] the container has no image",
                file + ":2:24: $[1].ports[0]: [port-format] port \"80\" must be HOST:CONTAINER or HOST:CONTAINER/tcp|udp,"
                        + " e.g. \"8080:80\"", ""));
    }

    @Test
    void theReadmeShowsExactlyTheCodeOfThisTest() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/cccf/core/examples/ReadmeExampleTest.java"));
        String block = source.substring(source.indexOf("// README:begin core-example\n") + "// README:begin core-example\n".length(),
                source.indexOf("    // README:end core-example"));
        String readme = Files.readString(Path.of("../README.md"));
        int from = readme.indexOf("```java\n", readme.indexOf("### Java")) + "```java\n".length();
        String shown = readme.substring(from, readme.indexOf("```\n", from));

        assertThat(shown).isEqualTo(block.replaceAll("(?m)^    ", ""));
    }
}
