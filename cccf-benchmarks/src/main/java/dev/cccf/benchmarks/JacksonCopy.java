package dev.cccf.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The whole-process baseline of {@code bench/run.sh}: plain Jackson reads each file given into a
 * tree and writes it to stdout, compact. What any Jackson-based tool pays at least for the same
 * bytes, in the same JVM with the same flags. {@code --cds-training DIR} reads DIR's json files.
 */
public final class JacksonCopy {
    private JacksonCopy() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        if (args.length == 2 && args[0].equals("--cds-training")) {
            File[] files = new File(args[1]).listFiles((d, name) -> name.endsWith(".json"));
            args = files == null ? new String[0] : Arrays.stream(files).map(File::getPath).toArray(String[]::new);
            out = OutputStream.nullOutputStream();
        }
        for (String file : args) {
            JsonNode tree = mapper.readTree(new File(file));
            mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, tree);
            out.write('\n');
        }
        out.flush();
    }
}
