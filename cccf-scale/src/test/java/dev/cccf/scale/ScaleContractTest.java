package dev.cccf.scale;

import dev.cccf.core.Container;
import dev.cccf.testkit.TransformContract;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The contract every cccf transform keeps, for scale up and scale down. */
class ScaleContractTest {

    @Nested
    class Up extends TransformContract {
        @Override
        protected List<Container> transform(List<Container> input) {
            return Scale.up(input);
        }
    }

    @Nested
    class Down extends TransformContract {
        @Override
        protected List<Container> transform(List<Container> input) {
            return Scale.down(Scale.up(input));
        }
    }
}
