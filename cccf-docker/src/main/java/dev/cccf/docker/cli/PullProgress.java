package dev.cccf.docker.cli;

import dev.cccf.docker.PreFlight;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pull progress on stderr. On a terminal, one line per image and host, rewritten in place as
 * the engine reports (the lines of all pulls at once, redrawn together); otherwise one line when
 * a pull starts and one when it ends, so a log gets no progress noise.
 */
final class PullProgress {
    private PullProgress() {
    }

    /** Events of {@link PreFlight}, told one at a time, as lines on {@code err} prefixed by {@code tool}. */
    static Consumer<PreFlight.Pull> on(PrintStream err, String tool, boolean terminal) {
        if (!terminal) {
            return p -> {
                if (p.stage() != PreFlight.Pull.Stage.PROGRESS) {
                    err.println(tool + ": " + p.host() + ": " + p.image() + ": " + p.line());
                    err.flush();
                }
            };
        }
        Map<String, String> lines = new LinkedHashMap<>();
        int[] drawn = {0};
        return p -> {
            lines.put(p.host() + "\u0000" + p.image(), tool + ": " + p.host() + ": " + p.image() + ": " + p.line());
            StringBuilder out = new StringBuilder();
            if (drawn[0] > 0) {
                out.append("\033[").append(drawn[0]).append('F'); // back to the first line drawn
            }
            lines.values().forEach(l -> out.append("\r\033[2K").append(l).append('\n'));
            drawn[0] = lines.size();
            err.print(out);
            err.flush();
        };
    }
}
