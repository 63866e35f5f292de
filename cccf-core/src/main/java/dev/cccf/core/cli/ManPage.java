package dev.cccf.core.cli;

import java.util.List;
import java.util.Locale;

/**
 * A tool's man page in roff ({@code man -l}), made from the same declarations as its
 * {@code --help}: NAME from its summary, SYNOPSIS from its usage, DESCRIPTION, one entry per
 * declared option, and EXIT STATUS from its footer.
 */
final class ManPage {
    private ManPage() {
    }

    /** The page's file name: {@code cccf-scale-up.1} for {@code cccf scale up}. */
    static String fileName(Tool tool) {
        return tool.name().replace(' ', '-') + ".1";
    }

    static String of(Tool tool, String version) {
        String page = tool.name().replace(' ', '-');
        StringBuilder s = new StringBuilder();
        s.append(".TH \"").append(escape(page.toUpperCase(Locale.ROOT))).append("\" \"1\" \"\" \"cccf ")
                .append(escape(version)).append("\" \"cccf manual\"\n");
        s.append(".SH NAME\n").append(escape(page)).append(" \\- ").append(escape(tool.summary())).append('\n');
        s.append(".SH SYNOPSIS\n.nf\n");
        for (String line : tool.usage().strip().split("\n")) {
            String l = line.strip();
            if (l.startsWith(tool.name())) {
                s.append("\\fB").append(escape(tool.name())).append("\\fR").append(escape(l.substring(tool.name().length())));
            } else {
                s.append("    ").append(escape(l));
            }
            s.append('\n');
        }
        s.append(".fi\n");
        if (!tool.description().isBlank()) {
            s.append(".SH DESCRIPTION\n");
            paragraphs(tool.description(), s);
        }
        s.append(".SH OPTIONS\n");
        for (Option o : tool.allOptions()) {
            s.append(".TP\n");
            if (!o.shortName().isEmpty()) {
                s.append("\\fB").append(escape(o.shortName())).append("\\fR, ");
            }
            s.append("\\fB").append(escape(o.name())).append("\\fR");
            if (o.valueOptional()) {
                s.append("[=\\fI").append(escape(o.argument())).append("\\fR]");
            } else if (o.takesValue()) {
                s.append(" \\fI").append(escape(o.argument())).append("\\fR");
            }
            s.append('\n');
            List<String> lines = List.of(o.help().strip().split("\n"));
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    s.append(".br\n");
                }
                s.append(escape(lines.get(i).strip())).append('\n');
            }
        }
        if (!tool.footer().isBlank()) {
            s.append(".SH EXIT STATUS\n");
            paragraphs(tool.footer(), s);
        }
        s.append(".SH SEE ALSO\n\\fBcccf\\fR(1) tools: cccf TOOL \\-\\-help; README.md and docs/design.md of cccf for the JVM\n");
        return s.toString();
    }

    /** Paragraphs (split at blank lines); one with an indented line (a sample) is kept as laid out. */
    private static void paragraphs(String text, StringBuilder s) {
        boolean first = true;
        for (String paragraph : text.strip().split("\n\\s*\n")) {
            if (!first) {
                s.append(".PP\n");
            }
            first = false;
            boolean laidOut = paragraph.lines().anyMatch(l -> l.startsWith(" "));
            if (laidOut) {
                s.append(".nf\n");
            }
            paragraph.lines().forEach(l -> s.append(escape(laidOut ? l : l.strip())).append('\n'));
            if (laidOut) {
                s.append(".fi\n");
            }
        }
    }

    /** Text as roff reads it literally: backslashes and dashes escaped, no line read as a request. */
    static String escape(String text) {
        String e = text.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
