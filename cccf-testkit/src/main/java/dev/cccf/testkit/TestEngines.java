package dev.cccf.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker engines that engine tests run against: the hosts file named by CCCF_TEST_HOSTS (as
 * {@code eval "$(scripts/engines.sh env)"} sets it), each engine checked with a
 * {@code GET /_ping}. Without them an engine test is skipped, except with CI=true, where it fails:
 * CI must run every engine test. There is no default: a test run that did not name its engines
 * never reaches engines started for something else (another set of scripts/engines.sh, a
 * kill trial's engines).
 */
public final class TestEngines {
    /** The image scripts/engines.sh imports into every engine (busybox; CMD sleep 3600). */
    public static final String IMAGE = "cccf/busybox:test";

    private TestEngines() {
    }

    /** One engine of the hosts file. */
    public record Engine(String id, String url, Path socket) {
    }

    /** What {@link #hostsFile()}, {@link #tlsDir()} and the sshd's folder are when their variable is not set. */
    static final Path UNSET = Path.of("/nonexistent/cccf-test-engines-not-named");

    /** The hosts file the engines are listed in: CCCF_TEST_HOSTS. */
    public static Path hostsFile() {
        return named("CCCF_TEST_HOSTS");
    }

    private static Path named(String variable) {
        String configured = System.getenv(variable);
        return configured != null && !configured.isBlank() ? Path.of(configured) : UNSET;
    }

    private static String unset(String variable) {
        return variable + " is not set (eval \"$(scripts/engines.sh env)\")";
    }

    /**
     * The engine of {@code scripts/engines.sh} that listens only with TLS (verifying clients):
     * its URL ({@code tcp://127.0.0.1:PORT}) and its folder, which holds {@code client/} (ca.pem,
     * cert.pem, key.pem: a DOCKER_CERT_PATH) and {@code rogue/} (a client of another CA).
     */
    public record TlsEngine(String url, Path dir) {
        /** A DOCKER_CERT_PATH the engine accepts. */
        public Path client() {
            return dir.resolve("client");
        }

        /** Client material of another CA: the engine refuses it, and its CA did not sign the engine. */
        public Path rogue() {
            return dir.resolve("rogue");
        }
    }

    /** The folder of the TLS engine: CCCF_TEST_TLS (as scripts/engines.sh env prints it). */
    public static Path tlsDir() {
        return named("CCCF_TEST_TLS");
    }

    /**
     * The sshd of {@code scripts/engines.sh} whose sessions reach the TLS engine: its URL
     * ({@code ssh://root@127.0.0.1:PORT}) and its folder, with {@code ssh_config} (the client key
     * and the known host key: {@code ssh -F DIR/ssh_config}).
     */
    public record SshEngine(String url, Path dir) {
        /** The ssh command that logs in: {@code ssh -F DIR/ssh_config}. */
        public String command() {
            return "ssh -F " + dir.resolve("ssh_config");
        }
    }

    /**
     * The sshd, when its folder (CCCF_TEST_SSH) names its URL and its port accepts connections;
     * else the test is skipped (failed on CI).
     */
    public static SshEngine requireSsh() {
        Path dir = named("CCCF_TEST_SSH");
        return new SshEngine(requireListening(dir, "sshd", "CCCF_TEST_SSH"), dir);
    }

    /**
     * The TLS engine, when its folder names its URL ({@code url}, written while it runs) and its
     * port accepts connections; else the test is skipped (failed on CI).
     */
    public static TlsEngine requireTls() {
        Path dir = tlsDir();
        return new TlsEngine(requireListening(dir, "TLS engine", "CCCF_TEST_TLS"), dir);
    }

    /**
     * The registry of {@code scripts/engines.sh} (htpasswd auth, on a loopback port that the TLS
     * engine reaches): its URL ({@code http://127.0.0.1:PORT}) and its folder, with the user and
     * password that log in.
     */
    public record Registry(String url, Path dir) {
        /** HOST:PORT, as image references and {@code docker login} name it. */
        public String address() {
            return URI.create(url).getAuthority();
        }

        public String user() throws IOException {
            return Files.readString(dir.resolve("user")).trim();
        }

        public String password() throws IOException {
            return Files.readString(dir.resolve("password")).trim();
        }
    }

    /**
     * The registry, when its folder (CCCF_TEST_REGISTRY, else /tmp/cccf-engines/registry) names its
     * URL and its port accepts connections; else the test is skipped (failed on CI).
     */
    public static Registry requireRegistry() {
        String configured = System.getenv("CCCF_TEST_REGISTRY");
        Path dir = Path.of(configured != null && !configured.isBlank() ? configured : "/tmp/cccf-engines/registry");
        return new Registry(requireListening(dir, "registry", "CCCF_TEST_REGISTRY"), dir);
    }

    /** The URL in {@code dir/url}, when its port accepts connections; else the test is skipped (failed on CI). */
    private static String requireListening(Path dir, String what, String variable) {
        String why = null;
        String url = null;
        try {
            Path file = dir.resolve("url");
            if (dir.equals(UNSET)) {
                why = unset(variable);
            } else if (!Files.isRegularFile(file)) {
                why = "no " + what + ": no " + file;
            } else {
                url = Files.readString(file).trim();
                URI uri = URI.create(url);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
                } catch (IOException e) {
                    why = "the " + what + " at " + url + " does not accept connections: " + e.getMessage();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            why = "cannot read the " + what + "'s url in " + dir + ": " + e.getMessage();
        }
        Prerequisites.require(why == null, "the " + what + " (" + why + "; run scripts/engines.sh start)");
        return url;
    }

    /**
     * The swarm of {@code scripts/engines.sh swarm}: h1 its manager, h2 a worker that joined it.
     *
     * @param manager the manager's engine URL
     * @param worker the worker's engine URL
     * @param workerPidFile the file holding the pid of the worker's dockerd (the one engines.sh started)
     * @param restart the command that starts a stopped engine again and keeps the swarm ({@code engines.sh swarm})
     * @param nodes each node: its host, swarm node id, link address and labels
     */
    public record Swarm(String manager, String worker, Path workerPidFile, List<String> restart, List<Node> nodes) {
        /** The node of host {@code host} ({@code "h1"}, {@code "h2"}). */
        public Node node(String host) {
            return nodes.stream().filter(n -> n.host().equals(host)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no node " + host));
        }
    }

    /** One node of the swarm. */
    public record Node(String host, String id, String address, Map<String, String> labels) {
    }

    /** The description of the swarm: CCCF_TEST_SWARM, else /tmp/cccf-engines/swarm.json (as scripts/engines.sh writes it). */
    public static Path swarmFile() {
        String configured = System.getenv("CCCF_TEST_SWARM");
        return Path.of(configured != null && !configured.isBlank() ? configured : "/tmp/cccf-engines/swarm.json");
    }

    /**
     * The swarm, when its description exists and both engines answer; else the test is skipped
     * (failed on CI: scripts/test.sh makes the swarm).
     */
    public static Swarm requireSwarm() {
        Path file = swarmFile();
        String why = null;
        Swarm swarm = null;
        try {
            if (!Files.isRegularFile(file)) {
                why = "no swarm description at " + file;
            } else {
                JsonNode s = new ObjectMapper().readTree(file.toFile());
                List<String> restart = new ArrayList<>();
                s.path("restart").forEach(w -> restart.add(w.asText()));
                List<Node> nodes = new ArrayList<>();
                for (JsonNode n : s.path("nodes")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    n.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    nodes.add(new Node(n.path("host").asText(), n.path("id").asText(), n.path("address").asText(), Map.copyOf(labels)));
                }
                swarm = new Swarm(s.path("manager").asText(), s.path("worker").asText(), Path.of(s.path("workerPidFile").asText()),
                        List.copyOf(restart), List.copyOf(nodes));
                for (String url : List.of(swarm.manager(), swarm.worker())) {
                    if (!url.startsWith("unix://") || !ping(Path.of(url.substring("unix://".length())))) {
                        why = "the swarm's engine at " + url + " does not answer";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            why = "cannot read " + file + ": " + e.getMessage();
        }
        Prerequisites.require(why == null, "a swarm (" + why + "; run scripts/engines.sh swarm)");
        return swarm;
    }

    /** At least {@code count} answering engines, or the test is skipped (failed on CI). */
    public static List<Engine> require(int count) {
        return require(count, hostsFile(), Prerequisites.onCi());
    }

    static List<Engine> require(int count, Path file, boolean ci) {
        String why;
        List<Engine> engines = new ArrayList<>();
        try {
            why = find(engines, count, file);
        } catch (IOException e) {
            why = "cannot read " + file + ": " + e.getMessage();
        }
        Prerequisites.require(why == null, "the docker engines (" + why + "; run scripts/engines.sh start)", ci);
        return engines;
    }

    private static String find(List<Engine> engines, int count, Path file) throws IOException {
        if (file.equals(UNSET)) {
            return unset("CCCF_TEST_HOSTS");
        }
        if (!Files.isRegularFile(file)) {
            return "no hosts file at " + file;
        }
        for (JsonNode h : new ObjectMapper().readTree(file.toFile())) {
            String url = h.path("docker").asText();
            if (!url.startsWith("unix://")) {
                continue;
            }
            Path socket = Path.of(url.substring("unix://".length()));
            if (!ping(socket)) {
                return "engine " + h.path("id").asText() + " at " + url + " does not answer";
            }
            engines.add(new Engine(h.path("id").asText(), url, socket));
        }
        return engines.size() < count ? file + " lists " + engines.size() + " engines, the test needs " + count : null;
    }

    /** True when the engine behind this unix socket answers {@code GET /_ping} with OK. */
    public static boolean ping(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(1024);
            StringBuilder reply = new StringBuilder();
            while (ch.read(buf) > 0 && reply.length() < 4096) {
                buf.flip();
                reply.append(StandardCharsets.US_ASCII.decode(buf));
                buf.clear();
            }
            return reply.toString().startsWith("HTTP/1.") && reply.toString().contains(" 200 ") && reply.toString().endsWith("OK");
        } catch (IOException e) {
            return false;
        }
    }
}
