package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An independent check of the placement rules on one host, written plainly for tests. */
final class RuleCheck {
    private RuleCheck() {
    }

    static void assertHostKeepsRules(Host h, List<Container> on) {
        long memory = 0;
        double cpus = 0;
        Set<String> ports = new HashSet<>();
        for (Container c : on) {
            memory += c.extension("memory").map(v -> PlacementFields.memoryOf(v)).orElse(0L);
            cpus += c.extension("cpus").map(JsonNode::asDouble).orElse(0.0);
            c.extension("constraints").ifPresent(want -> want.fields().forEachRemaining(e ->
                    assertThat(h.labels().get(e.getKey())).as("label %s of %s for %s", e.getKey(), h.id(), c.id())
                            .isEqualTo(e.getValue().asText())));
            for (String p : c.ports()) {
                String key = p.substring(0, p.indexOf(':')) + (p.endsWith("/udp") ? "/udp" : "/tcp");
                assertThat(ports.add(key)).as("host port %s on %s (%s)", key, h.id(), c.id()).isTrue();
            }
            for (Container other : on) {
                if (other != c) {
                    assertThat(conflicts(c, other)).as("%s and %s on %s", c.id(), other.id(), h.id()).isFalse();
                }
            }
        }
        if (h.memory() != null) {
            assertThat(memory).as("memory on %s", h.id()).isLessThanOrEqualTo(h.memory());
        }
        if (h.cpus() != null) {
            assertThat(cpus).as("cpus on %s", h.id()).isLessThanOrEqualTo(h.cpus() + 1e-9);
        }
    }

    private static boolean conflicts(Container c, Container other) {
        return c.extension("conflicts").map(globs -> {
            for (JsonNode g : globs) {
                String regex = g.asText().replace("*", ".*").replace("?", ".");
                if (other.name().matches(regex)) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }
}
