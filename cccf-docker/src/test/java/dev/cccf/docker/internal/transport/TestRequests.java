package dev.cccf.docker.internal.transport;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.InputStream;
import java.util.Map;

/** Requests of any method, HEAD included (docker-java's builder has none; its Request is open to subclasses). */
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
}
