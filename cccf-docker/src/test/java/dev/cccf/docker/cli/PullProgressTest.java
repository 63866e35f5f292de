package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.docker.PreFlight;
import dev.cccf.docker.PreFlight.Pull.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Pull progress on stderr: live lines on a terminal, start and end lines otherwise. */
class PullProgressTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Consumer<PreFlight.Pull> progress(boolean terminal) {
        return PullProgress.on(new PrintStream(err, true, StandardCharsets.UTF_8), "cccf apply", terminal);
    }

    private static void pullTwoImages(Consumer<PreFlight.Pull> p) {
        p.accept(new PreFlight.Pull("h1", "app:2", Stage.STARTED, "pulling from docker.io"));
        p.accept(new PreFlight.Pull("h2", "db:1", Stage.STARTED, "pulling from docker.io"));
        p.accept(new PreFlight.Pull("h1", "app:2", Stage.PROGRESS, "a1b2: Downloading 1.2MB/3.4MB"));
        p.accept(new PreFlight.Pull("h2", "db:1", Stage.FAILED, "not pulled: manifest unknown"));
        p.accept(new PreFlight.Pull("h1", "app:2", Stage.DONE, "pulled (1.5 s)"));
    }

    @Test
    void withoutATerminalEachPullGetsALineWhenItStartsAndOneWhenItEnds() {
        pullTwoImages(progress(false));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                cccf apply: h1: app:2: pulling from docker.io
                cccf apply: h2: db:1: pulling from docker.io
                cccf apply: h2: db:1: not pulled: manifest unknown
                cccf apply: h1: app:2: pulled (1.5 s)
                """);
    }

    @Test
    void onATerminalEachImageKeepsOneLineRedrawnInPlace() {
        pullTwoImages(progress(true));

        String shown = err.toString(StandardCharsets.UTF_8);
        String last = shown.substring(shown.lastIndexOf("\033[2F")); // the last redraw: back two lines, both again
        assertThat(last).isEqualTo("\033[2F\r\033[2Kcccf apply: h1: app:2: pulled (1.5 s)\n"
                + "\r\033[2Kcccf apply: h2: db:1: not pulled: manifest unknown\n");
        assertThat(shown).startsWith("\r\033[2Kcccf apply: h1: app:2: pulling from docker.io\n\033[1F");
    }
}
