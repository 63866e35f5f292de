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
     * options aligned with the long names of those with a short one; help wrapped at {@link #WIDTH}.
     */
    static String options(List<Option> options) {
        StringBuilder s = new StringBuilder();
        for (Option o : options) {
            String left = "  " + (o.shortName().isEmpty() ? "    " : "") + o.synopsis();
            s.append(left);
            int at = left.length();
            if (at + 2 > COLUMN) {
                s.append('\n');
                at = 0;
            }
            s.append(" ".repeat(COLUMN - at));
            at = COLUMN;
            boolean first = true;
            for (String word : o.help().strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (!first && at + 1 + word.length() > WIDTH) {
                    s.append('\n').append(" ".repeat(COLUMN));
                    at = COLUMN;
                } else if (!first) {
                    s.append(' ');
                    at++;
                }
                s.append(word);
                at += word.length();
                first = false;
            }
            s.append('\n');
        }
        return s.toString();
    }
}
