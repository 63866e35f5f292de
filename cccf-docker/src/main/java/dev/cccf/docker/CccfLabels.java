package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The docker labels that record what cccf asked for when it created a container, so that
 * {@code cccf inspect} gives back exactly the wanted container (not docker's expansion of it) and
 * a plan can tell what changed by comparing hashes.
 *
 * <ul>
 *   <li>{@value #CONFIG}: the canonical cccf JSON of the container, without {@code host} (where it
 *       runs is the engine's business) and {@code scale} (a created container is one replica);</li>
 *   <li>{@value #HASH}: SHA-256 of that JSON;</li>
 *   <li>{@code dev.cccf.hash.GROUP}: SHA-256 of the canonical JSON of each group of fields
 *       ({@link #GROUPS}): {@code image}, {@code cmd}, {@code env}, {@code ports}, {@code volumes},
 *       {@code expose}, {@code links} and {@code docker} (all other fields);</li>
 *   <li>{@value #VERSION}: the version of this scheme, {@code "1"};</li>
 *   <li>{@value #PROJECT} and {@value #SOURCE}: the project and the WANTED file it was applied
 *       for, and {@value #REPLICA} on the first instance of a scaled container (outside the
 *       config and its hashes).</li>
 * </ul>
 */
public final class CccfLabels {
    private CccfLabels() {
    }

    public static final String CONFIG = "dev.cccf.config";
    public static final String HASH = "dev.cccf.hash";
    public static final String HASH_PREFIX = "dev.cccf.hash.";
    public static final String VERSION = "dev.cccf.version";
    public static final String CURRENT_VERSION = "1";
    /** The project a container was applied for: {@code cccf apply} removes only its own project's containers. */
    public static final String PROJECT = "dev.cccf.project";
    /**
     * The absolute path of the WANTED file a container was applied from: an apply of the same
     * project from another file does not remove it unless forced.
     */
    public static final String SOURCE = "dev.cccf.source";
    /**
     * {@code ID/0} on the first instance of a scaled container (the one {@code cccf scale up}
     * gives {@code scale: 1}): read back, it carries {@code scale: 1} again, so that {@code cccf
     * inspect | cccf scale down} folds its replicas ({@code ID-scale-N}) into it.
     */
    public static final String REPLICA = "dev.cccf.replica";
    /**
     * On a network: its declared {@code ipam}, as the document writes it (compact JSON), so that
     * {@code cccf inspect} gives back what was declared, not the subnet docker chose itself.
     */
    public static final String IPAM = "dev.cccf.ipam";
    /** The project of a container cccf created without one. */
    public static final String DEFAULT_PROJECT = "default";

    /** The field groups hashed apart, in this order. */
    public static final List<String> GROUPS = List.of("image", "cmd", "env", "ports", "volumes", "expose", "links", "docker");

    /** The labels to put on the docker container made for {@code c} (sorted by key). */
    public static Map<String, String> labelsFor(Container c) {
        Container stored = stored(c);
        ObjectNode tree = CccfWriter.toTree(stored);
        String config = CccfWriter.canonical(tree);
        Map<String, String> labels = new TreeMap<>();
        labels.put(CONFIG, config);
        labels.put(HASH, sha256(config));
        labels.put(VERSION, CURRENT_VERSION);
        groups(tree).forEach((group, value) -> labels.put(HASH_PREFIX + group, sha256(CccfWriter.canonical(value))));
        return Collections.unmodifiableMap(labels);
    }

    /**
     * {@link #labelsFor(Container)}, {@value #PROJECT}, and {@value #REPLICA} when {@code c}
     * carries a scale (outside the config and its hashes).
     */
    public static Map<String, String> labelsFor(Container c, String project) {
        Map<String, String> labels = new TreeMap<>(labelsFor(c));
        labels.put(PROJECT, project);
        if (c.scale() != null) {
            labels.put(REPLICA, c.id() + "/0");
        }
        return Collections.unmodifiableMap(labels);
    }

    /**
     * {@link #labelsFor(Container, String)} and {@value #SOURCE} when {@code source} is not
     * {@code null} (a document read from stdin has no file).
     */
    public static Map<String, String> labelsFor(Container c, String project, String source) {
        if (source == null) {
            return labelsFor(c, project);
        }
        Map<String, String> labels = new TreeMap<>(labelsFor(c, project));
        labels.put(SOURCE, source);
        return Collections.unmodifiableMap(labels);
    }

    /** The source of a container's labels ({@value #SOURCE}), or {@code null} when it has none. */
    public static String sourceOf(Map<String, String> labels) {
        String s = labels.get(SOURCE);
        return s == null || s.isBlank() ? null : s;
    }

    /** The project of a container's labels ({@value #DEFAULT_PROJECT} when it has none). */
    public static String projectOf(Map<String, String> labels) {
        String p = labels.get(PROJECT);
        return p == null || p.isBlank() ? DEFAULT_PROJECT : p;
    }

    /** The per-group hashes of {@code c}, as {@link #labelsFor} writes them (keys are the group names). */
    public static Map<String, String> hashes(Container c) {
        Map<String, String> out = new TreeMap<>();
        groups(CccfWriter.toTree(stored(c))).forEach((group, value) -> out.put(group, sha256(CccfWriter.canonical(value))));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The container recorded in a docker container's labels ({@code scale: 1} on the first
     * instance of a scaled container, {@value #REPLICA}): empty when it carries no
     * {@value #CONFIG} label, or one that is not valid cccf, or whose {@value #HASH} does not
     * match it (it was altered; then the engine's own data is the truth).
     */
    public static Optional<Container> containerFrom(Map<String, String> labels) {
        String config = labels.get(CONFIG);
        if (config == null || !CURRENT_VERSION.equals(labels.get(VERSION)) || !sha256(config).equals(labels.get(HASH))) {
            return Optional.empty();
        }
        try {
            Document doc = Cccf.parse(config);
            if (!doc.isSingleObject()) {
                return Optional.empty();
            }
            Container c = doc.containers().get(0);
            return Optional.of((c.id() + "/0").equals(labels.get(REPLICA)) ? c.withScale(1) : c);
        } catch (InvalidDocumentException e) {
            return Optional.empty();
        }
    }

    /** True for the labels this class writes. */
    public static boolean isCccfLabel(String key) {
        return key.equals(CONFIG) || key.equals(HASH) || key.equals(VERSION) || key.equals(PROJECT) || key.equals(SOURCE) || key.equals(REPLICA)
                || key.startsWith(HASH_PREFIX);
    }

    private static Container stored(Container c) {
        return c.toBuilder().host(null).scale(null).build();
    }

    private static Map<String, JsonNode> groups(ObjectNode tree) {
        Map<String, JsonNode> out = new TreeMap<>();
        ObjectNode docker = JsonNodeFactory.instance.objectNode();
        for (String group : GROUPS) {
            if (!group.equals("docker")) {
                JsonNode v = tree.get(group);
                out.put(group, v == null ? JsonNodeFactory.instance.nullNode() : v);
            }
        }
        tree.properties().forEach(e -> {
            if (!Container.CORE_FIELDS.contains(e.getKey())) {
                docker.set(e.getKey(), e.getValue());
            }
        });
        out.put("docker", docker);
        return out;
    }

    /** SHA-256 of {@code text} (UTF-8), in hex. */
    public static String sha256(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
