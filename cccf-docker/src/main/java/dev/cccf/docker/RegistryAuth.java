package dev.cccf.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.DocumentParser;
import dev.cccf.docker.internal.DockerConfigReader;
import dev.cccf.docker.internal.ImageName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Registry credentials as the docker CLI finds them in {@code $DOCKER_CONFIG/config.json}
 * ({@code DOCKER_CONFIG} defaults to {@code ~/.docker}), for the {@code X-Registry-Auth} header of
 * a pull: the helper {@code credHelpers} names for the registry, else the {@code credsStore}
 * helper, else (or when the helper has nothing for it) {@code auths} (base64 {@code USER:PASSWORD}
 * or an identity token; docker-java's {@code DockerConfigFile} reads them). A helper is the
 * program {@code docker-credential-NAME} on {@code PATH}, run with {@code get} and the registry on
 * its stdin, as the docker CLI runs it (no shell).
 *
 * <p>Nothing is read before the first pull asks, and each registry is looked up once.
 */
public final class RegistryAuth {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long HELPER_SECONDS = 60;

    private final Map<String, String> env;
    private final Map<String, Credentials> known = new ConcurrentHashMap<>();

    private RegistryAuth(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The credentials of the docker CLI's configuration in {@code env} ({@code DOCKER_CONFIG}, {@code HOME}, {@code PATH}). */
    public static RegistryAuth fromEnvironment(Map<String, String> env) {
        return new RegistryAuth(env);
    }

    /** The credentials config could not give (a helper failed, config.json unreadable). */
    public static final class AuthException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuthException(String message) {
            super(message);
        }
    }

    /**
     * What a pull from one registry sends.
     *
     * @param registry the registry's host[:port] ({@code docker.io} for Docker Hub)
     * @param header the {@code X-Registry-Auth} value, or null when the configuration has nothing for it
     * @param from where the credentials came from, for messages ({@code docker-credential-pass},
     *     {@code auths of ~/.docker/config.json}), or null with none
     */
    public record Credentials(String registry, String header, String from) {
    }

    /** The registry of an image ({@code docker.io} for Docker Hub's). */
    public static String registryOf(String image) {
        return ImageName.of(image).registry();
    }

    /**
     * The credentials for pulling {@code image}.
     *
     * @throws AuthException when config.json cannot be read or its helper fails
     */
    public Credentials forImage(String image) {
        ImageName name = ImageName.of(image);
        return known.computeIfAbsent(name.authKey(), key -> lookUp(name.registry(), key));
    }

    private Credentials lookUp(String registry, String key) {
        Path dir = Endpoints.configDir(env);
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return new Credentials(registry, null, null);
        }
        JsonNode config;
        try {
            config = DockerConfigReader.readJson(file);
        } catch (IOException e) {
            throw new AuthException("cannot read " + file + ": " + e.getMessage());
        }
        String helper = config.path("credHelpers").path(registry).asText(config.path("credHelpers").path(key).asText(""));
        if (helper.isEmpty()) {
            helper = config.path("credsStore").asText("");
        }
        if (!helper.isEmpty()) {
            Credentials fromHelper = helper(helper, registry, key);
            if (fromHelper != null) {
                return fromHelper;
            }
        }
        DockerConfigReader.StoredAuth stored;
        try {
            stored = DockerConfigReader.auth(dir, key);
        } catch (IOException | RuntimeException e) {
            throw new AuthException("cannot read the auths of " + file + ": " + e.getMessage());
        }
        if (stored == null) {
            return new Credentials(registry, null, null);
        }
        return new Credentials(registry, header(stored.username(), stored.password(), stored.identityToken(), key),
                "the auths of " + file);
    }

    /** What {@code docker-credential-NAME get} answers for {@code key}; null when it has nothing for it. */
    private Credentials helper(String name, String registry, String key) {
        String program = "docker-credential-" + name;
        Path found = onPath(program);
        if (found == null) {
            throw new AuthException(program + " (the credential helper config.json names for " + registry
                    + ") is not on the PATH");
        }
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(found.toString(), "get"));
            if (env.containsKey("PATH")) {
                pb.environment().put("PATH", env.get("PATH"));
            }
            pb.redirectErrorStream(true);
            p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(key.getBytes(StandardCharsets.UTF_8));
            }
            Process running = p;
            // read beside the wait, so that a helper that hangs with its stdout open is still stopped in time
            CompletableFuture<byte[]> answered = CompletableFuture.supplyAsync(() -> {
                try (InputStream answer = running.getInputStream()) {
                    return answer.readNBytes(64 * 1024);
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(HELPER_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AuthException(program + " get did not answer within " + HELPER_SECONDS + " s");
            }
            byte[] out = answered.join();
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                if (text.contains("credentials not found")) {
                    return null;
                }
                throw new AuthException(program + " get failed for " + registry + " (exit " + p.exitValue() + "): "
                        + (text.length() <= 200 ? text : text.substring(0, 200) + "..."));
            }
            JsonNode answer;
            try (JsonParser parser = JSON.createParser(out)) {
                parser.nextToken();
                answer = DocumentParser.readTree(parser);
            } catch (IOException | RuntimeException e) {
                throw new AuthException(program + " get answered what is not JSON for " + registry);
            }
            String user = answer.path("Username").asText("");
            String secret = answer.path("Secret").asText("");
            if (secret.isEmpty()) {
                return null;
            }
            // the docker CLI's convention: a user "<token>" means the secret is an identity token
            boolean token = user.equals("<token>");
            return new Credentials(registry, header(token ? null : user, token ? null : secret, token ? secret : null, key), program);
        } catch (IOException e) {
            throw new AuthException("cannot run " + program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(program + " get was interrupted");
        }
    }

    private Path onPath(String program) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        List<Path> dirs = new ArrayList<>();
        for (String d : path.split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        for (Path d : dirs) {
            Path f = d.resolve(program);
            if (Files.isRegularFile(f) && Files.isExecutable(f)) {
                return f;
            }
        }
        return null;
    }

    /** The {@code X-Registry-Auth} value: base64url of the JSON the Engine API reads. */
    static String header(String username, String password, String identityToken, String serverAddress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (identityToken != null) {
                g.writeStringField("identitytoken", identityToken);
            } else {
                g.writeStringField("username", username);
                g.writeStringField("password", password == null ? "" : password);
            }
            g.writeStringField("serveraddress", serverAddress);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return Base64.getUrlEncoder().encodeToString(out.toByteArray());
    }
}
