package dev.cccf.testkit;

import dev.cccf.core.Container;
import java.util.List;

/** Entry point: {@code import static dev.cccf.testkit.CccfAssertions.assertThat;}. */
public final class CccfAssertions {
    private CccfAssertions() {
    }

    public static ContainerAssert assertThat(Container actual) {
        return new ContainerAssert(actual);
    }

    public static ContainersAssert assertThatContainers(List<Container> actual) {
        return new ContainersAssert(actual);
    }
}
