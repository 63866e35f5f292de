package dev.cccf.core.cli;

import dev.cccf.core.Cccf;
import dev.cccf.core.Document;
import java.util.List;

/** {@code cccf validate [FILE...]}: valid input goes to stdout, so it can stand first in a pipe. */
public final class ValidateTool extends Tool {

    public ValidateTool(Streams streams) {
        super(streams);
    }

    @Override
    protected String name() {
        return "cccf validate";
    }

    @Override
    protected String summary() {
        return "check cccf documents; valid input goes to stdout";
    }

    @Override
    protected String description() {
        return """
                Checks cccf documents (JSON or YAML; stdin when no FILE or '-') and writes the
                valid containers to stdout as JSON, so validate can stand first in a pipe. Every
                problem of every file is listed on stderr as FILE:LINE:COL: path: [rule] message.
                With several files, the output is one array of all their containers, and ids must
                be unique across them.
                """;
    }

    @Override
    protected String footer() {
        return """
                Exit codes: 0 valid, 1 invalid, 2 usage error (e.g. no such file), 3 I/O failure.
                Rules: docs/rules.md
                """;
    }

    @Override
    protected List<Option> declaredOptions() {
        return List.of(Option.flag("--quiet", "write nothing on success, only the exit code").withShort('q'));
    }

    @Override
    protected int run(Args args) throws Exception {
        List<Document> docs = readDocuments(args.positional(), Cccf.reader());
        Document all = Document.concat(docs);
        if (!args.has("--quiet")) {
            writeDocument(all.declarations(), all.containers(), docs.size() == 1 && all.isSingleObject());
        }
        return ExitCode.OK;
    }
}
