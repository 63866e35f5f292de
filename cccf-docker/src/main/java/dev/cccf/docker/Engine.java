package dev.cccf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.docker.internal.DockerJavaEngine;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What cccf needs from one Docker engine, in the Engine API's own JSON (the bodies of
 * {@code GET /containers/json}, {@code GET /containers/ID/json} and {@code GET /images/ID/json}),
 * so that the conversion to cccf ({@link DockerState}) is pure and testable on recorded JSON.
 * {@link #connect} gives the docker-java implementation.
 */
public interface Engine extends AutoCloseable {

    /** The engine's address, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.2:2375}. */
    String url();

    /** The containers, running ones only unless {@code all}: the summaries of {@code GET /containers/json}. */
    List<JsonNode> list(boolean all);

    /**
     * The containers carrying label {@code key} with {@code value}, stopped ones too: {@code GET
     * /containers/json?all=1&filters={"label":["KEY=VALUE"]}}, so that the engine, not the client,
     * passes over every other container. This default filters {@link #list(boolean) list(true)}.
     */
    default List<JsonNode> listLabelled(String key, String value) {
        return list(true).stream().filter(s -> value.equals(s.path("Labels").path(key).textValue())).toList();
    }

    /**
     * The containers called one of {@code names} (without the leading {@code /}), stopped ones
     * too: {@code GET /containers/json?all=1&filters={"name":["^/NAME$", ...]}}. This default
     * filters {@link #list(boolean) list(true)}.
     */
    default List<JsonNode> listNamed(Collection<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return list(true).stream().filter(s -> {
            for (JsonNode n : s.path("Names")) {
                if (wanted.contains(n.asText().replaceFirst("^/", ""))) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    /**
     * How many containers the engine holds, stopped ones too: the {@code Containers} of {@code GET
     * /info}, so that apply counts the containers it leaves alone without reading them. This
     * default counts {@link #list(boolean) list(true)}.
     */
    default int containerCount() {
        return list(true).size();
    }

    /** The full description of one container, or empty when it is gone. */
    Optional<JsonNode> inspect(String id);

    /** The description of one image (by id or reference), or empty when the engine does not have it. */
    Optional<JsonNode> inspectImage(String ref);

    /**
     * Pulls an image ({@code POST /images/create}) with {@code auth} as its {@code X-Registry-Auth}
     * header (null: none; {@link RegistryAuth} makes it), telling {@code progress} each status the
     * engine streams ({@code "Downloading 1.2MB/3.4MB"}, {@code "Pull complete"} ...). An image
     * named without tag or digest is its {@code latest}, as for the docker CLI.
     *
     * @throws EngineException with the reason the engine or the registry gave (unknown image,
     *         credentials refused, registry unreachable ...)
     */
    void pull(String image, String auth, Consumer<String> progress);

    /**
     * Creates a container called {@code name} from the body of {@code POST /containers/create}.
     * Never pulls ({@link #pull} does, {@link PreFlight} before any step): a missing image is an
     * {@link EngineException}, and a name already taken an {@link EngineException#conflict}.
     */
    void create(String name, JsonNode body);

    /** Starts a container (one already running is left as it is). */
    void start(String name);

    /**
     * Stops a container, killing it after {@code timeoutSeconds} (one already stopped is left as it
     * is); a refusal because of the container's state (409) is an {@link EngineException#conflict}.
     */
    void stop(String name, int timeoutSeconds);

    /**
     * Removes a stopped container (and kills it first if it still runs) with its anonymous
     * volumes ({@code volumes: ["/path"]}: no other container can use them, and a replacement gets
     * its own); named volumes stay. A missing container is no error; one whose removal is already
     * in progress is an {@link EngineException#conflict}.
     */
    void remove(String name);

    /**
     * Removes a named volume ({@code DELETE /volumes/NAME}); a missing one is no error, one that a
     * container still uses is an {@link EngineException#conflict}.
     */
    void removeVolume(String name);
    /** Renames a container (running or not); a name already taken is an {@link EngineException#conflict}. */
    void rename(String name, String newName);

    /** The last {@code lines} lines of a container's output (stdout and stderr, in order), empty when it is gone. */
    List<String> logs(String name, int lines);

    /** The networks: the bodies of {@code GET /networks}. */
    List<JsonNode> networks();

    /**
     * The networks labelled as {@code project}'s ({@value CccfLabels#PROJECT}): {@code GET
     * /networks?filters={"label":["dev.cccf.project=PROJECT"]}}, so that the engine passes over
     * the others (most engines hold only their default networks). This default filters {@link
     * #networks()}.
     */
    default List<JsonNode> networksOf(String project) {
        return networks().stream().filter(n -> project.equals(n.path("Labels").path(CccfLabels.PROJECT).textValue())).toList();
    }

    /**
     * Creates a network from the body of {@code POST /networks/create}; one of that name already
     * there is an {@link EngineException#conflict}.
     */
    void createNetwork(JsonNode body);

    /**
     * Joins a container to a network ({@code POST /networks/NAME/connect}) with {@code endpoint} as
     * its {@code EndpointConfig} ({@code Aliases}, {@code IPAMConfig}): how a container created on
     * one network joins the others before it starts (engines before API 1.44 refuse a create on
     * several).
     */
    void connectNetwork(String network, String container, JsonNode endpoint);

    /**
     * Takes a container off a network ({@code POST /networks/NAME/disconnect}): docker's DNS on that
     * network no longer answers its name or aliases with its address, and its connections there end.
     */
    void disconnectNetwork(String network, String container);

    /** Removes a network; a missing one is no error, one a container still uses a {@link EngineException#conflict}. */
    void removeNetwork(String name);

    /** The named volumes: the {@code Volumes} of {@code GET /volumes}. */
    List<JsonNode> volumes();

    /**
     * The named volumes carrying label {@code key} with {@code value}: {@code GET
     * /volumes?filters={"label":["KEY=VALUE"]}}. This default filters {@link #volumes()}.
     */
    default List<JsonNode> volumesLabelled(String key, String value) {
        return volumes().stream().filter(v -> value.equals(v.path("Labels").path(key).textValue())).toList();
    }

    /** Creates a named volume from the body of {@code POST /volumes/create} (one of that name already there is kept). */
    void createVolume(JsonNode body);

    @Override
    void close();

    /** An engine reached through docker-java with cccf's own transport (unix:// or tcp:// without TLS). */
    static Engine connect(String url) {
        return new DockerJavaEngine(url);
    }

    /**
     * An engine reached through docker-java with cccf's own transport, with TLS when the endpoint
     * has it ({@link Endpoints} resolves endpoints as the docker CLI does); the API version is
     * agreed with the engine at the first call.
     */
    static Engine connect(Endpoint endpoint) {
        return new DockerJavaEngine(endpoint);
    }

    /** The engine could not be reached, or answered with an error; the message names no engine (callers do). */
    final class EngineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean conflict;

        public EngineException(String message, Throwable cause) {
            super(message, cause);
            this.conflict = false;
        }

        public EngineException(String message) {
            this(message, false);
        }

        private EngineException(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        /**
         * The engine refused because of the container's state (409 Conflict): its name is taken,
         * or its removal is already in progress. Apply then looks at the container: another apply
         * may be doing the same step.
         */
        public static EngineException conflict(String message) {
            return new EngineException(message, true);
        }

        /** True for a {@link #conflict}. */
        public boolean isConflict() {
            return conflict;
        }
    }
}
