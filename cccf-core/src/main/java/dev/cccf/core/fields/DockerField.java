package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.FieldCheck;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of the table: its name, its check (with stable rule codes), and how each target
 * carries a value that passed the check, or why it does not. {@link FieldTable} holds them all.
 *
 * @param name the field's name in a cccf document
 * @param check the located check the readers run
 * @param placement whether cccf-host reads it to place containers
 * @param run its {@code docker run} options; {@code null} when {@code docker run} does not carry it
 * @param create where it goes in the Engine API's create body; {@code null} exactly when {@code run} is
 * @param inspect how it reads back from {@code GET /containers/{id}/json}; {@code null} when
 *     {@code cccf inspect} does not write it from the engine's data
 * @param composeKey its key in a compose service, the value as it is, a dotted path for one in an object of the service
 *                   ({@code deploy.update_config}); {@code null} when not carried
 * @param swarm its {@code docker service create} options; {@code null} when not carried
 * @param service where it goes in a swarm service's spec (the Engine API's {@code ServiceSpec}, what
 *     {@code cccf apply --swarm} sends); never {@code null} when {@code swarm} is not, so the lines of
 *     {@code --target swarm} and apply carry the same fields
 * @param notCarried why a target does not carry it (warned about); a target neither carrying it
 *     nor named here acts on the field itself (placement, order, state: nothing to warn about)
 */
public record DockerField(String name, FieldCheck check, boolean placement, Flags run, Create create,
        Inspect inspect, String composeKey, Flags swarm, Service service, Map<Target, String> notCarried) {

    public DockerField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if ((run == null) != (create == null)) {
            throw new IllegalArgumentException(name + ": docker run and the Engine API must carry a field alike");
        }
        if (swarm != null && service == null) {
            throw new IllegalArgumentException(name + ": docker service create and a service spec must carry a field alike");
        }
        notCarried = Map.copyOf(notCarried);
    }

    /** The targets a field may be carried by. */
    public enum Target {
        /** {@code docker run} and the Engine API's create body (apply): always alike. */
        DOCKER,
        /** a compose service. */
        COMPOSE,
        /** {@code docker service create}. */
        SWARM
    }

    /** A value as command-line options. */
    @FunctionalInterface
    public interface Flags {
        List<String> of(JsonNode value);
    }

    /** A value written into the create body: the container's config and its host config. */
    @FunctionalInterface
    public interface Create {
        void write(JsonNode value, ObjectNode config, ObjectNode hostConfig);
    }

    /**
     * A value written into a swarm service's spec ({@code Name}, {@code Labels}, {@code Mode},
     * {@code TaskTemplate} with its {@code ContainerSpec}, {@code Resources}, {@code Placement} ...).
     */
    @FunctionalInterface
    public interface Service {
        void write(JsonNode value, ObjectNode spec);
    }

    /** The value read back from an engine; {@code null} when unset or the image's (or docker's) default. */
    @FunctionalInterface
    public interface Inspect {
        JsonNode read(EngineView view);
    }

    /**
     * What the engine says of one container.
     *
     * @param config its {@code Config}
     * @param hostConfig its {@code HostConfig}
     * @param image its image's {@code Config}, or {@code null} when the engine no longer has the image
     * @param containerId the container's id (docker's default host name is its first 12 characters)
     * @param networks its {@code NetworkSettings.Networks}: each network it is attached to, by name,
     *     each endpoint's {@code Aliases} without those docker adds itself (the container's name and short id)
     */
    public record EngineView(JsonNode config, JsonNode hostConfig, JsonNode image, String containerId, JsonNode networks) {
        /** A view without the container's networks. */
        public EngineView(JsonNode config, JsonNode hostConfig, JsonNode image, String containerId) {
            this(config, hostConfig, image, containerId, MissingNode.getInstance());
        }

        /** The image's value of a config key; a missing node when the image is unknown. */
        public JsonNode imageValue(String key) {
            return image == null ? MissingNode.getInstance() : image.path(key);
        }
    }

    /** The reason {@code target} gives for not carrying this field, or {@code null}. */
    public String whyNotCarried(Target target) {
        return notCarried.get(target);
    }
}
