package dev.cccf.core.hosts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One host of a hosts file: its id, its docker endpoint, its labels and its capacity. Every tool
 * that reads a hosts file reads it with {@link Hosts}; placement (cccf-host) uses the labels and
 * the capacity, the instructions and the engine tools the endpoint.
 *
 * @param id       what containers name in their {@code host} field
 * @param docker   the docker endpoint ({@code unix:///var/run/docker.sock}, {@code tcp://10.0.0.2:2375}),
 *                 or {@code null}
 * @param labels   matched by a container's {@code constraints}
 * @param memory   bytes the containers of this host may declare in total, or {@code null} for no limit
 * @param cpus     cpus the containers of this host may declare in total, or {@code null} for no limit
 * @param tls      the TLS files of its engine, as the hosts file gives them, or {@code null}
 * @param address  the IP address other hosts reach this one at (for containers wired across
 *                 hosts), or {@code null}: then {@link #reachableAt()} takes the endpoint's
 * @param context  the docker context that gives its engine (address and TLS material, as
 *                 {@code docker context create} stored them), or {@code null}; a host with a
 *                 context has no {@code docker} until a tool resolves the context
 */
public record Host(String id, String docker, Map<String, String> labels, Long memory, Double cpus, Tls tls,
        String address, String context) {

    /**
     * The PEM files that reach a host's engine over TLS, as written in the hosts file (a relative
     * path is relative to the hosts file's folder: the tools that open them resolve it): the CA
     * that signed the engine's certificate, the client's certificate and key. The CA may stand
     * alone; the certificate and the key go together.
     */
    public record Tls(String ca, String cert, String key) {
    }

    /** A host whose engine is reached without TLS material of its own. */
    public Host(String id, String docker, Map<String, String> labels, Long memory, Double cpus) {
        this(id, docker, labels, memory, cpus, null, null, null);
    }

    /** A host whose engine is its {@code docker} address, with TLS files or none, and no address or context of its own. */
    public Host(String id, String docker, Map<String, String> labels, Long memory, Double cpus, Tls tls) {
        this(id, docker, labels, memory, cpus, tls, null, null);
    }

    public Host {
        Objects.requireNonNull(id, "id");
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (memory != null && memory <= 0) {
            throw new IllegalArgumentException("memory must be > 0, was " + memory);
        }
        if (cpus != null && !(cpus > 0)) {
            throw new IllegalArgumentException("cpus must be > 0, was " + cpus);
        }
    }

    /** A host with only an id: no endpoint, no labels, no capacity limit. */
    public static Host of(String id) {
        return new Host(id, null, Map.of(), null, null);
    }

    /** A host named by its docker endpoint ({@code -H URL}): the URL is its id and its endpoint. */
    public static Host ofEndpoint(String url) {
        return new Host(url, url, Map.of(), null, null);
    }

    public Host withLabels(Map<String, String> v) {
        return new Host(id, docker, v, memory, cpus, tls, address, context);
    }

    public Host withCapacity(Long memoryBytes, Double cpuCount) {
        return new Host(id, docker, labels, memoryBytes, cpuCount, tls, address, context);
    }

    public Host withDocker(String endpoint) {
        return new Host(id, endpoint, labels, memory, cpus, tls, address, context);
    }

    public Host withTls(Tls files) {
        return new Host(id, docker, labels, memory, cpus, files, address, context);
    }

    public Host withContext(String name) {
        return new Host(id, docker, labels, memory, cpus, tls, address, name);
    }

    public Host withAddress(String ip) {
        return new Host(id, docker, labels, memory, cpus, tls, ip, context);
    }

    /**
     * Where containers on other hosts reach this one: its {@code address}, else the IP address of
     * a {@code tcp://}, {@code http://} or {@code https://} endpoint ({@code tcp://10.0.0.2:2375}:
     * {@code 10.0.0.2}); {@code null} when neither gives one (a unix socket, a host name).
     */
    public String reachableAt() {
        if (address != null) {
            return address;
        }
        if (docker == null) {
            return null;
        }
        Matcher m = ENDPOINT_IP.matcher(docker);
        return m.matches() ? m.group(1) : null;
    }

    private static final Pattern ENDPOINT_IP = Pattern.compile(
            "(?:tcp|https?)://((?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d))(?::\\d+)?/?");
}
