package dev.cccf.core.hosts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.DocumentParser;
import dev.cccf.core.Rules;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.core.fields.Memory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one reader of hosts files, for every tool: a JSON or YAML array of
 * {@code {"id": "a", "docker": "unix:///var/run/docker.sock", "labels": {...}, "memory": "8g", "cpus": 4}},
 * or of the originals' {@code {"id": "a", "host": "10.0.0.2", "port": 2375}} (read as
 * {@code docker: "tcp://10.0.0.2:2375"}). Every problem is reported at once, located, with a
 * rule code (see docs/rules.md). A new host field is added here and in {@link Host}.
 *
 * <pre>{@code
 * List<Host> hosts = Hosts.read(in, "hosts.json");          // throws InvalidDocumentException
 * Map<String, String> docker = Hosts.endpoints(hosts);       // id -> docker endpoint
 * }</pre>
 */
public final class Hosts {
    public static final String SYNTAX = Rules.SYNTAX;
    public static final String HOSTS_TYPE = "hosts-type";
    public static final String HOSTS_EMPTY = "hosts-empty";
    public static final String HOST_TYPE = "host-type";
    public static final String HOST_ID_REQUIRED = "host-id-required";
    public static final String HOST_ID_PATTERN = "host-id-pattern";
    public static final String HOST_DUPLICATE_ID = "host-duplicate-id";
    public static final String HOST_DUPLICATE_ENDPOINT = "host-duplicate-endpoint";
    public static final String HOST_FIELD_TYPE = "host-field-type";
    public static final String HOST_UNKNOWN_FIELD = "host-unknown-field";
    public static final String HOST_ENDPOINT = "host-endpoint";
    public static final String HOST_MEMORY_FORMAT = "host-memory-format";
    public static final String HOST_CPUS_FORMAT = "host-cpus-format";
    public static final String HOST_LABELS_FORMAT = "host-labels-format";
    public static final String HOST_TLS = "host-tls";
    /** An {@code address} that is not an IP address. */
    public static final String HOST_ADDRESS = "host-address";
    /** {@code context} is not a docker context's name, or stands beside docker, host, port or tls. */
    public static final String HOST_CONTEXT = "host-context";
    /** A host without a docker endpoint where the engines are needed ({@link #readWithEngines}). */
    public static final String HOSTS_ENGINE = "hosts-engine";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** A docker context's name, as {@code docker context create} allows it. */
    private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");
    private Hosts() {
    }

    /** Reads the whole stream (not closed); {@code source} names it in messages. */
    public static List<Host> read(InputStream in, String source) throws IOException {
        return DocumentParser.parse(in, source, (p, report) -> new Run(report, false).hosts(p));
    }

    /**
     * As {@link #read}, for tools that talk to the hosts' engines or name them in instructions:
     * a host without a {@code docker} (or {@code host}) endpoint is a located {@value #HOSTS_ENGINE}
     * problem.
     */
    public static List<Host> readWithEngines(InputStream in, String source) throws IOException {
        return DocumentParser.parse(in, source, (p, report) -> new Run(report, true).hosts(p));
    }

    /** Host id to docker endpoint, for the hosts that have one, in hosts order. */
    public static Map<String, String> endpoints(List<Host> hosts) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Host h : hosts) {
            if (h.docker() != null) {
                out.put(h.id(), h.docker());
            }
        }
        return out;
    }

    /** Reads hosts held in a string (named {@code <string>} in messages). */
    public static List<Host> parse(String text) {
        try {
            return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "<string>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Run {
        final DocumentParser.Report report;
        final boolean needEngines;
        /** where the id and the docker endpoint of the last host read stand */
        JsonLocation idAt;
        JsonLocation dockerAt;

        Run(DocumentParser.Report report, boolean needEngines) {
            this.report = report;
            this.needEngines = needEngines;
        }

        void problem(JsonLocation at, String path, String code, String message) {
            report.problem(at, path, code, message);
        }

        List<Host> hosts(JsonParser p) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                problem(p.currentTokenLocation(), "$", HOSTS_TYPE,
                        "a hosts file is an array of hosts such as [{\"id\": \"a\", \"docker\": \"tcp://10.0.0.2:2375\"}]");
                return null;
            }
            JsonLocation start = p.currentTokenLocation();
            List<Host> hosts = new ArrayList<>();
            Map<String, String> ids = new HashMap<>();
            Map<String, String> endpoints = new HashMap<>();
            int i = 0;
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                String path = "$[" + i + "]";
                JsonLocation at = p.currentTokenLocation();
                if (t != JsonToken.START_OBJECT) {
                    problem(at, path, HOST_TYPE, "a host must be an object with an id, not " + Rules.kind(DocumentParser.readTree(p)));
                    continue;
                }
                Host h = host(p, path, at);
                if (h == null) {
                    continue;
                }
                String before = ids.putIfAbsent(h.id(), path);
                if (before != null) {
                    problem(idAt, path + ".id", HOST_DUPLICATE_ID, "host id " + Rules.quote(h.id()) + " is also the id of " + before);
                }
                if (h.docker() != null) {
                    String other = endpoints.putIfAbsent(h.docker(), h.id());
                    if (other != null) {
                        problem(dockerAt == null ? at : dockerAt, path + ".docker", HOST_DUPLICATE_ENDPOINT, "host " + Rules.quote(h.id())
                                + " has the endpoint of host " + Rules.quote(other) + ": " + Rules.quote(h.docker()));
                    }
                }
                hosts.add(h);
            }
            if (i == 0) {
                problem(start, "$", HOSTS_EMPTY, "the hosts file lists no host");
            }
            return hosts;
        }

        private Host host(JsonParser p, String path, JsonLocation begin) throws IOException {
            int before = report.count();
            idAt = begin;
            dockerAt = null;
            String id = null;
            String docker = null;
            String address = null;
            Integer port = null;
            JsonLocation portAt = null;
            Map<String, String> labels = new LinkedHashMap<>();
            Long memory = null;
            Double cpus = null;
            Host.Tls tls = null;
            JsonLocation tlsAt = null;
            String reachAt = null;
            String context = null;
            JsonLocation contextAt = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                JsonLocation at = p.currentTokenLocation();
                JsonNode v = DocumentParser.readTree(p);
                String fp = path + "." + name;
                switch (name) {
                    case "id" -> {
                        idAt = at;
                        id = text(v, at, fp);
                        if (id != null && !ID.matcher(id).matches()) {
                            problem(at, fp, HOST_ID_PATTERN, "host id " + Rules.quote(id)
                                    + " must be 1-128 letters, digits, '_' or '-' (it becomes part of container ids)");
                        }
                    }
                    case "docker" -> {
                        dockerAt = at;
                        docker = text(v, at, fp);
                        if (docker != null && !docker.matches("(unix|tcp|npipe|ssh|http|https)://\\S+")) {
                            problem(at, fp, HOST_ENDPOINT, "docker endpoint " + Rules.quote(docker)
                                    + " must be a URL such as unix:///var/run/docker.sock or tcp://10.0.0.2:2375");
                        }
                    }
                    case "host" -> {
                        address = text(v, at, fp);
                        if (address != null && !address.matches("[A-Za-z0-9_.:\\[\\]-]+")) {
                            problem(at, fp, HOST_ENDPOINT, "host " + Rules.quote(address) + " must be a host name or an IP address");
                        }
                    }
                    case "port" -> {
                        portAt = at;
                        if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1 && v.asInt() <= 65535) {
                            port = v.asInt();
                        } else {
                            problem(at, fp, HOST_ENDPOINT, "port must be a whole number in 1-65535, not " + Rules.shown(v));
                        }
                    }
                    case "labels" -> {
                        if (!v.isObject()) {
                            problem(at, fp, HOST_LABELS_FORMAT, "labels must be an object of names to string values, not "
                                    + Rules.kind(v));
                        } else {
                            for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                                Map.Entry<String, JsonNode> e = it.next();
                                if (e.getValue().isTextual()) {
                                    labels.put(e.getKey(), e.getValue().asText());
                                } else {
                                    problem(at, fp + "[" + Rules.quote(e.getKey()) + "]", HOST_LABELS_FORMAT,
                                            "label " + Rules.quote(e.getKey()) + " must be a string, not " + Rules.kind(e.getValue())
                                                    + " (write \"" + e.getValue().asText() + "\")");
                                }
                            }
                        }
                    }
                    case "memory" -> {
                        long bytes = Memory.bytes(v);
                        if (bytes < 0) {
                            problem(at, fp, HOST_MEMORY_FORMAT, "memory " + Rules.shown(v)
                                    + " must be a docker size such as \"8g\" or a whole number of bytes > 0");
                        } else {
                            memory = bytes;
                        }
                    }
                    case "cpus" -> {
                        if (v.isNumber() && v.asDouble() > 0 && !Double.isInfinite(v.asDouble())) {
                            cpus = v.asDouble();
                        } else {
                            problem(at, fp, HOST_CPUS_FORMAT, "cpus " + Rules.shown(v) + " must be a number > 0");
                        }
                    }
                    case "tls" -> {
                        tlsAt = at;
                        tls = tls(v, at, fp);
                    }
                    case "address" -> {
                        reachAt = text(v, at, fp);
                        if (reachAt != null && !FieldTable.isIpAddress(reachAt)) {
                            problem(at, fp, HOST_ADDRESS, "address " + Rules.quote(reachAt)
                                    + " must be an IP address where other hosts reach this one, such as \"10.0.0.2\"");
                        }
                    }
                    case "context" -> {
                        contextAt = at;
                        context = text(v, at, fp);
                        if (context != null && !CONTEXT.matcher(context).matches()) {
                            problem(at, fp, HOST_CONTEXT, "context " + Rules.quote(context) + " must be a docker context's"
                                    + " name: a letter or digit, then letters, digits, '_', '.', '+' or '-'");
                        }
                    }
                    default -> problem(at, fp, HOST_UNKNOWN_FIELD, "unknown host field " + Rules.quote(name)
                            + "; a host has id, docker (or host and port, or context), tls, address, labels, memory, cpus");
                }
            }
            if (id == null && report.count() == before) {
                problem(begin, path, HOST_ID_REQUIRED, "the host has no id");
            }
            if (docker != null && (address != null || port != null)) {
                problem(begin, path, HOST_ENDPOINT, "give docker, or host and port, not both");
            } else if (port != null && address == null) {
                problem(portAt, path + ".port", HOST_ENDPOINT, "port without host: give host too");
            } else if (address != null) {
                docker = "tcp://" + address + ":" + (port == null ? 2375 : port);
            }
            if (context != null && (docker != null || tls != null)) {
                problem(contextAt, path + ".context", HOST_CONTEXT, "give context, or docker (or host and port) with its tls,"
                        + " not both: a docker context holds the engine's address and TLS material");
            } else if (tls != null && docker != null && !docker.matches("(tcp|https)://\\S+")) {
                problem(tlsAt, path + ".tls", HOST_TLS, "tls is for tcp:// and https:// engines, not " + Rules.quote(docker));
            } else if (tls != null && docker == null && report.count() == before) {
                problem(tlsAt, path + ".tls", HOST_TLS, "tls needs the engine's address: give docker (tcp://HOST:PORT) or host and port");
            }
            if (needEngines && docker == null && context == null && id != null && report.count() == before) {
                problem(begin, path, HOSTS_ENGINE, "host " + Rules.quote(id)
                        + " needs \"docker\": \"unix:///...\" or \"tcp://HOST:PORT\" (or \"host\" and \"port\", or \"context\")");
            }
            return report.count() == before ? new Host(id, docker, labels, memory, cpus, tls, reachAt, context) : null;
        }

        /** {@code {"ca": PATH, "cert": PATH, "key": PATH}}: the CA alone, or the certificate and the key, or all three. */
        private Host.Tls tls(JsonNode v, JsonLocation at, String path) {
            if (!v.isObject() || v.isEmpty()) {
                problem(at, path, HOST_TLS, "tls must be an object of PEM file paths such as {\"ca\": \"ca.pem\", \"cert\":"
                        + " \"cert.pem\", \"key\": \"key.pem\"}, not " + (v.isObject() ? "an empty one" : Rules.kind(v)));
                return null;
            }
            Map<String, String> files = new LinkedHashMap<>();
            boolean ok = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String fp = path + "." + e.getKey();
                if (!e.getKey().equals("ca") && !e.getKey().equals("cert") && !e.getKey().equals("key")) {
                    problem(at, fp, HOST_TLS, "unknown tls field " + Rules.quote(e.getKey()) + "; tls has ca, cert, key"
                            + " (the engine's certificate is always verified)");
                    ok = false;
                } else if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    files.put(e.getKey(), e.getValue().asText());
                } else {
                    problem(at, fp, HOST_TLS, e.getKey() + " must be the path of a PEM file, not " + Rules.kind(e.getValue()));
                    ok = false;
                }
            }
            if (ok && files.containsKey("cert") != files.containsKey("key")) {
                problem(at, path, HOST_TLS, files.containsKey("cert") ? "cert needs its key" : "key needs its cert");
                ok = false;
            }
            return ok ? new Host.Tls(files.get("ca"), files.get("cert"), files.get("key")) : null;
        }

        private String text(JsonNode v, JsonLocation at, String path) {
            if (v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
            problem(at, path, HOST_FIELD_TYPE, path.substring(path.lastIndexOf('.') + 1)
                    + " must be a non-empty string, not " + (v.isTextual() ? "an empty one" : Rules.kind(v)));
            return null;
        }
    }
}
