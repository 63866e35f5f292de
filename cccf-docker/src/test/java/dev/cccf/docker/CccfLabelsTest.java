package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CccfLabelsTest {
    private static final Container WEB = Cccf.parse("""
            {"id": "web_2", "image": "nginx:1.27", "cmd": "nginx -g 'daemon off;'", "ports": ["8080:80"],
             "env": ["A=1"], "host": "h1", "scale": 2, "restart": "always", "labels": {"team": "a"}, "x-owner": {"n": [1, 2.50]}}
            """).containers().get(0);

    @Test
    void theLabelsGiveBackTheContainerWithoutHostAndScaleAndWithItsUnknownFields() {
        Map<String, String> labels = CccfLabels.labelsFor(WEB);

        assertThat(CccfLabels.containerFrom(labels)).contains(WEB.withHost(null).withScale(null));
        assertThat(labels).containsKeys("dev.cccf.config", "dev.cccf.hash", "dev.cccf.version",
                "dev.cccf.hash.image", "dev.cccf.hash.cmd", "dev.cccf.hash.env", "dev.cccf.hash.ports",
                "dev.cccf.hash.volumes", "dev.cccf.hash.expose", "dev.cccf.hash.links", "dev.cccf.hash.docker");
        assertThat(labels.keySet()).allMatch(CccfLabels::isCccfLabel);
    }

    @Test
    void theConfigIsCanonicalSoFieldOrderDoesNotMatter() {
        Container reordered = Cccf.parse("""
                {"x-owner": {"n": [1, 2.50]}, "labels": {"team": "a"}, "restart": "always", "env": ["A=1"], "ports": ["8080:80"],
                 "cmd": "nginx -g 'daemon off;'", "image": "nginx:1.27", "id": "web_2"}
                """).containers().get(0);

        assertThat(CccfLabels.labelsFor(reordered)).isEqualTo(CccfLabels.labelsFor(WEB));
    }

    @Test
    void onlyTheHashOfTheChangedGroupChanges() {
        Map<String, String> before = CccfLabels.hashes(WEB);
        Map<String, String> after = CccfLabels.hashes(WEB.withEnv(java.util.List.of("A=2")));

        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((group, hash) -> {
            if (group.equals("env")) {
                assertThat(after.get(group)).isNotEqualTo(hash);
            } else {
                assertThat(after.get(group)).isEqualTo(hash);
            }
        });
        assertThat(CccfLabels.hashes(WEB.withExtension("restart", com.fasterxml.jackson.databind.node.TextNode.valueOf("no"))))
                .extractingByKey("docker").isNotEqualTo(before.get("docker"));
    }

    @Test
    void anAlteredConfigIsNotBelieved() {
        Map<String, String> labels = new HashMap<>(CccfLabels.labelsFor(WEB));
        labels.put("dev.cccf.config", labels.get("dev.cccf.config").replace("nginx:1.27", "nginx:evil"));

        assertThat(CccfLabels.containerFrom(labels)).isEmpty();
    }

    @Test
    void containersWithoutTheLabelsAreNotRecorded() {
        assertThat(CccfLabels.containerFrom(Map.of("team", "a"))).isEmpty();
        assertThat(CccfLabels.containerFrom(Map.of("dev.cccf.config", "{}", "dev.cccf.version", "1",
                "dev.cccf.hash", CccfLabels.sha256("{}")))).isEmpty();
    }
}
