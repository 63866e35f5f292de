package dev.cccf.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How to reach one engine: its address ({@code unix:///path}, {@code tcp://HOST:PORT},
 * {@code https://HOST:PORT}, {@code ssh://[USER@]HOST[:PORT]}) and, for TLS, the files that prove
 * who both sides are; for ssh, the command that makes the connection.
 * {@link Endpoints} resolves them as the docker CLI does; {@link Engine#connect(Endpoint)}
 * connects.
 *
 * @param url  the engine's address
 * @param tls  the TLS material, or null for none (a unix socket, plain TCP)
 * @param from where the endpoint came from, for messages (e.g. {@code docker context "remote"}),
 *             or null when it was given as it is
 * @param ssh  for {@code ssh://}: the ssh command and its first arguments (e.g. {@code [ssh]}
 *             or {@code [ssh, -F, FILE]}), to which the user, port, host and
 *             {@code docker system dial-stdio} are added; null otherwise
 */
public record Endpoint(String url, Tls tls, String from, List<String> ssh) {
    public Endpoint {
        ssh = ssh == null ? null : List.copyOf(ssh);
    }

    /** An endpoint that is not ssh. */
    public Endpoint(String url, Tls tls, String from) {
        this(url, tls, from, null);
    }

    /** An address without TLS, given as it is. */
    public static Endpoint of(String url) {
        return new Endpoint(url, null, null);
    }

    public boolean isTls() {
        return tls != null;
    }

    /**
     * True for plain TCP (no TLS) to anything but this machine's loopback ({@code localhost},
     * 127.0.0.0/8, {@code ::1}): whoever can reach such a port is root on that host. No name is
     * looked up.
     */
    public boolean isPlainRemote() {
        if (tls != null) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("http")) {
            return false;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.matches("127(\\.[0-9]{1,3}){3}")
                || host.equals("[::1]") || host.equals("::1");
        return !loopback;
    }

    @Override
    public String toString() {
        return from == null ? url : url + " (" + from + ")";
    }

    /**
     * TLS material, as PEM files: the CA that signed the engine's certificate (null: the JDK's
     * trusted CAs), and the client's certificate and key (both null: no client certificate). The
     * engine's certificate is always verified, and its name (or IP address) must match the URL's.
     */
    public record Tls(Path ca, Path cert, Path key) {
        /** The docker CLI's layout of a DOCKER_CERT_PATH or a context's TLS folder. */
        public static Tls inDirectory(Path dir) {
            return new Tls(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"));
        }
    }
}
