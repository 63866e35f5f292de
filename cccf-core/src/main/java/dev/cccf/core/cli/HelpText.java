package dev.cccf.core.cli;

import java.util.List;

/** The options section of {@code --help}, laid out from the declarations. */
final class HelpText {
    /** Lines are wrapped to this width. */
    static final int WIDTH = 90;
    /** The description column, unless an option's synopsis is longer (then it starts on the next line). */
    private static final int COLUMN = 26;

    private HelpText() {
    }

    /**
     * One entry per option, GNU style: {@code "  -o, --output FILE   write to ..."}, long-only
     * options aligned with the long names of those with a short one; help wrapped at {@link #WIDTH},
     * its own line breaks kept (with the indentation of each of its lines).
     */
    static String options(List<Option> options) {
        StringBuilder s = new StringBuilder();
        for (Option o : options) {
            String left = "  " + (o.shortName().isEmpty() ? "    " : "") + o.synopsis();
            s.append(left);
            if (left.length() + 2 > COLUMN) {
                s.append('\n').append(" ".repeat(COLUMN));
            } else {
                s.append(" ".repeat(COLUMN - left.length()));
            }
            String[] lines = o.help().strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    s.append('\n').append(" ".repeat(COLUMN));
                }
                wrap(lines[i], s);
            }
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * Appends {@code line} from column {@link #COLUMN}, wrapped. A line laid out as a small table
     * ({@code "  spread (default)  the least busy host"}) keeps its layout, and its continuation
     * lines start under the text after the widest gap's end.
     */
    private static void wrap(String line, StringBuilder s) {
        String body = line.stripLeading();
        int gap = body.indexOf("  ");
        int end = gap;
        while (gap >= 0 && end < body.length() && body.charAt(end) == ' ') {
            end++;
        }
        String prefix = line.substring(0, line.length() - body.length()) + (gap < 0 ? "" : body.substring(0, end));
        s.append(prefix);
        int at = COLUMN + prefix.length();
        boolean first = true;
        for (String word : body.substring(gap < 0 ? 0 : end).strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!first && at + 1 + word.length() > WIDTH) {
                s.append('\n').append(" ".repeat(COLUMN + prefix.length()));
                at = COLUMN + prefix.length();
            } else if (!first) {
                s.append(' ');
                at++;
            }
            s.append(word);
            at += word.length();
            first = false;
        }
    }
}
