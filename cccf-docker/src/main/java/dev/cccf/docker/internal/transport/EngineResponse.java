package dev.cccf.docker.internal.transport;

import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A response: status and headers read at once, the body as it arrives. */
final class EngineResponse implements Response {
    private static final int MAX_HEADERS = 200;

    private final Connection connection;
    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    private final int lease;

    private EngineResponse(Connection connection, int status, Map<String, List<String>> headers, InputStream body, int lease) {
        this.connection = connection;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.lease = lease;
    }

    static EngineResponse read(Connection c, String method, int lease) throws IOException {
        String statusLine;
        int status;
        Map<String, List<String>> headers;
        do { // interim answers (100 Continue) come before the real one
            statusLine = c.line();
            if (statusLine == null) {
                throw new EOFException("the engine closed the connection without an answer");
            }
            status = status(statusLine);
            headers = headers(c, "headers");
        } while (status >= 100 && status < 200 && status != 101);
        InputStream body;
        String transfer = first(headers, "Transfer-Encoding");
        String length = first(headers, "Content-Length");
        if (method.equals("HEAD") || status == 204 || status == 304 || status == 101) {
            body = InputStream.nullInputStream();
        } else if (transfer != null && transfer.toLowerCase(Locale.ROOT).endsWith("chunked")) {
            body = new Body.Chunked(c);
        } else if (length != null) {
            body = new Body.Length(c, contentLength(headers.get("Content-Length")));
        } else {
            body = new Body.Rest(c);
        }
        String connection = first(headers, "Connection");
        if (connection != null && connection.equalsIgnoreCase("close") || status == 101) {
            lease = c.lease(null); // the engine ends it: not kept for another request
        }
        if (body instanceof Body b) {
            b.lease = lease;
        }
        return new EngineResponse(c, status, Collections.unmodifiableMap(headers), body, lease);
    }

    /**
     * The body's length: digits only (no sign, no list), and the same in every Content-Length
     * header; anything else is an error, as RFC 9112 section 6.3 asks of a client.
     */
    private static long contentLength(List<String> values) throws IOException {
        String first = values.get(0);
        for (String value : values) {
            if (!value.equals(first) || !isDigits(value, 18, 10)) {
                throw new IOException("the engine sent an invalid Content-Length: " + abbreviate(String.join(", ", values)));
            }
        }
        return Long.parseLong(first);
    }

    /** True when {@code s} is 1 to {@code max} ASCII digits of base {@code radix}, 10 or 16: no sign, prefix or space. */
    static boolean isDigits(String s, int max, int radix) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char d = s.charAt(i);
            if (!(d >= '0' && d <= '9' || radix == 16 && (d >= 'a' && d <= 'f' || d >= 'A' && d <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static int status(String line) throws IOException {
        // HTTP/1.1 200 OK
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("the engine's answer is not HTTP: " + abbreviate(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char d = line.charAt(i);
            if (d < '0' || d > '9') {
                throw new IOException("the engine's answer has no status code: " + abbreviate(line));
            }
            status = status * 10 + (d - '0');
        }
        return status;
    }

    /** Header lines up to the empty line that ends them ({@code what}: headers, or a chunked body's trailers). */
    static Map<String, List<String>> headers(Connection c, String what) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        int count = 0;
        while ((line = c.line()) != null && !line.isEmpty()) {
            if (++count > MAX_HEADERS) {
                throw new IOException("the engine sent more than " + MAX_HEADERS + " " + what);
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the engine sent a malformed line in its " + what + ": " + abbreviate(line));
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).trim());
        }
        if (line == null) {
            throw new EOFException("the engine closed the connection in the middle of its " + what);
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public int getStatusCode() {
        return status;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public String getHeader(String name) {
        return first(headers, name);
    }

    @Override
    public InputStream getBody() {
        return body;
    }

    @Override
    public void close() {
        if (body instanceof Body b) {
            b.close();
        } else {
            connection.release(lease); // no body: the answer is complete
        }
    }
}
