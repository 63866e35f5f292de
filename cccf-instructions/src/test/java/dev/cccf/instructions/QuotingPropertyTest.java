package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For random hostile values (quotes, command substitution, separators, globs, newlines, unicode,
 * empty strings, leading dashes), running the emitted shell lines with a real shell, where
 * {@code docker} is a stand-in recording its argv, gives back exactly the intended argv, for
 * every instruction, and runs nothing else (a planted canary file never appears). A shell that is
 * not installed skips its half, except on CI (CI=true), where that is a failure.
 */
class QuotingPropertyTest {
    private static final int CASES = 150;
    private static final int CASES_PER_SCRIPT = 25;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "/bin/bash"})
    void theShellGivesDockerExactlyTheIntendedArgvAndRunsNothingElse(String shell) throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of(shell)), shell + " (not installed)");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\nprintf '%s\\0' \"$#\" \"$@\" >> \"$OUT\"\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path canary = dir.resolve("CANARY");
        Random random = new Random(shell.length() * 7919L);
        Pieces pieces = new Pieces(canary);

        for (int batch = 0; batch < CASES / CASES_PER_SCRIPT; batch++) {
            List<List<String>> expected = new ArrayList<>();
            StringBuilder script = new StringBuilder();
            for (int k = 0; k < CASES_PER_SCRIPT; k++) {
                Plan plan = Instructions.run(randomContainers(random, pieces),
                        Options.defaults().withRunArgs(List.of("--label", pieces.random(random))));
                plan.commands().forEach(argv -> expected.add(argv.subList(1, argv.size())));
                plan.lines().forEach(l -> script.append(l).append('\n'));
            }
            List<List<String>> actual = runScript(shell, script.toString(), bin);

            assertThat(actual).as("argv received by docker for script:\n%s", script).isEqualTo(expected);
            assertThat(canary).as("a value ran a command").doesNotExist();
        }
    }

    @Test
    void aValueWithANewlineStaysOneArgumentOfOneCommand() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\nprintf '%s\\0' \"$#\" \"$@\" >> \"$OUT\"\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Container> list = List.of(
                Container.builder("a", "img").env("A=line1\nline2", "B=\n").cmd(Cmd.argv(List.of("x\n\ny", "\n"))).build(),
                Container.builder("b", "img").env("C=last\n").build());
        Plan plan = Instructions.run(list, Options.defaults());
        String script = String.join("\n", plan.lines()) + "\n";

        assertThat(script.lines().count()).isGreaterThan(2);
        assertThat(runScript("/bin/sh", script, bin))
                .containsExactlyElementsOf(plan.commands().stream().map(argv -> argv.subList(1, argv.size())).toList());
    }

    private static List<Container> randomContainers(Random random, Pieces pieces) {
        List<Container> list = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> env = new ArrayList<>();
            for (int j = random.nextInt(3); j >= 0; j--) {
                env.add("K" + j + "=" + pieces.random(random));
            }
            List<String> cmd = new ArrayList<>();
            for (int j = random.nextInt(5); j > 0; j--) {
                cmd.add(pieces.random(random));
            }
            ObjectNode labels = JsonNodeFactory.instance.objectNode();
            labels.put("l", pieces.random(random));
            labels.put("m", pieces.random(random)); // keys are checked by the field table: values carry the hostile text
            list.add(Container.builder("c" + i, "img" + pieces.random(random))
                    .env(env)
                    .cmd(Cmd.argv(cmd))
                    .host(random.nextBoolean() ? null : "tcp://" + pieces.random(random))
                    .extension("labels", labels)
                    .build());
        }
        return list;
    }

    private List<List<String>> runScript(String shell, String script, Path bin) throws IOException, InterruptedException {
        Path file = dir.resolve("script.sh");
        Path out = dir.resolve("argv");
        Files.deleteIfExists(out);
        Files.createFile(out);
        // the script goes through a file, as UTF-8 bytes, whatever the JVM's locale
        Files.write(file, script.getBytes(StandardCharsets.UTF_8));
        ProcessBuilder pb = new ProcessBuilder(shell, file.toString()).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("shell output: %s", output).isZero();
        String[] words = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).split("\0", -1);
        List<List<String>> calls = new ArrayList<>();
        int i = 0;
        while (i < words.length - 1) {
            int n = Integer.parseInt(words[i++]);
            calls.add(List.of(words).subList(i, i + n));
            i += n;
        }
        return calls;
    }

    /** Strings made of pieces a shell treats specially, and some it does not. */
    private static final class Pieces {
        private final List<String> all;

        Pieces(Path canary) {
            all = List.of("'", "\"", "$(touch " + canary + ")", "`touch " + canary + "`", "; touch " + canary,
                    "| touch " + canary, "&& touch " + canary, "&", "\n", "\r\n", "\t", " ", "*", "?", "[", "]", "[a-z]",
                    "~", "~root", "é", "日本", "🐳", "\\", "\\n", "$HOME", "${HOME}", "$1", "$", "-", "--rm", "-v",
                    "#", "!", "{a,b}", "%", "=", ":", "a", "b", "x y", ">", "<", "(", ")", "'\\''", "\"'\"", "\u2028",
                    "\u0001", "\u007f", "${IFS}", "\\\n");
        }

        String random(Random random) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                b.append(all.get(random.nextInt(all.size())));
            }
            return b.toString();
        }
    }
}
