package dev.cccf.docker.internal;

import java.util.Locale;

/**
 * An image reference split as the docker CLI splits it: {@code [REGISTRY/]PATH[:TAG][@DIGEST]}.
 * The first part of the path is a registry when it holds a {@code .} or a {@code :} or is
 * {@code localhost}; otherwise the image is Docker Hub's ({@code docker.io}).
 *
 * @param registry the registry's host[:port], {@code docker.io} for Docker Hub
 * @param repository the reference without tag and digest, as given ({@code busybox},
 *     {@code localhost:5000/team/app})
 * @param tag the tag; {@code latest} when neither tag nor digest is given; null with a digest alone
 * @param digest the digest ({@code sha256:...}), or null
 */
public record ImageName(String registry, String repository, String tag, String digest) {
    /** Docker Hub, as image references name it. */
    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's key in {@code config.json} and for credential helpers, as the docker CLI writes it. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    public static ImageName of(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        boolean named = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String registry = named ? first.toLowerCase(Locale.ROOT) : DOCKER_HUB;
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        return new ImageName(registry, rest, tag, digest);
    }

    /** The registry's key in {@code config.json}'s {@code auths} and for credential helpers. */
    public String authKey() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_KEY : registry;
    }
}
