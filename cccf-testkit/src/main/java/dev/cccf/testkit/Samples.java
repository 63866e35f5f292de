package dev.cccf.testkit;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sample documents for tests: the examples cccf 3.3.0 shipped ({@link #example()},
 * {@link #exampleMultiple()}), a realistic application ({@link #webApp()}) and its running state
 * ({@link #webAppCurrent()}), and the three hosts of examples/hosts.json ({@link #hostsJson()}).
 */
public enum Samples {
    /** cccf 3.3.0's example.json: one container. */
    EXAMPLE("example.json"),
    /** cccf 3.3.0's example-multiple.json: two containers. */
    EXAMPLE_MULTIPLE("example-multiple.json"),
    /** examples/app.json: a proxy, a web tier with scale 3, workers, postgres and redis. */
    WEB_APP("app.json"),
    /** examples/current.json: what runs now (an older web, the db, a legacy container). */
    WEB_APP_CURRENT("current.json");

    private final String resource;

    Samples(String resource) {
        this.resource = resource;
    }

    /** The document's text, exactly as shipped. */
    public String text() {
        try (InputStream in = Samples.class.getResourceAsStream("samples/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("sample missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Container> containers() {
        return Cccf.reader().read(text(), resource).containers();
    }

    public static Container example() {
        return EXAMPLE.containers().get(0);
    }

    public static List<Container> exampleMultiple() {
        return EXAMPLE_MULTIPLE.containers();
    }

    public static List<Container> webApp() {
        return WEB_APP.containers();
    }

    public static List<Container> webAppCurrent() {
        return WEB_APP_CURRENT.containers();
    }

    /** examples/hosts.json: three hosts with labels, memory and cpus. */
    public static String hostsJson() {
        try (InputStream in = Samples.class.getResourceAsStream("samples/hosts.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
