package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the entry point does to the process before any tool runs. */
class DockerMainTest {

    @Test
    void onlyASelectorProviderTheJdkCanMakeIsNamed() {
        assertThat(DockerMain.canBeNamed("sun.nio.ch.EPollSelectorProvider"))
                .isEqualTo(System.getProperty("os.name").equals("Linux"));
        assertThat(DockerMain.canBeNamed("sun.nio.ch.SelectorProviderImpl")).as("abstract").isFalse();
        assertThat(DockerMain.canBeNamed("java.lang.String")).as("not a provider").isFalse();
        assertThat(DockerMain.canBeNamed("sun.nio.ch.NoSuchSelectorProvider")).isFalse();
    }
}
