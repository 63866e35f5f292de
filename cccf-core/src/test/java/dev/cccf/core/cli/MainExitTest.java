package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main} in a process of its own: it ends by halting ({@link Tool#exit}), which must
 * come after every byte of stdout and stderr is out, with the tool's exit code.
 */
class MainExitTest {
    @TempDir
    Path dir;

    record Ended(int code, String out, String err) {
    }

    Ended main(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CoreMain.class.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p, true));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, false));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
        return new Ended(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(Process p, boolean stdout) {
        try {
            return (stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void allOfALargeOutputIsWrittenBeforeTheProcessEnds() throws Exception {
        Ended e = main(List.of(), "random", "3000", "--seed", "7");

        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out().length()).as("well beyond the 64 KiB stdout buffer").isGreaterThan(256 * 1024);
        assertThat(Cccf.read(new ByteArrayInputStream(e.out().getBytes(StandardCharsets.UTF_8)), "out").containers())
                .hasSize(3000);
    }

    @Test
    void theToolsExitCodeAndMessageComeOut() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"id\": \"a\"}");

        Ended e = main(List.of(), "validate", bad.toString());

        assertThat(e.code()).isEqualTo(ExitCode.INVALID);
        assertThat(e.err()).startsWith(bad + ":1:1: ").contains("image");
        assertThat(e.out()).isEmpty();
    }

    @Test
    void systemExitOnRequestForJvmOptionsThatNeedShutdownHooks() throws Exception {
        Path recording = dir.resolve("run.jfr");

        Ended e = main(List.of("-Dcccf.systemExit=true", "-XX:StartFlightRecording:filename=" + recording),
                "random", "3", "--seed", "7");

        assertThat(e.code()).as(e.err()).isZero();
        String json = e.out().substring(e.out().indexOf("[{")); // after the JVM's "Started recording" line
        assertThat(Cccf.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "out").containers()).hasSize(3);
        assertThat(Files.size(recording)).as("the recording was dumped by its shutdown hook").isPositive();
    }
}
