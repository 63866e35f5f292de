package dev.cccf.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.FieldCheck;
import dev.cccf.core.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code update_config} and {@code rollback_config} fields, in compose's words
 * ({@code deploy.update_config}, {@code deploy.rollback_config}): how a swarm rolls a service's
 * tasks to a new spec, and back when an update fails. {@code parallelism} (tasks at a time, 0 all
 * at once), {@code delay} and {@code monitor} (durations such as {@code "10s"}),
 * {@code failure_action}, {@code max_failure_ratio} (0 to 1); {@code rollback_config} also takes
 * {@code order}, which for updates is the field {@code update_order}.
 *
 * @param field the field's name
 * @param specKey the key of the service spec it writes ({@code UpdateConfig}, {@code RollbackConfig})
 * @param flagPrefix the prefix of its {@code docker service create} options ({@code --update-})
 * @param failureActions the values {@code failure_action} takes
 * @param order whether {@code order} is one of its keys
 */
record UpdateConfig(String field, String specKey, String flagPrefix, List<String> failureActions, boolean order) {
    static final UpdateConfig UPDATE = new UpdateConfig("update_config", "UpdateConfig", "--update-",
            List.of("continue", "rollback", "pause"), false);
    static final UpdateConfig ROLLBACK = new UpdateConfig("rollback_config", "RollbackConfig", "--rollback-",
            List.of("continue", "pause"), true);

    UpdateConfig {
        failureActions = List.copyOf(failureActions);
    }

    private String keys() {
        return "parallelism, delay, failure_action, monitor, max_failure_ratio" + (order ? ", order" : "");
    }

    void check(JsonNode v, FieldCheck.Report r) {
        String code = FieldTable.code(field);
        if (!v.isObject()) {
            r.problem("", code, field + " must be an object of " + keys() + ", such as {\"parallelism\": 1, \"delay\": \"10s\"},"
                    + " not " + Show.value(v));
            return;
        }
        v.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode x = e.getValue();
            String sub = Rules.pathStep(key);
            String bad = switch (key) {
                case "parallelism" -> x.isIntegralNumber() && x.canConvertToInt() && x.intValue() >= 0 ? null
                        : "an integer >= 0 (0: every task at once)";
                case "delay", "monitor" -> x.isTextual() && Healthcheck.isDuration(x.textValue()) ? null
                        : "a duration such as \"10s\" or \"1m30s\"";
                case "failure_action" -> x.isTextual() && failureActions.contains(x.textValue()) ? null
                        : "\"" + String.join("\", \"", failureActions) + "\"";
                case "max_failure_ratio" -> x.isNumber() && x.doubleValue() >= 0 && x.doubleValue() <= 1 ? null
                        : "a number from 0 to 1";
                case "order" -> !order ? "" : x.isTextual() && FieldTable.UPDATE_ORDERS.contains(x.textValue()) ? null
                        : "\"start-first\" or \"stop-first\"";
                default -> "";
            };
            if (bad == null) {
                return;
            }
            if (bad.isEmpty()) {
                r.problem(sub, code, key.equals("order") ? field + " has no order: the field update_order says it"
                        : "unknown " + field + " key " + Rules.quote(key) + "; known: " + keys());
            } else {
                r.problem(sub, code, field + " " + key + " must be " + bad + ", not " + Show.value(x));
            }
        });
    }

    /** Its {@code docker service create} options, such as {@code --update-parallelism=1}, {@code --update-delay=10s}. */
    List<String> flags(JsonNode v) {
        List<String> out = new ArrayList<>();
        v.properties().forEach(e -> out.add(flagPrefix + e.getKey().replace('_', '-') + "=" + e.getValue().asText()));
        return out;
    }

    /** Writes its keys into the spec's {@link #specKey}, durations in nanoseconds, over what is there. */
    void write(JsonNode v, ObjectNode spec) {
        ObjectNode out = spec.withObjectProperty(specKey);
        v.properties().forEach(e -> {
            JsonNode x = e.getValue();
            switch (e.getKey()) {
                case "parallelism" -> out.put("Parallelism", x.longValue());
                case "delay" -> out.put("Delay", Healthcheck.nanos(x.textValue()));
                case "monitor" -> out.put("Monitor", Healthcheck.nanos(x.textValue()));
                case "failure_action" -> out.put("FailureAction", x.textValue());
                case "max_failure_ratio" -> out.put("MaxFailureRatio", x.decimalValue());
                default -> out.put("Order", x.textValue());
            }
        });
    }
}
