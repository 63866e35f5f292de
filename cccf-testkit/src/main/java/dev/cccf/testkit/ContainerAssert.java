package dev.cccf.testkit;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions for one cccf {@link Container}: {@code CccfAssertions.assertThat(c).hasImage("nginx")}. */
public final class ContainerAssert extends AbstractAssert<ContainerAssert, Container> {

    ContainerAssert(Container actual) {
        super(actual, ContainerAssert.class);
    }

    public ContainerAssert hasId(String id) {
        isNotNull();
        if (!Objects.equals(actual.id(), id)) {
            failWithMessage("Expected container to have id <%s> but was <%s>", id, actual.id());
        }
        return this;
    }

    public ContainerAssert hasImage(String image) {
        isNotNull();
        if (!Objects.equals(actual.image(), image)) {
            failWithMessage("Expected container <%s> to have image <%s> but was <%s>", actual.id(), image, actual.image());
        }
        return this;
    }

    public ContainerAssert hasHost(String host) {
        isNotNull();
        if (!Objects.equals(actual.host(), host)) {
            failWithMessage("Expected container <%s> to be on host <%s> but was on <%s>", actual.id(), host, actual.host());
        }
        return this;
    }

    public ContainerAssert hasNoHost() {
        return hasHost(null);
    }

    public ContainerAssert hasScale(Integer scale) {
        isNotNull();
        if (!Objects.equals(actual.scale(), scale)) {
            failWithMessage("Expected container <%s> to have scale <%s> but was <%s>", actual.id(), scale, actual.scale());
        }
        return this;
    }

    /** The container has this env entry ({@code "KEY=VALUE"}). */
    public ContainerAssert hasEnv(String entry) {
        isNotNull();
        if (!actual.env().contains(entry)) {
            failWithMessage("Expected container <%s> to have env <%s> but it had %s", actual.id(), entry, actual.env());
        }
        return this;
    }

    public ContainerAssert hasPort(String port) {
        isNotNull();
        if (!actual.ports().contains(port)) {
            failWithMessage("Expected container <%s> to publish <%s> but it published %s", actual.id(), port, actual.ports());
        }
        return this;
    }

    /** The container has an extension field with this JSON value (compared structurally). */
    public ContainerAssert hasExtension(String name, JsonNode value) {
        isNotNull();
        JsonNode got = actual.extensions().get(name);
        if (got == null || !Cccf.canonical(Container.of("x", "x").withExtension(name, got))
                .equals(Cccf.canonical(Container.of("x", "x").withExtension(name, value)))) {
            failWithMessage("Expected container <%s> to have %s=<%s> but it was <%s>", actual.id(), name, value, got);
        }
        return this;
    }

    /**
     * The container is the same configuration as {@code expected}: compared by canonical JSON, so
     * property order and number spelling do not matter but list order does.
     */
    public ContainerAssert isSameConfigAs(Container expected) {
        isNotNull();
        String a = Cccf.canonical(actual);
        String e = Cccf.canonical(expected);
        if (!a.equals(e)) {
            failWithActualExpectedAndMessage(a, e, "Expected container <%s> to be the same config as <%s>",
                    actual.id(), expected.id());
        }
        return this;
    }
}
