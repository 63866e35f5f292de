package dev.cccf.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validation of one extension field, plugged into {@link Cccf#reader()} by the module that gives
 * the field its meaning (cccf-host for {@code memory}, cccf-docker for {@code restart} ...). The
 * reader calls it with the field's value and places each problem at the field's location.
 */
@FunctionalInterface
public interface FieldCheck {

    void check(JsonNode value, Report report);

    /** Where a check puts its problems. */
    @FunctionalInterface
    interface Report {
        /**
         * @param subPath path below the field, such as {@code "[2]"} or {@code ".zone"}; empty for the field itself
         * @param code a stable rule code, documented by the module that owns the field
         */
        void problem(String subPath, String code, String message);
    }
}
