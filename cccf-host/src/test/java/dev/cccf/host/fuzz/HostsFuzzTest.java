package dev.cccf.host.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any bytes either read as a hosts file (ids unique and valid), which then reads back the same
 * from the JSON of what was read, or fail with at least one located problem (line, column, path,
 * a message without raw control characters); nothing else.
 */
class HostsFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "20s")
    void readsAnyHostsFileOrReportsLocatedProblems(byte[] input) throws IOException {
        List<Host> hosts;
        try {
            hosts = Hosts.read(new ByteArrayInputStream(input), "fuzz");
        } catch (InvalidDocumentException e) {
            assertThat(e.problems()).as("an invalid hosts file says why").isNotEmpty();
            for (Problem p : e.problems()) {
                assertThat(p.location().orElseThrow().line()).isPositive();
                assertThat(p.location().orElseThrow().column()).isPositive();
                assertThat(p.path()).startsWith("$");
                assertThat(p.message()).isNotBlank();
                // messages go to terminals: no control character of the input comes through raw
                assertThat(p.message()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]");
            }
            return;
        }
        assertThat(hosts).isNotEmpty();
        assertThat(hosts).extracting(Host::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[A-Za-z0-9_-]+"));
        assertThat(Hosts.read(new ByteArrayInputStream(json(hosts)), "again")).isEqualTo(hosts);
    }

    /** The hosts as a hosts file: memory in bytes, the other fields as they are. */
    private static byte[] json(List<Host> hosts) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        for (Host h : hosts) {
            ObjectNode o = out.addObject().put("id", h.id());
            if (h.docker() != null) {
                o.put("docker", h.docker());
            }
            if (!h.labels().isEmpty()) {
                ObjectNode labels = o.putObject("labels");
                h.labels().forEach(labels::put);
            }
            if (h.memory() != null) {
                o.put("memory", h.memory());
            }
            if (h.cpus() != null) {
                o.put("cpus", h.cpus());
            }
        }
        return JSON.writeValueAsString(out).getBytes(StandardCharsets.UTF_8);
    }
}
