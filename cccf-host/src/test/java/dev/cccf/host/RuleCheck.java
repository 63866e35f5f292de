package dev.cccf.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Container;
import dev.cccf.core.hosts.Host;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An independent check of the placement rules on one host, written plainly for tests. */
final class RuleCheck {
    private RuleCheck() {
    }

    static void assertHostKeepsRules(Host h, List<Container> on) {
        assertThat(broken(h, on)).as("rules broken on %s", h.id()).isEmpty();
    }

    /** Every rule that the containers {@code on} break together on {@code h}; empty when none. */
    static List<String> broken(Host h, List<Container> on) {
        List<String> broken = new ArrayList<>();
        long memory = 0;
        double cpus = 0;
        Set<String> ports = new HashSet<>();
        for (Container c : on) {
            memory += c.extension("memory").map(RuleCheck::bytes).orElse(0L);
            cpus += c.extension("cpus").map(JsonNode::asDouble).orElse(0.0);
            c.extension("constraints").ifPresent(want -> want.properties().forEach(e -> {
                if (!e.getValue().asText().equals(h.labels().get(e.getKey()))) {
                    broken.add("label " + e.getKey() + " of " + h.id() + " for " + c.id());
                }
            }));
            for (String p : c.ports()) {
                String key = p.substring(0, p.indexOf(':')) + (p.endsWith("/udp") ? "/udp" : "/tcp");
                if (!ports.add(key)) {
                    broken.add("host port " + key + " twice (" + c.id() + ")");
                }
            }
            for (Container other : on) {
                if (other != c && conflicts(c, other)) {
                    broken.add(c.id() + " conflicts with " + other.id());
                }
            }
        }
        if (h.memory() != null && memory > h.memory()) {
            broken.add("memory " + memory + " over " + h.memory());
        }
        if (h.cpus() != null && cpus > h.cpus() + 1e-9) {
            broken.add("cpus " + cpus + " over " + h.cpus());
        }
        return broken;
    }

    /** Bytes of a memory value as the tests write them: a whole number of bytes, or digits and k, m or g. */
    static long bytes(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        String s = v.asText().toLowerCase(Locale.ROOT);
        int power = "kmg".indexOf(s.charAt(s.length() - 1)) + 1;
        String digits = power == 0 ? s : s.substring(0, s.length() - 1);
        return new BigDecimal(digits).multiply(BigDecimal.valueOf(1024).pow(power)).longValueExact();
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
