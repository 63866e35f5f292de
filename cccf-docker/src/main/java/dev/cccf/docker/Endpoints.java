package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.docker.internal.DockerConfigReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engine endpoints as the docker CLI resolves them, from an environment (a map, so that tools and
 * tests pass their own):
 * <ol>
 * <li>an address given ({@code -H URL}, a hosts file's {@code docker}), else {@code DOCKER_HOST};
 * <li>else the context named by {@code DOCKER_CONTEXT}, else the {@code currentContext} of
 * {@code $DOCKER_CONFIG/config.json} ({@code DOCKER_CONFIG} defaults to {@code ~/.docker}): its
 * {@code contexts/meta/SHA256(NAME)/meta.json} gives the address, its
 * {@code contexts/tls/SHA256(NAME)/docker/} the TLS material;
 * <li>else (the context {@code default}) {@code unix:///var/run/docker.sock}.
 * </ol>
 * {@code ssh://[USER@]HOST[:PORT]} is reached as the docker CLI does ({@code ssh ... docker system
 * dial-stdio}) with the ssh command of {@code CCCF_SSH} (default {@code ssh}).
 * An address given (1) is TLS when it is {@code https://}, or {@code tcp://} with
 * {@code DOCKER_TLS_VERIFY} set (to anything but the empty string, as for the docker CLI); its
 * material is {@code ca.pem}, {@code cert.pem} and {@code key.pem} of {@code DOCKER_CERT_PATH}
 * (default: the DOCKER_CONFIG folder). docker-java reads the config file and the contexts
 * (its {@code DefaultDockerClientConfig}, through {@link DockerConfigReader}); this class adds what it lacks: an unknown context, a
 * context that would skip verification and missing certificate files are errors here, where
 * docker-java falls back to the local socket or to no client certificate without a word; and
 * {@code DOCKER_HOST} is never given a context's certificates.
 *
 * <p>Nothing here reads a file unless the answer depends on it: an address given without TLS
 * reads none, so the tools' start-up stays as it was.
 */
public final class Endpoints {
    /** The docker CLI's engine when nothing names another. */
    public static final String DEFAULT_URL = "unix:///var/run/docker.sock";

    private Endpoints() {
    }

    /** The configuration cannot give an endpoint (unknown context, missing certificates, unsupported address). */
    public static final class EndpointException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EndpointException(String message) {
            super(message);
        }
    }

    /**
     * The endpoint when no address is given: {@code DOCKER_HOST}, else the current context, else
     * the local socket.
     */
    public static Endpoint fromEnvironment(Map<String, String> env) {
        String host = nonEmpty(env.get("DOCKER_HOST"));
        if (host != null) {
            return forUrl(host, env);
        }
        String name = nonEmpty(env.get("DOCKER_CONTEXT"));
        String source = "DOCKER_CONTEXT";
        if (name == null) {
            Path config = configDir(env);
            if (Files.isRegularFile(config.resolve("config.json"))) {
                try {
                    name = nonEmpty(DockerConfigReader.currentContext(config));
                } catch (IOException | RuntimeException e) {
                    throw new EndpointException("cannot read " + config.resolve("config.json") + ": " + reason(e));
                }
                source = "the currentContext of " + config.resolve("config.json");
            }
        }
        return name == null || name.equals("default") ? Endpoint.of(DEFAULT_URL) : context(name, source, env);
    }

    /**
     * The endpoint of the docker context {@code name} (its address and TLS material), as
     * {@code docker context create} stored it under the DOCKER_CONFIG folder.
     *
     * @param source what named the context, for messages (e.g. {@code "DOCKER_CONTEXT"})
     */
    public static Endpoint context(String name, String source, Map<String, String> env) {
        if (name.equals("default")) {
            return Endpoint.of(DEFAULT_URL);
        }
        Path config = configDir(env);
        String id = sha256(name);
        Path meta = config.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        String from = "docker context \"" + name + "\"";
        if (!Files.isRegularFile(meta)) {
            throw new EndpointException(from + " (from " + source + ") does not exist: there is no " + meta
                    + " ('docker context ls' lists the contexts)");
        }
        JsonNode docker;
        try {
            docker = DockerConfigReader.readJson(meta).path("Endpoints").path("docker");
        } catch (IOException e) {
            throw new EndpointException(from + ": cannot read " + meta + ": " + reason(e));
        }
        if (docker.path("SkipTLSVerify").asBoolean(false)) {
            throw new EndpointException(from + " skips the verification of the engine's certificate"
                    + " (skip-tls-verify): cccf always verifies it; give the context the engine's CA (ca=FILE)");
        }
        DockerConfigReader.Context resolved;
        try {
            resolved = DockerConfigReader.context(config, name);
        } catch (IllegalArgumentException e) {
            throw new EndpointException(from + ": " + reason(e));
        }
        String url = resolved.url();
        if (url == null || url.isEmpty() || !docker.hasNonNull("Host")) {
            throw new EndpointException(from + " has no docker endpoint (its " + meta + " names no Endpoints.docker.Host)");
        }
        if (checkScheme(url, from).equals("ssh")) {
            return new Endpoint(url, null, from, sshCommand(env));
        }
        Endpoint.Tls tls = null;
        if (resolved.tlsFolder() != null && !url.startsWith("unix:")) {
            tls = material(resolved.tlsFolder(), from + "'s TLS folder " + resolved.tlsFolder(), true);
        } else if (url.startsWith("https:")) {
            throw new EndpointException(from + " is https:// but has no TLS material (ca=, cert=, key= of 'docker context create')");
        }
        return new Endpoint(url, tls, from);
    }

    /**
     * The endpoint of an address given ({@code -H URL}, {@code DOCKER_HOST}, a hosts file's
     * {@code docker}), with the TLS material of {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}
     * for {@code tcp://}, and always for {@code https://}.
     */
    public static Endpoint forUrl(String url, Map<String, String> env) {
        String scheme = checkScheme(url, null);
        if (scheme.equals("ssh")) {
            return new Endpoint(url, null, null, sshCommand(env));
        }
        boolean tls = scheme.equals("https") || scheme.equals("tcp") && nonEmpty(env.get("DOCKER_TLS_VERIFY")) != null;
        if (!tls) {
            return Endpoint.of(url);
        }
        String certPath = nonEmpty(env.get("DOCKER_CERT_PATH"));
        Path dir = certPath != null ? Path.of(certPath) : configDir(env);
        String what = certPath != null ? "DOCKER_CERT_PATH " + dir : "the DOCKER_CONFIG folder " + dir
                + " (DOCKER_CERT_PATH is not set)";
        String why = scheme.equals("https") ? "https://" : "DOCKER_TLS_VERIFY";
        return new Endpoint(url, material(dir, what, false), "TLS of " + why + ", certificates of " + what);
    }

    /**
     * The endpoint {@code url} ({@code tcp://} or {@code https://}) with TLS files given one by one
     * (a hosts file's {@code tls}): each given file must be readable; the CA may stand alone, the
     * certificate and the key go together.
     *
     * @param what names the files' origin in messages, e.g. {@code host a's tls in hosts.json}
     */
    public static Endpoint withTls(String url, Endpoint.Tls files, String what) {
        String scheme = checkScheme(url, what);
        if (!scheme.equals("tcp") && !scheme.equals("https")) {
            throw new EndpointException(what + ": TLS is for tcp:// and https:// engines, not " + url);
        }
        if ((files.cert() == null) != (files.key() == null) || files.ca() == null && files.cert() == null) {
            throw new EndpointException(what + ": give ca, or cert and key, or all three");
        }
        for (Path f : new Path[] {files.ca(), files.cert(), files.key()}) {
            if (f != null) {
                existing(f, what, false);
            }
        }
        return new Endpoint(url, files, what);
    }

    /**
     * The PEM files of a folder in the docker CLI's layout. In a context's folder each file is
     * optional (a context may hold a CA only); from DOCKER_CERT_PATH the CA, the certificate and the
     * key must all be there. Either way a certificate needs its key.
     */
    private static Endpoint.Tls material(Path dir, String what, boolean optional) {
        Endpoint.Tls all = Endpoint.Tls.inDirectory(dir);
        if (!Files.isDirectory(dir)) {
            throw new EndpointException(what + ": no such folder");
        }
        Path ca = existing(all.ca(), what, optional);
        Path cert = existing(all.cert(), what, optional);
        Path key = existing(all.key(), what, optional);
        if ((cert == null) != (key == null)) {
            throw new EndpointException(what + " has " + (cert == null ? "key.pem without cert.pem" : "cert.pem without key.pem"));
        }
        if (ca == null && cert == null) {
            throw new EndpointException(what + " holds none of ca.pem, cert.pem, key.pem");
        }
        return new Endpoint.Tls(ca, cert, key);
    }

    private static Path existing(Path file, String what, boolean optional) {
        if (Files.isReadable(file)) {
            return file;
        }
        if (optional && !Files.exists(file)) {
            return null;
        }
        throw new EndpointException(what + ": " + (Files.exists(file) ? "cannot read " : "no ") + file.getFileName()
                + " (" + file + ")");
    }

    /** The scheme of a supported address, lower-cased; anything else is an EndpointException. */
    private static String checkScheme(String url, String from) {
        String scheme;
        try {
            URI uri = URI.create(url);
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new EndpointException((from == null ? "" : from + ": ") + "engine address " + url + " is not a URL");
        }
        return switch (scheme) {
            case "unix", "tcp", "http", "https", "ssh" -> scheme;
            default -> throw new EndpointException((from == null ? "" : from + ": ") + "engine address " + url
                    + ": use unix:///path/docker.sock, tcp://HOST:PORT, https://HOST:PORT or ssh://[USER@]HOST[:PORT]");
        };
    }

    /**
     * The ssh command of {@code ssh://} engines: {@code CCCF_SSH} split at blanks (e.g.
     * {@code ssh -F /path/ssh_config}, as git's GIT_SSH_COMMAND), else {@code ssh}.
     */
    static List<String> sshCommand(Map<String, String> env) {
        String given = nonEmpty(env.get("CCCF_SSH"));
        return given == null || given.isBlank() ? List.of("ssh") : List.of(given.trim().split("\\s+"));
    }

    /** $DOCKER_CONFIG, else ~/.docker ($HOME, else the JVM's user.home). */
    static Path configDir(Map<String, String> env) {
        String dir = nonEmpty(env.get("DOCKER_CONFIG"));
        if (dir != null) {
            return Path.of(dir);
        }
        String home = nonEmpty(env.get("HOME"));
        return Path.of(home != null ? home : System.getProperty("user.home"), ".docker");
    }

    static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
