package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/cccf's class-data archive (AppCDS on JDK 17-24, the AOT cache on JDK 25 and later) follows
 * the jars it was made from: a run after one of the tool's libraries changed runs the new classes,
 * even when the tool's own jar did not change (a JDK 25 AOT cache does not check the jars of the
 * class path, and would run the old ones). Run on a copy of the launcher, with a tool of two tiny
 * jars made here, so that it does not touch the repository's own archives.
 */
class LauncherArchiveTest {

    @Test
    void aRunAfterALibraryChangedRunsTheNewClassesAndTheArchiveIsMadeAgain(@TempDir Path root) throws Exception {
        Path launcher = launcherIn(root);
        Path target = root.resolve("cccf-core/target");
        Path lib = target.resolve("lib/probe-lib.jar");
        Files.createDirectories(lib.getParent());
        Path classes = root.resolve("classes");
        jar(lib, compile(classes.resolve("lib1"), "ProbeLib", "public class ProbeLib { public static String value() { return \"one\"; } }", null),
                null, null);
        jar(target.resolve("cccf-core.jar"), compile(classes.resolve("main"), "Probe", """
                public class Probe {
                    public static void main(String[] args) {
                        if (args.length > 0 && args[0].equals("--cds-training")) {
                            ProbeLib.value(); // the archive holds both classes
                            return;
                        }
                        System.out.println(ProbeLib.value());
                    }
                }""", classes.resolve("lib1")), "Probe", "lib/probe-lib.jar");

        String first = run(launcher);
        String madeFirst = Files.readString(kind(target)).trim();
        Instant firstMade = Files.getLastModifiedTime(kind(target)).toInstant();
        String again = run(launcher); // the archive as it was made
        // a new build of the library only, newer (as a build leaves it); the tool's jar untouched
        jar(lib, compile(classes.resolve("lib2"), "ProbeLib", "public class ProbeLib { public static String value() { return \"two\"; } }", null),
                null, null);
        Files.setLastModifiedTime(lib, FileTime.from(Instant.now().plusSeconds(5)));
        String afterTheChange = run(launcher);

        assertThat(first).isEqualTo("one");
        assertThat(again).isEqualTo("one");
        assertThat(afterTheChange).as("the new library's class, not the archived one").isEqualTo("two");
        assertThat(madeFirst).as("the kind of archive made").isIn("aot-noreplay", "aot-replay", "cds");
        assertThat(Files.getLastModifiedTime(kind(target)).toInstant()).as("the archive made again").isAfter(firstMade);
    }

    @Test
    void anArchiveOfAKindTheLauncherDoesNotMakeIsMadeAgain(@TempDir Path root) throws Exception {
        Path launcher = launcherIn(root);
        Path target = root.resolve("cccf-core/target");
        Path classes = root.resolve("classes");
        jar(target.resolve("cccf-core.jar"), compile(classes.resolve("main"), "Probe", """
                public class Probe {
                    public static void main(String[] args) {
                        System.out.println("ran");
                    }
                }""", null), "Probe", null);
        run(launcher);
        Path kind = kind(target);
        Files.writeString(kind, "aot\n"); // as an earlier launcher wrote it: a cache with the training's profiles

        String out = run(launcher);

        assertThat(out).isEqualTo("ran");
        assertThat(Files.readString(kind).trim()).isIn("aot-noreplay", "aot-replay", "cds");
    }

    /** A copy of bin/cccf in {@code root}/bin, beside an empty examples/ (its training runs on that). */
    private static Path launcherIn(Path root) throws IOException {
        Path launcher = root.resolve("bin/cccf");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("../bin/cccf"), launcher);
        launcher.toFile().setExecutable(true);
        Files.createDirectories(root.resolve("examples"));
        return launcher;
    }

    /** The file in which the launcher records which kind of archive it made. */
    private static Path kind(Path target) throws IOException {
        try (var dirs = Files.list(target)) {
            Path dir = dirs.filter(d -> d.getFileName().toString().startsWith("cds-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive directory under " + target));
            return dir.resolve("cccf-core.jvm");
        }
    }

    /** Runs {@code cccf validate} through the launcher; its stdout, the first line. */
    private static String run(Path launcher) throws Exception {
        Process p = new ProcessBuilder(launcher.toString(), "validate").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static Path compile(Path out, String className, String source, Path classPath) throws IOException {
        Files.createDirectories(out);
        Path file = out.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = classPath == null ? List.of("--release", "17", "-d", out.toString(), file.toString())
                : List.of("--release", "17", "-cp", classPath.toString(), "-d", out.toString(), file.toString());
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac " + className).isZero();
        Files.delete(file);
        return out;
    }

    private static void jar(Path jar, Path classes, String mainClass, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                var entries = Files.list(classes)) {
            for (Path c : entries.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(c.getFileName().toString()));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
    }
}
