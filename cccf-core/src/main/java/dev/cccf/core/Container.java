package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One container of a cccf document: an immutable value. Every cccf 3.3 field has its own
 * component; any other field (docker fields, placement fields, your own) is kept, in its
 * order, in {@link #extensions()} and written back out by every tool.
 *
 * <p>An absent list and an empty list mean the same and are written the same way (not at all).
 * {@code cmd}, {@code scale} and {@code host} are {@code null} when absent. Changes return new
 * values: {@code c.withImage("nginx:1.27")}.
 *
 * <p>Extension values are Jackson trees, which Jackson makes mutable: they are copied on the way
 * in, and must be treated as read-only on the way out (change them with {@link #withExtension},
 * which copies). The shared TransformContract test of cccf-testkit checks every transform for it.
 */
public record Container(
        String id,
        String image,
        Cmd cmd,
        List<String> ports,
        List<String> env,
        List<String> volumes,
        List<String> expose,
        List<String> links,
        Integer scale,
        String host,
        Map<String, JsonNode> extensions) {

    /** The field names cccf 3.3 defines, in the order cccf writes them (see {@link CoreField}). */
    public static final List<String> CORE_FIELDS = CoreField.names();

    public Container {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        ports = ports == null ? List.of() : List.copyOf(ports);
        env = env == null ? List.of() : List.copyOf(env);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        expose = expose == null ? List.of() : List.copyOf(expose);
        links = links == null ? List.of() : List.copyOf(links);
        extensions = copyExtensions(extensions);
    }

    public static Container of(String id, String image) {
        return new Container(id, image, null, null, null, null, null, null, null, null, null);
    }

    public static Builder builder(String id, String image) {
        return new Builder(Objects.requireNonNull(id, "id"), Objects.requireNonNull(image, "image"));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The value of an extension field, if present. */
    public Optional<JsonNode> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    /** The id without docker's leading slash: {@code /web} and {@code web} name one container. */
    public String name() {
        return id.startsWith("/") ? id.substring(1) : id;
    }

    public Container withId(String v) {
        return toBuilder().id(v).build();
    }

    public Container withImage(String v) {
        return toBuilder().image(v).build();
    }

    public Container withCmd(Cmd v) {
        return toBuilder().cmd(v).build();
    }

    public Container withPorts(List<String> v) {
        return toBuilder().ports(v).build();
    }

    public Container withEnv(List<String> v) {
        return toBuilder().env(v).build();
    }

    public Container withVolumes(List<String> v) {
        return toBuilder().volumes(v).build();
    }

    public Container withExpose(List<String> v) {
        return toBuilder().expose(v).build();
    }

    public Container withLinks(List<String> v) {
        return toBuilder().links(v).build();
    }

    public Container withScale(Integer v) {
        return toBuilder().scale(v).build();
    }

    public Container withHost(String v) {
        return toBuilder().host(v).build();
    }

    /** Adds or replaces an extension field (kept in place when it exists, appended otherwise). */
    public Container withExtension(String name, JsonNode value) {
        return toBuilder().extension(name, value).build();
    }

    public Container withoutExtension(String name) {
        return toBuilder().removeExtension(name).build();
    }

    private static Map<String, JsonNode> copyExtensions(Map<String, JsonNode> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, JsonNode> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
        source.forEach((k, v) -> {
            if (CORE_FIELDS.contains(k)) {
                throw new IllegalArgumentException("'" + k + "' is a core field, not an extension");
            }
            Objects.requireNonNull(v, () -> "extension " + k);
            // containers and arrays are mutable in Jackson: keep our own copy
            copy.put(k, v.isContainerNode() ? v.deepCopy() : v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Builds a container field by field; used by readers and by {@code withX} methods. */
    public static final class Builder {
        private String id;
        private String image;
        private Cmd cmd;
        private List<String> ports;
        private List<String> env;
        private List<String> volumes;
        private List<String> expose;
        private List<String> links;
        private Integer scale;
        private String host;
        private LinkedHashMap<String, JsonNode> extensions;

        /** An empty builder: no container is made until {@link #build} (readers make one per container). */
        private Builder(String id, String image) {
            this.id = id;
            this.image = image;
        }

        private Builder(Container c) {
            id = c.id;
            image = c.image;
            cmd = c.cmd;
            ports = c.ports;
            env = c.env;
            volumes = c.volumes;
            expose = c.expose;
            links = c.links;
            scale = c.scale;
            host = c.host;
            extensions = c.extensions.isEmpty() ? null : new LinkedHashMap<>(c.extensions);
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder cmd(Cmd v) {
            cmd = v;
            return this;
        }

        public Builder cmd(String line) {
            cmd = line == null ? null : Cmd.line(line);
            return this;
        }

        public Builder ports(List<String> v) {
            ports = v;
            return this;
        }

        public Builder ports(String... v) {
            return ports(List.of(v));
        }

        public Builder env(List<String> v) {
            env = v;
            return this;
        }

        public Builder env(String... v) {
            return env(List.of(v));
        }

        public Builder volumes(List<String> v) {
            volumes = v;
            return this;
        }

        public Builder volumes(String... v) {
            return volumes(List.of(v));
        }

        public Builder expose(List<String> v) {
            expose = v;
            return this;
        }

        public Builder expose(String... v) {
            return expose(List.of(v));
        }

        public Builder links(List<String> v) {
            links = v;
            return this;
        }

        public Builder links(String... v) {
            return links(List.of(v));
        }

        public Builder scale(Integer v) {
            scale = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder extension(String name, JsonNode value) {
            if (extensions == null) {
                extensions = new LinkedHashMap<>();
            }
            extensions.put(name, value);
            return this;
        }

        public Builder removeExtension(String name) {
            if (extensions != null) {
                extensions.remove(name);
            }
            return this;
        }

        public Container build() {
            return new Container(id, image, cmd, ports, env, volumes, expose, links, scale, host, extensions);
        }
    }
}
