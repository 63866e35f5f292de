package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The logs endpoint's two forms: frames (a container without a terminal) and raw text. */
class LogFramesTest {
    private static void frame(ByteArrayOutputStream out, int stream, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, 0, 0, (byte) (b.length >> 8), (byte) b.length});
        out.writeBytes(b);
    }

    @Test
    void framesOfStdoutAndStderrAreJoinedInOrderAndSplitIntoLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "hello\nhalf ");
        frame(out, 2, "a line\r\nerror: no config\n");

        assertThat(LogFrames.lines(out.toByteArray())).containsExactly("hello", "half a line", "error: no config");
    }

    @Test
    void rawTextIsTakenAsItIsAndAFrameCutShortKeepsWhatArrived() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "complete\n");
        byte[] whole = out.toByteArray();
        byte[] cut = new byte[whole.length + 10];
        System.arraycopy(whole, 0, cut, 0, whole.length);
        System.arraycopy(new byte[] {1, 0, 0, 0, 0, 0, 0, 100, 'p', 'a'}, 0, cut, whole.length, 10);

        assertThat(LogFrames.lines("tty output\nmore".getBytes(StandardCharsets.UTF_8))).containsExactly("tty output", "more");
        assertThat(LogFrames.lines(cut)).containsExactly("complete", "pa");
        assertThat(LogFrames.lines(new byte[0])).isEmpty();
    }
}
