package dev.cccf.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Cccf;
import dev.cccf.core.CccfWriter;
import dev.cccf.core.Container;
import dev.cccf.core.OutputFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * Reading and validating the wanted JSON ({@code cccf validate} without the process), and the
 * same with writing it back, against plain Jackson doing {@code readTree} (+ {@code writeValue})
 * of the same bytes.
 */
public class ReadBenchmark extends Sized {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private byte[] json;

    @Setup(Level.Trial)
    public void setUp() {
        json = new Workload(n).wantedJson;
    }

    @Benchmark
    public List<Container> cccfRead() throws IOException {
        return Cccf.read(new ByteArrayInputStream(json), "wanted.json").containers();
    }

    @Benchmark
    public long cccfReadWrite() throws IOException {
        List<Container> containers = Cccf.read(new ByteArrayInputStream(json), "wanted.json").containers();
        Sink sink = new Sink();
        CccfWriter.write(containers, false, sink, OutputFormat.COMPACT);
        return sink.bytes;
    }

    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return MAPPER.readTree(json);
    }

    @Benchmark
    public long jacksonReadWrite() throws IOException {
        JsonNode tree = MAPPER.readTree(json);
        Sink sink = new Sink();
        MAPPER.writeValue(sink, tree);
        return sink.bytes;
    }
}
