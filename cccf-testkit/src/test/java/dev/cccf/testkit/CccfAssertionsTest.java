package dev.cccf.testkit;

import static dev.cccf.testkit.CccfAssertions.assertThat;
import static dev.cccf.testkit.CccfAssertions.assertThatContainers;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

class CccfAssertionsTest {

    @Test
    void passesOnMatchingContainers() {
        Container c = Container.builder("web", "nginx").ports("80:80").env("A=1").host("h1").scale(2).build()
                .withExtension("cpus", JsonNodeFactory.instance.numberNode(2.0));
        assertThat(c).hasId("web").hasImage("nginx").hasPort("80:80").hasEnv("A=1").hasHost("h1").hasScale(2)
                .hasExtension("cpus", JsonNodeFactory.instance.numberNode(2));
    }

    @Test
    void failsWithAMessageNamingTheContainer() {
        Container c = Container.of("web", "nginx");
        assertThatThrownBy(() -> assertThat(c).hasImage("httpd"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<web>").hasMessageContaining("httpd");
        assertThatThrownBy(() -> assertThat(c).hasHost("h1")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(c).hasEnv("A=1")).isInstanceOf(AssertionError.class);
    }

    @Test
    void comparesConfigsStructurally() {
        Container a = Cccf.parse("{\"id\":\"a\",\"image\":\"x\",\"p\":{\"y\":1,\"z\":2}}").containers().get(0);
        Container b = Cccf.parse("{\"p\":{\"z\":2,\"y\":1},\"image\":\"x\",\"id\":\"a\"}").containers().get(0);
        assertThat(a).isSameConfigAs(b);
        assertThatThrownBy(() -> assertThat(a).isSameConfigAs(b.withImage("y"))).isInstanceOf(AssertionError.class);
        assertThatContainers(List.of(a, Container.of("b", "y"))).areSameConfigsAs(List.of(Container.of("b", "y"), b));
    }

    @Test
    void checksListsOfContainers() {
        List<Container> list = List.of(Container.of("a", "x").withHost("h"), Container.of("/a", "y"));
        assertThatContainers(list).haveIds("/a", "a");
        assertThatThrownBy(() -> assertThatContainers(list).haveUniqueIds()).hasMessageContaining("/a");
        assertThatThrownBy(() -> assertThatContainers(list).areAllPlaced()).hasMessageContaining("/a");
    }

    @Test
    void shipsTheSamples() {
        assertThat(Samples.example()).hasId("app").hasImage("megacorp/webapp");
        assertThatContainers(Samples.exampleMultiple()).haveIds("app1", "app2");
        assertThatContainers(Samples.webApp()).haveIds("proxy", "web", "worker", "db", "cache").haveUniqueIds();
        assertThatContainers(Samples.webAppCurrent()).haveIds("db", "web", "legacy-cron");
        org.assertj.core.api.Assertions.assertThat(Samples.hostsJson()).contains("node-a", "node-b", "node-c");
    }
}
