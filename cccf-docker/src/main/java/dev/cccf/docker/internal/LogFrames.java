package dev.cccf.docker.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code GET /containers/ID/logs} as lines. A container without a terminal sends its
 * output in frames (a byte for the stream, three zeros, a big-endian length, then that many bytes);
 * one with a terminal sends it as it is. Pure.
 */
public final class LogFrames {
    private LogFrames() {
    }

    /** The lines of a logs body, framed or raw; a frame cut short keeps what arrived. */
    public static List<String> lines(byte[] body) {
        StringBuilder text = new StringBuilder();
        if (framed(body)) {
            int at = 0;
            while (at + 8 <= body.length) {
                int length = ((body[at + 4] & 0xff) << 24) | ((body[at + 5] & 0xff) << 16) | ((body[at + 6] & 0xff) << 8)
                        | (body[at + 7] & 0xff);
                int end = (int) Math.min((long) at + 8 + Integer.toUnsignedLong(length), body.length);
                text.append(new String(body, at + 8, end - at - 8, StandardCharsets.UTF_8));
                at = end;
            }
        } else {
            text.append(new String(body, StandardCharsets.UTF_8));
        }
        List<String> out = new ArrayList<>();
        for (String line : text.toString().split("\r?\n", -1)) {
            out.add(line);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return List.copyOf(out);
    }

    /** Starts like a frame: stream 0, 1 or 2, then three zero bytes. */
    private static boolean framed(byte[] body) {
        return body.length >= 8 && body[0] >= 0 && body[0] <= 2 && body[1] == 0 && body[2] == 0 && body[3] == 0;
    }
}
