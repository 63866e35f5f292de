package dev.cccf.host;

import java.util.Locale;

/** How {@link Placement} chooses among the hosts that can take a container. */
public sealed interface Strategy {

    /** The least busy host by container count; among equals, the one with fewest replicas of the service; then hosts-file order. */
    record Spread() implements Strategy {
    }

    /** The fullest host (declared memory and cpus against capacity) that still fits; then the one with most containers. */
    record Binpack() implements Strategy {
    }

    /** The next host in hosts-file order after the one chosen last, skipping those that cannot take the container. */
    record RoundRobin() implements Strategy {
    }

    /** A pseudo-random host from a seed: the same seed gives the same placement. */
    record Random(long seed) implements Strategy {
    }

    static Strategy spread() {
        return new Spread();
    }

    static Strategy binpack() {
        return new Binpack();
    }

    static Strategy roundRobin() {
        return new RoundRobin();
    }

    static Strategy random(long seed) {
        return new Random(seed);
    }

    /** {@code spread}, {@code binpack}, {@code round-robin} or {@code random} (which takes {@code seed}). */
    static Strategy named(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "spread" -> spread();
            case "binpack" -> binpack();
            case "round-robin", "roundrobin" -> roundRobin();
            case "random" -> random(seed);
            default -> throw new IllegalArgumentException("unknown strategy " + dev.cccf.core.Rules.quote(name)
                    + "; use spread, binpack, round-robin or random");
        };
    }

    /** The name users type. */
    default String label() {
        if (this instanceof Spread) {
            return "spread";
        }
        if (this instanceof Binpack) {
            return "binpack";
        }
        return this instanceof RoundRobin ? "round-robin" : "random";
    }
}
