package dev.cccf.docker.cli;

import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Location;
import dev.cccf.core.Problem;
import dev.cccf.core.Rules;
import dev.cccf.core.cli.Args;
import dev.cccf.core.cli.ExitCode;
import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import dev.cccf.core.cli.UsageException;
import dev.cccf.docker.compose.Compose;
import dev.cccf.docker.compose.ComposeWriter;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code cccf compose [-f FILE]... [FILE...]}: a docker-compose project as cccf. */
public final class ComposeTool extends Tool {

    public ComposeTool(Streams streams) {
        super(streams);
    }

    @Override
    protected String name() {
        return "cccf compose";
    }

    @Override
    protected String summary() {
        return "a docker-compose project as cccf";
    }

    @Override
    protected String usage() {
        return "cccf compose [OPTIONS] [FILE...]";
    }

    @Override
    protected String description() {
        return """
                Turns a docker-compose project into cccf as `docker compose config` reads it: one
                container per service, in file order. Several files (-f A -f B, or A B) are merged
                in order; stdin when no FILE or '-'. Variables (${VAR}, ${VAR:-default},
                ${VAR:?error}, $$ ...) come from the environment, over the .env beside the first
                file (or --env-file); include, extends, env_file and profiles are read as compose
                reads them, relative paths against the file's folder. YAML anchors, aliases and
                merge keys are resolved. What cccf cannot carry (build, networks, host addresses of
                ports, ...) is a warning on stderr as FILE:LINE:COL: path: warning: [code] message;
                errors make exit 1.
                """;
    }

    @Override
    protected String footer() {
        return "Exit codes: 0 ok (warnings may be printed), 1 invalid, 2 usage error, 3 I/O failure.";
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(
                Option.file("--file", "FILE", "a compose file (repeatable; the same as FILE arguments)").withShort('f'),
                Option.file("--env-file", "FILE", "variables from FILE instead of the .env beside the first file (repeatable)"),
                Option.value("--profile", "NAME", "turn on the services of profile NAME (repeatable; COMPOSE_PROFILES too)"),
                Option.value("--project-name", "NAME", "the project's name (names the images of services that are only built);"
                        + " else COMPOSE_PROJECT_NAME, the top-level name, the folder's name").withShort('p'),
                Option.value("--format", "F", "cccf (default): the project as a cccf document; compose: the project as"
                        + " one compose file again, which docker compose config accepts (--yaml for YAML)").withChoices("cccf", "compose"),
                Option.flag("--strict", "warnings are errors (exit 1)"));
    }

    @Override
    protected int run(Args args) throws Exception {
        List<String> files = new ArrayList<>(args.values("--file"));
        files.addAll(args.positional());
        if (files.isEmpty()) {
            files.add("-");
        }
        String format = args.value("--format") == null ? "cccf" : args.value("--format");
        if (!format.equals("cccf") && !format.equals("compose")) {
            throw new UsageException("--format must be cccf or compose, not " + Rules.quote(format));
        }
        String project = args.value("--project-name");
        if (project != null && Compose.projectNameProblem(project) != null) {
            throw new UsageException(Compose.projectNameProblem(project));
        }
        List<Path> envFiles = new ArrayList<>();
        for (String f : args.values("--env-file")) {
            if (!Files.isRegularFile(Path.of(f))) {
                throw new UsageException("--env-file " + f + ": no such file");
            }
            envFiles.add(Path.of(f));
        }
        List<Compose.Input> inputs = new ArrayList<>();
        for (String file : files) {
            String source = file.equals("-") ? Location.STDIN : file;
            try (InputStream in = file.equals("-") ? stdinOnce() : openInput(file)) {
                inputs.add(new Compose.Input(decode(in.readAllBytes(), source), source, file.equals("-") ? null : Path.of(file)));
            }
        }
        Compose.Options options = new Compose.Options(env, Path.of("").toAbsolutePath(), envFiles, args.values("--profile"), project);
        Compose.Result result = Compose.read(inputs, options);
        boolean strict = args.has("--strict");
        printProblems(strict ? result.warnings().stream().map(p -> p.withSeverity(Problem.Severity.ERROR)).toList()
                : result.warnings());
        if (strict && !result.warnings().isEmpty() && result.errors().isEmpty()) {
            return ExitCode.INVALID;
        }
        if (format.equals("compose")) {
            writeTree(ComposeWriter.write(result.declarations(), result.orThrow()));
        } else {
            writeDocument(result.declarations(), result.orThrow(), false);
        }
        return ExitCode.OK;
    }

    private static String decode(byte[] bytes, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidDocumentException(List.of(new Problem(new Location(source, 1, 1), "$",
                    Rules.ENCODING, "invalid UTF-8; compose files are UTF-8")));
        }
    }
}
