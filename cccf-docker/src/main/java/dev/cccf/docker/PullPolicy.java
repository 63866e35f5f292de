package dev.cccf.docker;

import dev.cccf.core.Container;
import java.util.Locale;

/**
 * When {@code cccf apply} pulls a container's image: {@code apply --pull} for every container,
 * and a container's own {@code pull_policy} before it (compose's words and default).
 */
public enum PullPolicy {
    /** Pull when the engine lacks the image (the default, as compose). */
    MISSING,
    /** Pull every time, once per engine and apply. */
    ALWAYS,
    /** Never pull: an image the engine lacks fails the container. */
    NEVER;

    /** The policy of a word ({@code missing}, {@code always}, {@code never}). */
    public static PullPolicy of(String word) {
        for (PullPolicy p : values()) {
            if (p.word().equals(word)) {
                return p;
            }
        }
        throw new IllegalArgumentException("the pull policy must be missing, always or never, not \"" + word + "\"");
    }

    /** The container's {@code pull_policy}, else {@code fallback}. */
    public static PullPolicy of(Container c, PullPolicy fallback) {
        return c.extension(DockerFields.PULL_POLICY).map(v -> of(v.asText())).orElse(fallback);
    }

    /** The policy's word, as {@code --pull} and {@code pull_policy} take it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
