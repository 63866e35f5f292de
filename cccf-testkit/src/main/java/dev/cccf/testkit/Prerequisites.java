package dev.cccf.testkit;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a shell, Docker engines): without it the test is skipped on
 * a developer's machine, and fails on CI ({@code CI=true}), where every test must run. A skip on
 * CI would pass unseen; scripts/check-reports.sh also fails a CI run with any skipped test.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    /** True when the environment says this is a CI run ({@code CI=true}, as .ci/run sets it). */
    public static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Skips the calling test unless {@code met} (fails it on CI); {@code what} names what it needs. */
    public static void require(boolean met, String what) {
        require(met, what, onCi());
    }

    static void require(boolean met, String what, boolean ci) {
        if (met) {
            return;
        }
        if (ci) {
            fail("CI=true needs " + what);
        }
        Assumptions.abort("needs " + what);
    }
}
