package dev.cccf.instructions;

import java.util.Locale;

/** What the instructions are for. */
public enum Target {
    /** {@code docker run / start / stop / kill / rm} commands (the default). */
    DOCKER,
    /** {@code docker service create / update / rm} commands for a swarm manager. */
    SWARM,
    /** One compose document per host. */
    COMPOSE,
    /** One systemd unit per container, with fleet's {@code [X-Fleet]} section. */
    SYSTEMD;

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Target of(String name) {
        for (Target t : values()) {
            if (t.cliName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target " + name);
    }
}
