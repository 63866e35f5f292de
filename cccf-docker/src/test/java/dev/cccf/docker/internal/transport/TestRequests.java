package dev.cccf.docker.internal.transport;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Requests of any method, HEAD included (docker-java's builder has none; its Request is open to
 * subclasses), and a request as a scripted server reads it.
 */
public final class TestRequests {
    private TestRequests() {
    }

    /** A request without headers or body. */
    public static Request of(String method, String path) {
        return new Request() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public byte[] bodyBytes() {
                return null;
            }

            @Override
            public InputStream hijackedInput() {
                return null;
            }

            @Override
            public Map<String, String> headers() {
                return Map.of();
            }
        };
    }

    /** What a scripted server received: the request's head and, when it announces a Content-Length, its body. */
    public static String read(SocketChannel c) throws IOException {
        InputStream in = Channels.newInputStream(c);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
