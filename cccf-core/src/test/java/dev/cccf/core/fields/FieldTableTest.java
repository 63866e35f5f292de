package dev.cccf.core.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Entries of the field table in the cases a single sample does not show: image defaults, healthcheck
 * forms, false booleans, rule codes. Every entry with a sample, end to end through plan and apply,
 * is cccf-docker's FieldsPlanApplyTest.
 */
class FieldTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImagesOwnValuesAreNotReadBackAsTheContainers() throws Exception {
        JsonNode config = JSON.readTree("{\"User\": \"app\", \"WorkingDir\": \"/app\", \"Entrypoint\": [\"run\"],"
                + " \"Labels\": {\"a\": \"1\", \"b\": \"2\"}, \"Hostname\": \"0123456789ab\"}");
        JsonNode image = JSON.readTree("{\"User\": \"app\", \"WorkingDir\": \"/app\", \"Entrypoint\": [\"run\"], \"Labels\": {\"a\": \"1\"}}");
        DockerField.EngineView view = new DockerField.EngineView(config, JSON.readTree("{}"), image, "0123456789abcdef");

        assertThat(FieldTable.get("user").inspect().read(view)).isNull();
        assertThat(FieldTable.get("workdir").inspect().read(view)).isNull();
        assertThat(FieldTable.get("entrypoint").inspect().read(view)).isNull();
        assertThat(FieldTable.get("hostname").inspect().read(view)).isNull();
        assertThat(FieldTable.get("labels").inspect().read(view)).isEqualTo(JSON.readTree("{\"b\": \"2\"}"));
    }

    @Test
    void aStringHealthcheckTestIsAShellLineAndNoneDisablesIt() throws Exception {
        DockerField h = FieldTable.get("healthcheck");

        assertThat(h.run().of(JSON.readTree("{\"test\": \"curl -f x || exit 1\"}"))).containsExactly("--health-cmd=curl -f x || exit 1");
        assertThat(body(h, JSON.readTree("{\"test\": \"curl -f x || exit 1\"}")).toString())
                .isEqualTo("{\"Config\":{\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f x || exit 1\"]}},\"HostConfig\":{}}");
        assertThat(h.run().of(JSON.readTree("{\"test\": [\"NONE\"]}"))).containsExactly("--no-healthcheck");
        // docker run has no exec form: CMD words become a quoted shell line, in the create body too
        JsonNode cmd = JSON.readTree("{\"test\": [\"CMD\", \"curl\", \"-f\", \"http://x/a b\"]}");
        assertThat(h.run().of(cmd)).containsExactly("--health-cmd=curl -f 'http://x/a b'");
        assertThat(body(h, cmd).toString())
                .isEqualTo("{\"Config\":{\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f 'http://x/a b'\"]}},\"HostConfig\":{}}");
        assertThat(h.run().of(JSON.readTree("{\"disable\": true}"))).containsExactly("--no-healthcheck");
        assertThat(body(h, JSON.readTree("{\"disable\": true}")).toString())
                .isEqualTo("{\"Config\":{\"Healthcheck\":{\"Test\":[\"NONE\"]}},\"HostConfig\":{}}");
    }

    @Test
    void falseBooleansAskForNothing() throws Exception {
        for (String field : List.of("privileged", "read_only", "init")) {
            assertThat(FieldTable.get(field).run().of(JSON.readTree("false"))).as(field).isEmpty();
            assertThat(body(FieldTable.get(field), JSON.readTree("false")).toString()).as(field)
                    .isEqualTo("{\"Config\":{},\"HostConfig\":{}}");
        }
    }

    @Test
    void theRuleCodesAreDockerFieldsOrThePlacementFamilies() {
        Map<String, String> bad = Map.of("restart", "\"sometimes\"", "memory", "\"lots\"", "cpus", "0",
                "constraints", "[]", "conflicts", "\"x\"", "global", "1", "cap_drop", "\"NET_RAW\"", "ulimits", "{\"nofile\": -2}");
        List<String> codes = new ArrayList<>();
        bad.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            try {
                FieldTable.check(e.getKey(), JSON.readTree(e.getValue())).forEach(v -> codes.add(e.getKey() + " " + v.code()));
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });

        assertThat(codes).containsExactly("cap_drop docker-cap-drop", "conflicts conflicts-format", "constraints constraints-format",
                "cpus cpus-format", "global global-type", "memory memory-format", "restart docker-restart", "ulimits docker-ulimits");
    }

    private static JsonNode body(DockerField f, JsonNode value) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        ObjectNode host = JsonNodeFactory.instance.objectNode();
        f.create().write(value, config, host);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("Config", config);
        body.set("HostConfig", host);
        return body;
    }


    @Test
    void dependsOnConditionsAreComposesThreeWords() throws Exception {
        assertThat(FieldTable.check("depends_on", JSON.readTree("""
                {"db": {"condition": "service_healthy"}, "seed": {"condition": "service_completed_successfully"},
                 "cache": {"condition": "service_started"}, "queue": {}, "log": null}"""))).isEmpty();
        assertThat(FieldTable.check("depends_on", JSON.readTree("""
                {"db": {"condition": "healthy"}, "cache": "service_started"}""")))
                .extracting(Problem::path, Problem::code, Problem::message)
                .containsExactly(tuple(".db.condition", "docker-depends-on",
                                "condition must be service_started, service_healthy, service_completed_successfully, not \"healthy\""),
                        tuple(".cache", "docker-depends-on",
                                "depends_on \"cache\" must be an object such as {\"condition\": \"service_healthy\"}, not \"service_started\""));
    }

    @Test
    void updateOrderIsOneOfSwarmsTwoWords() throws Exception {
        assertThat(FieldTable.check("update_order", JSON.readTree("\"start-first\""))).isEmpty();
        assertThat(FieldTable.check("update_order", JSON.readTree("\"stop-first\""))).isEmpty();
        assertThat(FieldTable.check("update_order", JSON.readTree("\"rolling\""))).extracting(Problem::code, Problem::message)
                .containsExactly(tuple("docker-update-order", "update_order must be \"start-first\" or \"stop-first\", not \"rolling\""));
    }

    @Test
    void anUpdateConfigTakesComposesKeysAndLeavesTheOrderToUpdateOrder() throws Exception {
        assertThat(FieldTable.check("update_config", JSON.readTree("""
                {"parallelism": 0, "delay": "1m30s", "failure_action": "continue", "monitor": "500ms", "max_failure_ratio": 1}"""))).isEmpty();
        assertThat(FieldTable.check("update_config", JSON.readTree("""
                {"parallelism": -1, "delay": 10, "failure_action": "retry", "max_failure_ratio": 1.5, "order": "start-first", "x": 1}""")))
                .extracting(Problem::path, Problem::code, Problem::message)
                .containsExactly(
                        tuple(".parallelism", "docker-update-config",
                                "update_config parallelism must be an integer >= 0 (0: every task at once), not -1"),
                        tuple(".delay", "docker-update-config", "update_config delay must be a duration such as \"10s\" or \"1m30s\", not 10"),
                        tuple(".failure_action", "docker-update-config",
                                "update_config failure_action must be \"continue\", \"rollback\", \"pause\", not \"retry\""),
                        tuple(".max_failure_ratio", "docker-update-config",
                                "update_config max_failure_ratio must be a number from 0 to 1, not 1.5"),
                        tuple(".order", "docker-update-config", "update_config has no order: the field update_order says it"),
                        tuple(".x", "docker-update-config", "unknown update_config key \"x\"; known: parallelism, delay, failure_action,"
                                + " monitor, max_failure_ratio"));
        assertThat(FieldTable.check("update_config", JSON.readTree("[1]"))).extracting(Problem::message).containsExactly(
                "update_config must be an object of parallelism, delay, failure_action, monitor, max_failure_ratio, such as"
                        + " {\"parallelism\": 1, \"delay\": \"10s\"}, not an array");
    }

    @Test
    void aRollbackConfigTakesAnOrderAndCannotRollBackARollback() throws Exception {
        assertThat(FieldTable.check("rollback_config", JSON.readTree("{\"order\": \"start-first\", \"failure_action\": \"pause\"}")))
                .isEmpty();
        assertThat(FieldTable.check("rollback_config", JSON.readTree("{\"order\": \"first\", \"failure_action\": \"rollback\"}")))
                .extracting(Problem::path, Problem::code).containsExactly(tuple(".order", "docker-rollback-config"),
                        tuple(".failure_action", "docker-rollback-config"));
    }

    @Test
    void anUpdateConfigIsSwarmsOptionsAndNoDockerRunOption() throws Exception {
        DockerField f = FieldTable.get("update_config");

        assertThat(f.swarm().of(JSON.readTree("{\"parallelism\": 1, \"delay\": \"10s\", \"failure_action\": \"pause\"}")))
                .containsExactly("--update-parallelism=1", "--update-delay=10s", "--update-failure-action=pause");
        assertThat(FieldTable.get("rollback_config").swarm().of(JSON.readTree("{\"max_failure_ratio\": 0.2, \"order\": \"stop-first\"}")))
                .containsExactly("--rollback-max-failure-ratio=0.2", "--rollback-order=stop-first");
        assertThat(f.run()).isNull();
        assertThat(f.create()).isNull();
    }

    @Test
    void everyFieldIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("../docs/fields.md"));

        assertThat(FieldTable.fields().keySet()).allSatisfy(field -> assertThat(doc).contains("\n| `" + field + "` |"));
    }

    @Test
    void everyNameOfTheTableHasItsEntryAndNothingElseHasOne() {
        assertThat(FieldTable.names()).allSatisfy(name -> assertThat(FieldTable.get(name).name()).isEqualTo(name));
        assertThat(FieldTable.get("logging")).isNull();
        assertThat(FieldTable.fields().values()).filteredOn(DockerField::placement).extracting(DockerField::name)
                .containsExactly("memory", "cpus", "constraints", "conflicts", "global");
    }

    @Test
    void aPullPolicyIsOneOfComposesThreeAndBuildIsRefusedWithTheReason() {
        for (String ok : List.of("missing", "always", "never")) {
            assertThat(FieldTable.check("pull_policy", JsonNodeFactory.instance.textNode(ok))).as(ok).isEmpty();
        }

        assertThat(FieldTable.check("pull_policy", JsonNodeFactory.instance.textNode("build")))
                .singleElement().satisfies(p -> {
                    assertThat(p.code()).isEqualTo("docker-pull-policy");
                    assertThat(p.message()).isEqualTo("pull_policy must be \"missing\" (pull when the engine lacks the image),"
                            + " \"always\" or \"never\" (cccf builds no images), not \"build\"");
                });
        assertThat(FieldTable.get("pull_policy").run()).as("apply pulls itself; docker run pulls a missing image").isNull();
    }
}
