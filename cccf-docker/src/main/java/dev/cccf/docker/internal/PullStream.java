package dev.cccf.docker.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.DocumentParser;
import dev.cccf.docker.Engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The body of {@code POST /images/create}: one JSON object per event, as the engine streams them
 * ({@code {"status": "Downloading", "progressDetail": {...}, "progress": "[==>  ] 1.2MB/3.4MB", "id": "a1b2"}}),
 * and, when the pull fails after it began, an object with {@code error} (and {@code errorDetail}).
 */
final class PullStream {
    private static final JsonFactory JSON = new JsonFactory();

    private PullStream() {
    }

    /**
     * Tells {@code progress} each event as one line ({@code "a1b2: Downloading 1.2MB/3.4MB"}).
     *
     * @throws EngineException with the engine's words when the stream carries an error
     */
    static void read(InputStream in, Consumer<String> progress) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new IOException("the engine's pull answer is not a stream of JSON objects");
                }
                JsonNode event = DocumentParser.readTree(p);
                String error = event.path("errorDetail").path("message").asText(event.path("error").asText(""));
                if (!error.isEmpty()) {
                    throw new EngineException(error);
                }
                progress.accept(line(event));
            }
        }
    }

    /** An event as the docker CLI shows it on a plain stream: {@code [ID: ]STATUS[ PROGRESS]}. */
    static String line(JsonNode event) {
        String id = event.path("id").asText("");
        String status = event.path("status").asText("");
        String bar = event.path("progress").asText("");
        int end = bar.lastIndexOf(']');
        String amount = end >= 0 ? bar.substring(end + 1).trim() : bar.trim();
        return (id.isEmpty() ? "" : id + ": ") + status + (amount.isEmpty() ? "" : " " + amount);
    }
}
