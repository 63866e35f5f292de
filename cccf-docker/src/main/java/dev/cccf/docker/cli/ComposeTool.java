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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code cccf compose [FILE]}: a docker-compose file as cccf. */
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
        return "a docker-compose file as cccf";
    }

    @Override
    protected String usage() {
        return "cccf compose [OPTIONS] [FILE]";
    }

    @Override
    protected String description() {
        return """
                Turns a docker-compose file (stdin when no FILE or '-') into cccf: one container
                per service, in file order. YAML anchors, aliases and merge keys are resolved.
                What cccf cannot carry (build, networks, host addresses of ports, ...) is a
                warning on stderr as FILE:LINE:COL: path: warning: [code] message; errors make exit 1.
                """;
    }

    @Override
    protected String footer() {
        return "Exit codes: 0 ok (warnings may be printed), 1 invalid, 2 usage error, 3 I/O failure.";
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(Option.flag("--strict", "warnings are errors (exit 1)"));
    }

    @Override
    protected int run(Args args) throws Exception {
        List<String> files = args.positional();
        if (files.size() > 1) {
            throw new UsageException("give one compose file");
        }
        String file = files.isEmpty() ? "-" : files.get(0);
        String source = file.equals("-") ? Location.STDIN : file;
        String text;
        try (InputStream in = file.equals("-") ? stdinOnce() : openInput(file)) {
            text = decode(in.readAllBytes(), source);
        }
        Compose.Result result = Compose.read(text, source);
        boolean strict = args.has("--strict");
        printProblems(strict ? result.warnings().stream().map(p -> p.withSeverity(Problem.Severity.ERROR)).toList()
                : result.warnings());
        if (strict && !result.warnings().isEmpty() && result.errors().isEmpty()) {
            return ExitCode.INVALID;
        }
        writeContainers(result.orThrow(), false);
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
