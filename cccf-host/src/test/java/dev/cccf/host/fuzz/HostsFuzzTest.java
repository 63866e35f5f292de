package dev.cccf.host.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import dev.cccf.core.hosts.Host;
import dev.cccf.core.hosts.Hosts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/** Any bytes either read as a hosts file (ids unique and valid) or fail with located problems; nothing else. */
class HostsFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void readsAnyHostsFileOrReportsLocatedProblems(byte[] input) throws IOException {
        List<Host> hosts;
        try {
            hosts = Hosts.read(new ByteArrayInputStream(input), "fuzz");
        } catch (InvalidDocumentException e) {
            for (Problem p : e.problems()) {
                assertThat(p.location().line()).isPositive();
                assertThat(p.path()).startsWith("$");
                assertThat(p.message()).isNotBlank();
            }
            return;
        }
        assertThat(hosts).isNotEmpty();
        assertThat(hosts).extracting(Host::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[A-Za-z0-9_-]+"));
    }
}
