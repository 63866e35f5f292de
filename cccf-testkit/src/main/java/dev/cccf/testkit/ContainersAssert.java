package dev.cccf.testkit;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions for a list of containers. */
public final class ContainersAssert extends AbstractAssert<ContainersAssert, List<Container>> {

    ContainersAssert(List<Container> actual) {
        super(actual, ContainersAssert.class);
    }

    /** Exactly these ids, in any order. */
    public ContainersAssert haveIds(String... ids) {
        isNotNull();
        List<String> got = actual.stream().map(Container::id).sorted().toList();
        List<String> want = Arrays.stream(ids).sorted().toList();
        if (!got.equals(want)) {
            failWithActualExpectedAndMessage(got, want, "Expected container ids %s but were %s", want, got);
        }
        return this;
    }

    public ContainersAssert haveUniqueIds() {
        isNotNull();
        Set<String> seen = new HashSet<>();
        Set<String> dup = new TreeSet<>();
        actual.forEach(c -> {
            if (!seen.add(c.name())) {
                dup.add(c.id());
            }
        });
        if (!dup.isEmpty()) {
            failWithMessage("Expected unique container ids but these repeat: %s", dup);
        }
        return this;
    }

    /** The same configurations as {@code expected}, in any order (canonical JSON, as cccf-diff compares). */
    public ContainersAssert areSameConfigsAs(List<Container> expected) {
        isNotNull();
        List<String> a = new ArrayList<>(actual.stream().map(Cccf::canonical).sorted().toList());
        List<String> e = new ArrayList<>(expected.stream().map(Cccf::canonical).sorted().toList());
        if (!a.equals(e)) {
            failWithActualExpectedAndMessage(String.join("\n", a), String.join("\n", e),
                    "Expected the same container configs (any order)");
        }
        return this;
    }

    /** Every container has a host. */
    public ContainersAssert areAllPlaced() {
        isNotNull();
        List<String> unplaced = actual.stream().filter(c -> c.host() == null).map(Container::id).toList();
        if (!unplaced.isEmpty()) {
            failWithMessage("Expected every container to have a host, but these have none: %s", unplaced);
        }
        return this;
    }
}
