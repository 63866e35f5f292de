package dev.cccf.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The parts {@link Parts} finds are where {@link CccfWriter} writes them, in plain JSON or not. */
class PartsTest {
    private static byte[] bytes(Container c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(List.of(c), true, out, OutputFormat.COMPACT);
        return Arrays.copyOf(out.toByteArray(), out.size() - 1); // without the newline
    }

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void findsThePartsWhereTheWriterPutsThem(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] odd = {"plain", "caf\u00e9", "quo\"te", "back\\slash", "tab\t", "a,b", "x}{", "[\"]"};
        for (Container c : Cccf.random(20, seed)) {
            Container.Builder b = c.toBuilder();
            if (r.nextBoolean()) {
                b.scale(r.nextInt(20));
            }
            if (r.nextBoolean()) {
                b.host("h," + odd[r.nextInt(odd.length)]);
            }
            if (r.nextInt(3) == 0) {
                b.env("K=" + odd[r.nextInt(odd.length)]);
            }
            if (r.nextInt(3) == 0) {
                b.extension("x-" + odd[r.nextInt(odd.length)], JsonNodeFactory.instance.objectNode()
                        .put("scale", odd[r.nextInt(odd.length)]).putArray("host").add(","));
            }
            if (r.nextInt(4) == 0) {
                b.id("/" + c.id());
            }
            Container x = b.build();
            byte[] json = bytes(x);
            byte[] padded = new byte[json.length + 7];
            System.arraycopy(json, 0, padded, 3, json.length);
            Parts e = new Parts();
            e.take(x, padded, 3, json.length);
            // the truth: the lengths of the same container written without its later parts
            Container core = x.toBuilder().scale(null).host(null).build();
            for (String name : x.extensions().keySet()) {
                core = core.withoutExtension(name);
            }
            int scaleStart = bytes(core).length - 1;
            int hostStart = bytes(core.withScale(x.scale())).length - 1;
            int hostEnd = bytes(core.withScale(x.scale()).withHost(x.host())).length - 1;
            int idEnd = bytes(Container.of(x.id(), "")).length - ",\"image\":\"\"}".length();
            Slice slice = new Slice();
            e.slice(slice);
            assertThat(List.of(slice.offset, slice.length, slice.idEnd, slice.scaleStart, slice.scaleEnd, slice.hostStart,
                    slice.hostEnd)).as(new String(json)).containsExactly(3, json.length, idEnd, scaleStart, hostStart,
                    hostStart, hostEnd);
            assertThat(slice.nameHash).isEqualTo(x.name().hashCode());
        }
    }
}
