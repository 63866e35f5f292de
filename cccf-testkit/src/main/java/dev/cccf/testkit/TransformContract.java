package dev.cccf.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every cccf transform keeps, as a test to extend (like a transport TCK): inputs are
 * never changed, fields the transform does not know survive, empty input is handled, and the
 * same input gives the same output. Subclasses say how to run their transform on a list.
 *
 * <pre>{@code
 * class ScaleContractTest extends TransformContract {
 *     protected List<Container> transform(List<Container> in) { return Scale.up(in); }
 * }
 * }</pre>
 */
public abstract class TransformContract {

    /** Runs the transform under test on {@code input} and returns the containers it produces. */
    protected abstract List<Container> transform(List<Container> input);

    /** The inputs the contract is checked on; override to add shapes your transform needs. */
    protected List<Container> sample() {
        ObjectNode labels = JsonNodeFactory.instance.objectNode().put("team", "shop");
        labels.putArray("notes").add("kept").add(1);
        List<Container> sample = new ArrayList<>(Cccf.random(8, 7));
        sample.set(0, sample.get(0).withExtension("labels", labels)
                .withExtension("x-custom", JsonNodeFactory.instance.textNode("value")));
        sample.set(1, sample.get(1).withScale(3).withExtension("x-order", JsonNodeFactory.instance.numberNode(1)));
        return List.copyOf(sample);
    }

    @Test
    void leavesItsInputUnchanged() {
        List<Container> input = sample();
        List<String> before = input.stream().map(Cccf::canonical).toList();
        transform(input);
        assertThat(input.stream().map(Cccf::canonical).toList()).isEqualTo(before);
    }

    @Test
    void keepsFieldsItDoesNotKnow() {
        List<Container> output = transform(sample());
        List<Container> withCustom = output.stream().filter(c -> c.extensions().containsKey("x-custom")).toList();
        assertThat(withCustom).as("the container with x-custom and labels is still there").isNotEmpty();
        for (Container c : withCustom) {
            assertThat(c.extension("x-custom").orElseThrow().asText()).isEqualTo("value");
            assertThat(c.extension("labels").orElseThrow().get("team").asText()).isEqualTo("shop");
            assertThat(c.extension("labels").orElseThrow().get("notes")).hasSize(2);
        }
    }

    @Test
    void handlesEmptyInput() {
        assertThat(transform(List.of())).isEmpty();
    }

    @Test
    void givesTheSameOutputForTheSameInput() {
        List<String> first = transform(sample()).stream().map(Cccf::canonical).toList();
        List<String> second = transform(sample()).stream().map(Cccf::canonical).toList();
        assertThat(second).isEqualTo(first);
    }
}
