package dev.cccf.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract passes for a well-behaved transform and catches a badly behaved one. */
class TransformContractTest {

    @Nested
    class Identity extends TransformContract {
        @Override
        protected List<Container> transform(List<Container> input) {
            return List.copyOf(input);
        }
    }

    @Test
    void catchesATransformThatMutatesItsInput() {
        TransformContract mutating = new TransformContract() {
            @Override
            protected List<Container> transform(List<Container> input) {
                input.forEach(c -> c.extension("labels").ifPresent(l -> ((ObjectNode) l).put("oops", 1)));
                return input;
            }
        };
        assertThatThrownBy(mutating::leavesItsInputUnchanged).isInstanceOf(AssertionError.class);
    }

    @Test
    void catchesATransformThatDropsUnknownFields() {
        TransformContract dropping = new TransformContract() {
            @Override
            protected List<Container> transform(List<Container> input) {
                List<Container> out = new ArrayList<>();
                input.forEach(c -> out.add(Container.of(c.id(), c.image())));
                return out;
            }
        };
        assertThatThrownBy(dropping::keepsFieldsItDoesNotKnow).isInstanceOf(AssertionError.class);
    }
}
