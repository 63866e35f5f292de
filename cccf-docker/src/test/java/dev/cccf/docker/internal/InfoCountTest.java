package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link DockerJavaEngine#containersField}: the count of {@code GET /info}, read without the rest of the body. */
class InfoCountTest {

    private static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCountIsTheTopLevelContainersFieldWhereverItStands() throws IOException {
        assertThat(DockerJavaEngine.containersField(body("{\"ID\":\"X:Y\",\"Containers\":30,\"ContainersRunning\":29}"))).isEqualTo(30);
        // fields before it, with objects and arrays that hold a "Containers" of their own, are passed over
        assertThat(DockerJavaEngine.containersField(body("""
                {"Plugins": {"Containers": 7, "Volume": ["local"]}, "DriverStatus": [["Containers", "1"]],
                 "Swarm": {"Nodes": 2}, "Containers": 4}"""))).isEqualTo(4);
    }

    @Test
    void theRestOfTheBodyIsNotReadNorNeedsToBeValid() throws IOException {
        assertThat(DockerJavaEngine.containersField(body("{\"Containers\":2,\"Images\": this is not JSON"))).isEqualTo(2);
    }

    @Test
    void aBodyWithoutACountIsAnErrorNotZero() {
        assertThatThrownBy(() -> DockerJavaEngine.containersField(body("{\"ID\":\"X\",\"Images\":3}")))
                .isInstanceOf(IOException.class).hasMessageContaining("no Containers count");
        assertThatThrownBy(() -> DockerJavaEngine.containersField(body("{\"Containers\":\"many\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("no Containers count");
        assertThatThrownBy(() -> DockerJavaEngine.containersField(body("[1, 2]")))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
    }
}
