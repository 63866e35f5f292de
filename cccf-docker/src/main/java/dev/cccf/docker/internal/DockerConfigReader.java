package dev.cccf.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerConfigFile;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What docker-java reads of the docker CLI's configuration folder ({@link DockerConfigFile},
 * {@link DefaultDockerClientConfig}'s context reading), for {@link dev.cccf.docker.Endpoints},
 * which checks what docker-java lets pass.
 */
public final class DockerConfigReader {
    private DockerConfigReader() {
    }

    /** A context as docker-java reads it: its address, and its TLS folder (null when it has none). */
    public record Context(String url, Path tlsFolder) {
    }

    /** Credentials {@code config.json} holds itself: a user and password, or an identity token (the others null). */
    public record StoredAuth(String username, String password, String identityToken) {
    }

    /**
     * What {@code config.json}'s {@code auths} holds for the registry {@code key} (docker-java
     * decodes {@code auth}, base64 of USER:PASSWORD, and matches {@code https://host/v1/} forms
     * of the key), or null when it holds nothing usable for it.
     */
    public static StoredAuth auth(Path configDir, String key) throws IOException {
        AuthConfig a = DockerConfigFile.loadConfig(DockerClientConfig.getDefaultObjectMapper(), configDir.toString())
                .resolveAuthConfig(key);
        if (a == null) {
            return null;
        }
        if (a.getIdentitytoken() != null && !a.getIdentitytoken().isEmpty()) {
            return new StoredAuth(null, null, a.getIdentitytoken());
        }
        return a.getUsername() == null || a.getUsername().isEmpty() ? null : new StoredAuth(a.getUsername(), a.getPassword(), null);
    }

    /** The {@code currentContext} of {@code config.json} in {@code configDir}, or null. */
    public static String currentContext(Path configDir) throws IOException {
        return DockerConfigFile.loadConfig(DockerClientConfig.getDefaultObjectMapper(), configDir.toString()).getCurrentContext();
    }

    /** The JSON of a context's meta.json (for the fields docker-java does not give out). */
    public static JsonNode readJson(Path file) throws IOException {
        return DockerClientConfig.getDefaultObjectMapper().readTree(file.toFile());
    }

    /**
     * The address and TLS folder docker-java gives the context {@code name} (which must exist:
     * for an unknown one docker-java falls back to the local socket).
     *
     * @throws IllegalArgumentException what docker-java refused, with its message
     */
    public static Context context(Path configDir, String name) {
        DefaultDockerClientConfig resolved;
        try {
            resolved = new DefaultDockerClientConfig.Builder()
                    .withDockerConfig(configDir.toString())
                    .withDockerContext(name)
                    .withDockerTlsVerify(false)
                    .build();
        } catch (DockerClientException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Path tls = resolved.getSSLConfig() instanceof LocalDirectorySSLConfig local ? Path.of(local.getDockerCertPath()) : null;
        return new Context(resolved.getDockerHost() == null ? null : resolved.getDockerHost().toString(), tls);
    }
}
