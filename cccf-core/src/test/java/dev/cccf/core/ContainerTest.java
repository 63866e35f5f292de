package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerTest {

    @Test
    void withMethodsReturnNewValuesAndLeaveTheOriginalAlone() {
        Container a = Container.builder("web", "nginx:1").ports("80:80").build();
        Container b = a.withImage("nginx:2");
        assertThat(a.image()).isEqualTo("nginx:1");
        assertThat(b.image()).isEqualTo("nginx:2");
        assertThat(b.ports()).isEqualTo(a.ports());
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<String> env = new ArrayList<>(List.of("A=1"));
        Container c = Container.builder("a", "b").env(env).build();
        env.add("B=2");
        assertThat(c.env()).containsExactly("A=1");
        assertThatThrownBy(() -> c.env().add("C=3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void extensionValuesAreCopiedSoMutatingTheSourceChangesNothing() {
        ObjectNode labels = JsonNodeFactory.instance.objectNode().put("tier", "web");
        Container c = Container.of("a", "b").withExtension("labels", labels);
        labels.put("tier", "db");
        assertThat(c.extension("labels").orElseThrow().get("tier").asText()).isEqualTo("web");
        assertThatThrownBy(() -> c.extensions().remove("labels")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void extensionsKeepTheirPlaceWhenReplaced() {
        Container c = Container.of("a", "b")
                .withExtension("x", JsonNodeFactory.instance.numberNode(1))
                .withExtension("y", JsonNodeFactory.instance.numberNode(2))
                .withExtension("x", JsonNodeFactory.instance.numberNode(3));
        assertThat(c.extensions().keySet()).containsExactly("x", "y");
        assertThat(c.withoutExtension("x").extensions().keySet()).containsExactly("y");
    }

    @Test
    void aCoreFieldCannotBeAnExtension() {
        assertThatThrownBy(() -> Container.of("a", "b").withExtension("image", JsonNodeFactory.instance.textNode("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameDropsDockersLeadingSlash() {
        assertThat(Container.of("/web", "x").name()).isEqualTo("web");
        assertThat(Container.of("web", "x").name()).isEqualTo("web");
    }
}
