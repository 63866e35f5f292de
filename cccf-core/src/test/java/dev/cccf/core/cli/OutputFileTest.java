package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -o FILE}: it keeps the mode of the file it replaces (a new one gets the umask's); when things
 * go wrong, it never writes over an input (also through a link), never into a missing folder, and neither a failure part-way nor a killed process leaves half a file,
 * destroys the old one, or leaves its temporary file behind.
 */
class OutputFileTest {
    private static final String OLD = "[{\"id\":\"old\",\"image\":\"x\"}]\n";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run run(Function<Tool.Streams, Tool> tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = tool.apply(new Tool.Streams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("CCCF_STDOUT_TTY", "0"))).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<String> files() throws Exception {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-------", "rw-rw-r--", "r--------"})
    void theFileWrittenOverKeepsItsMode(String mode) throws Exception {
        Path in = Files.writeString(dir.resolve("in.json"), OLD);
        Path out = Files.writeString(dir.resolve("out.json"), "old output\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(mode));

        assertThat(run(ValidateTool::new, in.toString(), "-o", out.toString()).code()).isZero();

        assertThat(Files.readString(out)).isEqualTo(OLD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo(mode);
    }

    @Test
    void aNewFileGetsTheModeTheUmaskGives() throws Exception {
        Path in = Files.writeString(dir.resolve("in.json"), OLD);
        Path byUmask = Files.createFile(dir.resolve("made-as-the-shell-makes-it")); // 0666 less the umask

        assertThat(run(ValidateTool::new, in.toString(), "-o", dir.resolve("new.json").toString()).code()).isZero();

        assertThat(Files.getPosixFilePermissions(dir.resolve("new.json"))).isEqualTo(Files.getPosixFilePermissions(byUmask));
        assertThat(Files.getPosixFilePermissions(byUmask)).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void anInputReachedThroughALinkIsNeverTheOutput() throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), OLD);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);

        Run viaLinkIn = run(ValidateTool::new, link.toString(), "-o", real.toString());
        Run viaLinkOut = run(ValidateTool::new, real.toString(), "-o", link.toString());

        assertThat(viaLinkIn).isEqualTo(new Run(ExitCode.USAGE, "", "cccf validate: -o " + real
                + " is also an input; write elsewhere, then move it\nTry 'cccf validate --help'.\n"));
        assertThat(viaLinkOut).isEqualTo(new Run(ExitCode.USAGE, "", "cccf validate: -o " + link
                + " is also an input; write elsewhere, then move it\nTry 'cccf validate --help'.\n"));
        assertThat(Files.readString(real)).isEqualTo(OLD);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(files()).containsExactly("link.json", "real.json");
    }

    @Test
    void aMissingFolderIsAUsageErrorAndNothingIsWritten() throws Exception {
        Path in = Files.writeString(dir.resolve("in.json"), OLD);
        Path out = dir.resolve("missing/out.json");

        Run r = run(ValidateTool::new, in.toString(), "-o", out.toString());

        assertThat(r).isEqualTo(new Run(ExitCode.USAGE, "", "cccf validate: -o " + out
                + ": no such directory\nTry 'cccf validate --help'.\n"));
        assertThat(files()).containsExactly("in.json");
    }

    @Test
    void aWriteThatFailsPartWayKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        Path out = Files.writeString(dir.resolve("out.json"), OLD);

        Run r = run(PartWriteTool::new, "--then", "fail", "-o", out.toString());

        assertThat(r).isEqualTo(new Run(ExitCode.FAILURE, "", "cccf part-write: no space left on device (PartWriteTool)\n"));
        assertThat(Files.readString(out)).isEqualTo(OLD);
        assertThat(files()).containsExactly("out.json");
    }

    @Test
    void aProcessStoppedBySigtermWhileWritingLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path out = Files.writeString(dir.resolve("out.json"), OLD);
        Process p = startWriting(out);

        p.destroy(); // SIGTERM

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).isEqualTo(OLD);
        assertThat(files()).containsExactly("out.json");
    }

    @Test
    void aProcessKilledWhileWritingLeavesTheOldFileAndTheNextWriteRemovesItsTemporaryFile() throws Exception {
        Path out = Files.writeString(dir.resolve("out.json"), OLD);
        Path in = Files.writeString(dir.resolve("in.json"), "{\"id\":\"new\",\"image\":\"y\"}");
        Process p = startWriting(out);

        p.destroyForcibly(); // SIGKILL: nothing runs in the process
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).isEqualTo(OLD);
        assertThat(files()).hasSize(3).contains("in.json", "out.json")
                .anySatisfy(f -> assertThat(f).matches("\\.out\\.json\\." + p.pid() + "\\.[0-9]+\\.tmp"));

        Run next = run(ValidateTool::new, in.toString(), "-o", out.toString());

        assertThat(next).isEqualTo(new Run(ExitCode.OK, "", ""));
        assertThat(Files.readString(out)).isEqualTo("{\"id\":\"new\",\"image\":\"y\"}\n");
        assertThat(files()).containsExactly("in.json", "out.json");
    }

    /** PartWriteTool in a process of its own, once it has written part of {@code out}'s temporary file. */
    private static Process startWriting(Path out) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PartWriteTool.class.getName(), "--then", "wait",
                "-o", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        assertThat(err.readLine()).as("the tool's stderr").isEqualTo("written");
        return p;
    }
}
