import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the ```sh blocks of the README, the module READMEs and docs/*.md as a reader would, from
 * the repository root, and compares what they print with what the block shows.
 *
 * <p>Usage, from the repository root after the jars are built (scripts/test.sh runs it after
 * {@code mvn verify}): {@code java scripts/ReadmeCheck.java [FILE.md ...]}.
 *
 * <ul>
 *   <li>A block with {@code $ } lines is a transcript: each {@code $ } line (with its {@code \}
 *       continuation lines) is a command, and the lines after it, up to the next command, are its
 *       output, stdout and stderr together as a terminal shows them. A line {@code ...} stands for
 *       any lines (none too); {@code ...} inside a line, for any text.
 *   <li>A block without {@code $ } lines is a list of commands, each of which must exit 0.
 *   <li>{@code ```sh no-run} marks a block that is not run: it needs Docker engines, root, or
 *       minutes, or only shows syntax. The summary counts them.
 * </ul>
 *
 * <p>The commands of a file's blocks run in one bash each block, in a directory that links every
 * top-level entry of the repository (so {@code bin/cccf} and {@code examples/} are there) and
 * keeps the files the commands write. Exit 1 when any block differs.
 */
public final class ReadmeCheck {
    private static final String MARK = "\u0001cccf-readme-step\u0001";
    private static final Pattern STATUS = Pattern.compile(Pattern.quote(MARK) + "(\\d+)\n");

    /** What a block run here must never do: start the suite or engines, build, install, benchmark. */
    private static final Pattern UNSAFE = Pattern.compile("scripts/|\\bmvn\\b|apt-get|bench/|\\bsudo\\b");

    record Step(String command, int line, List<String> shown) {
    }

    record Block(Path file, int line, boolean transcript, List<Step> steps) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<Path> files = new ArrayList<>();
        if (args.length > 0) {
            for (String a : args) {
                files.add(Path.of(a));
            }
        } else {
            files.add(Path.of("README.md"));
            try (Stream<Path> s = Files.list(root)) {
                s.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).map(root::relativize).sorted().forEach(files::add);
            }
            try (Stream<Path> s = Files.list(root.resolve("docs"))) {
                s.filter(p -> p.toString().endsWith(".md")).map(root::relativize).sorted().forEach(files::add);
            }
        }
        Path work = Files.createTempDirectory("cccf-readme-");
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!name.equals(".git")) {
                    Files.createSymbolicLink(work.resolve(name), p);
                }
            }
        }
        int ran = 0;
        int commands = 0;
        int skipped = 0;
        int failed = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String open = lines.get(i).strip();
                if (!open.startsWith("```sh")) {
                    continue;
                }
                int first = i + 1;
                int end = first;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                if (open.equals("```sh no-run")) {
                    skipped++;
                } else if (!open.equals("```sh")) {
                    System.out.println(file + ":" + (i + 1) + ": unknown block info '" + open.substring(3) + "' (sh or sh no-run)");
                    failed++;
                } else if (lines.subList(first, end).stream().anyMatch(l -> UNSAFE.matcher(l).find())) {
                    System.out.println(file + ":" + (i + 1) + ": a block that runs the test suite, engines, Maven, apt or"
                            + " benchmarks must be marked ```sh no-run");
                    failed++;
                } else {
                    Block b = parse(file, first, lines.subList(first, end));
                    ran++;
                    commands += b.steps().size();
                    failed += run(b, work) ? 0 : 1;
                }
                i = end;
            }
        }
        deleteTree(work);
        System.out.printf("readme-check: %d sh blocks ran (%d commands), %d marked no-run, %d failed, in %.1f s%n",
                ran, commands, skipped, failed, (System.nanoTime() - start) / 1e9);
        System.exit(failed == 0 && ran > 0 ? 0 : 1);
    }

    static Block parse(Path file, int first, List<String> body) {
        boolean transcript = body.stream().anyMatch(l -> l.startsWith("$ "));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String l = body.get(i);
            if (transcript ? !l.startsWith("$ ") : (l.isBlank() || l.strip().startsWith("#"))) {
                continue;
            }
            int line = first + i + 1;
            StringBuilder cmd = new StringBuilder(transcript ? l.substring(2) : l);
            while (cmd.toString().endsWith("\\") && i + 1 < body.size()) {
                cmd.append('\n').append(body.get(++i));
            }
            List<String> shown = new ArrayList<>();
            while (transcript && i + 1 < body.size() && !body.get(i + 1).startsWith("$ ")) {
                shown.add(body.get(++i));
            }
            steps.add(new Step(cmd.toString(), line, shown));
        }
        return new Block(file, first, transcript, steps);
    }

    /** Runs the block's commands in one bash; prints each difference; true when there is none. */
    static boolean run(Block b, Path work) throws IOException, InterruptedException {
        String mark = "printf '" + MARK.replace("\u0001", "\\001") + "%d\\n' \"$__s\"\n";
        StringBuilder script = new StringBuilder("exec 2>&1\n__s=0\n");
        for (Step s : b.steps()) {
            script.append(mark).append("(exit $__s)\n").append(s.command()).append("\n__s=$?\n");
        }
        script.append(mark);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // no class-data archive made here: after a build, making one per module (a training run
        // each) would cost more than the whole check; an archive already made is still used
        pb.environment().put("CCCF_NO_CDS", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        List<String> outputs = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        Matcher m = STATUS.matcher(text);
        int from = -1;
        while (m.find()) {
            if (from >= 0) {
                outputs.add(text.substring(from, m.start()));
            }
            statuses.add(Integer.parseInt(m.group(1)));
            from = m.end();
        }
        boolean ok = true;
        for (int i = 0; i < b.steps().size(); i++) {
            Step s = b.steps().get(i);
            String where = b.file() + ":" + s.line() + ": $ " + s.command().replace("\n", "\n    ");
            if (i >= outputs.size()) {
                System.out.println(where + "\n  did not finish (the block stopped or timed out)\n" + text);
                return false;
            }
            String actual = outputs.get(i);
            int status = statuses.get(i + 1);
            if (b.transcript() && !matches(s.shown(), actual)) {
                System.out.println(where + "\n  shows:\n" + indent(String.join("\n", s.shown())) + "\n  prints:\n" + indent(actual));
                ok = false;
            } else if (!b.transcript() && status != 0) {
                System.out.println(where + "\n  exits " + status + ":\n" + indent(actual));
                ok = false;
            }
        }
        return ok;
    }

    /** The shown lines, with {@code ...} as wildcards, against the printed text (trailing spaces ignored). */
    static boolean matches(List<String> shown, String actual) {
        StringBuilder re = new StringBuilder();
        for (String l : shown) {
            String s = l.stripTrailing();
            if (s.strip().equals("...")) {
                re.append("(?:[^\n]*\n)*?");
            } else {
                String[] parts = s.split("\\.\\.\\.", -1);
                for (int i = 0; i < parts.length; i++) {
                    re.append(i > 0 ? "[^\n]*?" : "").append(Pattern.quote(parts[i]));
                }
                re.append('\n');
            }
        }
        String text = actual.isEmpty() || actual.endsWith("\n") ? actual : actual + "\n";
        text = text.replaceAll("[ \t]+\n", "\n");
        return Pattern.compile(re.toString()).matcher(text).matches();
    }

    private static String indent(String s) {
        return s.isEmpty() ? "    (nothing)" : "    " + s.stripTrailing().replace("\n", "\n    ");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
