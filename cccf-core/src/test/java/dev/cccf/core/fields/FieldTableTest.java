package dev.cccf.core.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.fields.DockerField.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field by field, a sample value and what each target makes of it, pinned as literals: docker
 * run's options, the Engine API's create body (Config and HostConfig), the compose key and
 * swarm's options. Every entry of the table must have a row here.
 */
class FieldTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row: field, sample value, docker run options, create body {"Config", "HostConfig"}, compose key, swarm options. */
    record Row(String field, String value, List<String> run, String body, String compose, List<String> swarm) {
    }

    /** A field passed on by no target: cccf acts on it (placement, order, state). */
    private static Row consumed(String field, String value) {
        return new Row(field, value, null, null, null, null);
    }

    static final List<Row> ROWS = List.of(
            new Row("restart", "\"on-failure:3\"", List.of("--restart=on-failure:3"),
                    "{'HostConfig':{'RestartPolicy':{'Name':'on-failure','MaximumRetryCount':3}}}", "restart",
                    List.of("--restart-condition=on-failure", "--restart-max-attempts=3")),
            new Row("labels", "{\"team\": \"a b\"}", List.of("--label=team=a b"),
                    "{'Config':{'Labels':{'team':'a b'}}}", "labels", List.of("--container-label=team=a b")),
            new Row("network", "\"back\"", List.of("--network=back"),
                    "{'HostConfig':{'NetworkMode':'back'}}", "network_mode", List.of("--network=back")),
            new Row("hostname", "\"web-1\"", List.of("--hostname=web-1"),
                    "{'Config':{'Hostname':'web-1'}}", "hostname", List.of("--hostname=web-1")),
            new Row("user", "\"1000:1000\"", List.of("--user=1000:1000"),
                    "{'Config':{'User':'1000:1000'}}", "user", List.of("--user=1000:1000")),
            new Row("workdir", "\"/srv\"", List.of("--workdir=/srv"),
                    "{'Config':{'WorkingDir':'/srv'}}", "working_dir", List.of("--workdir=/srv")),
            new Row("entrypoint", "[\"/bin/sh\", \"-c\"]", List.of("--entrypoint=/bin/sh -c"),
                    "{'Config':{'Entrypoint':['/bin/sh','-c']}}", "entrypoint", List.of("--entrypoint=/bin/sh -c")),
            new Row("memory", "\"256m\"", List.of("--memory=256m"),
                    "{'HostConfig':{'Memory':268435456}}", "mem_limit", List.of("--limit-memory=256m")),
            new Row("cpus", "0.5", List.of("--cpus=0.5"),
                    "{'HostConfig':{'NanoCpus':500000000}}", "cpus", List.of("--limit-cpu=0.5")),
            new Row("dns", "[\"8.8.8.8\", \"1.1.1.1\"]", List.of("--dns=8.8.8.8", "--dns=1.1.1.1"),
                    "{'HostConfig':{'Dns':['8.8.8.8','1.1.1.1']}}", "dns", List.of("--dns=8.8.8.8", "--dns=1.1.1.1")),
            new Row("cap_add", "[\"NET_ADMIN\"]", List.of("--cap-add=NET_ADMIN"),
                    "{'HostConfig':{'CapAdd':['NET_ADMIN']}}", "cap_add", List.of("--cap-add=NET_ADMIN")),
            new Row("cap_drop", "[\"NET_RAW\"]", List.of("--cap-drop=NET_RAW"),
                    "{'HostConfig':{'CapDrop':['NET_RAW']}}", "cap_drop", List.of("--cap-drop=NET_RAW")),
            new Row("privileged", "true", List.of("--privileged"),
                    "{'HostConfig':{'Privileged':true}}", "privileged", null),
            new Row("read_only", "true", List.of("--read-only"),
                    "{'HostConfig':{'ReadonlyRootfs':true}}", "read_only", List.of("--read-only")),
            new Row("init", "true", List.of("--init"),
                    "{'HostConfig':{'Init':true}}", "init", List.of("--init")),
            new Row("volumes_from", "[\"data:ro\"]", List.of("--volumes-from=data:ro"),
                    "{'HostConfig':{'VolumesFrom':['data:ro']}}", "volumes_from", null),
            new Row("extra_hosts", "[\"db.local:10.0.0.5\"]", List.of("--add-host=db.local:10.0.0.5"),
                    "{'HostConfig':{'ExtraHosts':['db.local:10.0.0.5']}}", "extra_hosts", List.of("--host=db.local:10.0.0.5")),
            new Row("devices", "[\"/dev/fuse\", \"/dev/sda:/dev/xvda:r\"]", List.of("--device=/dev/fuse", "--device=/dev/sda:/dev/xvda:r"),
                    "{'HostConfig':{'Devices':[{'PathOnHost':'/dev/fuse','PathInContainer':'/dev/fuse','CgroupPermissions':'rwm'},"
                            + "{'PathOnHost':'/dev/sda','PathInContainer':'/dev/xvda','CgroupPermissions':'r'}]}}", "devices", null),
            new Row("tmpfs", "[\"/run:size=64m\", \"/tmp\"]", List.of("--tmpfs=/run:size=64m", "--tmpfs=/tmp"),
                    "{'HostConfig':{'Tmpfs':{'/run':'size=64m','/tmp':''}}}", "tmpfs", null),
            new Row("sysctls", "{\"net.core.somaxconn\": \"1024\"}", List.of("--sysctl=net.core.somaxconn=1024"),
                    "{'HostConfig':{'Sysctls':{'net.core.somaxconn':'1024'}}}", "sysctls", List.of("--sysctl=net.core.somaxconn=1024")),
            new Row("ulimits", "{\"nofile\": {\"soft\": 1024, \"hard\": 2048}, \"nproc\": 512}",
                    List.of("--ulimit=nofile=1024:2048", "--ulimit=nproc=512"),
                    "{'HostConfig':{'Ulimits':[{'Name':'nofile','Soft':1024,'Hard':2048},{'Name':'nproc','Soft':512,'Hard':512}]}}",
                    "ulimits", List.of("--ulimit=nofile=1024:2048", "--ulimit=nproc=512")),
            new Row("stop_signal", "\"SIGINT\"", List.of("--stop-signal=SIGINT"),
                    "{'Config':{'StopSignal':'SIGINT'}}", "stop_signal", List.of("--stop-signal=SIGINT")),
            new Row("healthcheck", "{\"test\": [\"CMD\", \"curl\", \"-f\", \"http://x/a b\"], \"interval\": \"1m30s\", \"retries\": 2}",
                    List.of("--health-cmd=curl -f 'http://x/a b'", "--health-interval=1m30s", "--health-retries=2"),
                    "{'Config':{'Healthcheck':{'Test':['CMD','curl','-f','http://x/a b'],'Interval':90000000000,'Retries':2}}}",
                    "healthcheck", List.of("--health-cmd=curl -f 'http://x/a b'", "--health-interval=1m30s", "--health-retries=2")),
            consumed("depends_on", "[\"db\"]"),
            consumed("container_name", "\"web.1\""),
            consumed("state", "\"exited\""),
            consumed("constraints", "{\"zone\": \"a\"}"),
            consumed("conflicts", "[\"web-*\"]"),
            consumed("global", "true"));

    static Stream<Arguments> rows() {
        return ROWS.stream().map(r -> Arguments.of(r.field(), r));
    }

    @Test
    void everyEntryOfTheTableHasARowHereAndNoRowIsForAnUnknownField() {
        assertThat(ROWS.stream().map(Row::field)).containsExactlyElementsOf(FieldTable.fields().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theSampleIsValid(String field, Row row) throws Exception {
        assertThat(FieldTable.check(field, JSON.readTree(row.value()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void dockerRunAndTheEngineApiCarryTheFieldAlike(String field, Row row) throws Exception {
        DockerField f = FieldTable.get(field);
        JsonNode value = JSON.readTree(row.value());

        if (row.run() == null) {
            assertThat(f.run()).isNull();
            assertThat(f.create()).isNull();
            assertThat(f.isConsumed()).isTrue();
            return;
        }
        assertThat(f.run().of(value)).containsExactlyElementsOf(row.run());
        assertThat(body(f, value)).hasToString(expectedBody(row.body()).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void composeAndSwarmCarryItOrSayWhyNot(String field, Row row) throws Exception {
        DockerField f = FieldTable.get(field);
        JsonNode value = JSON.readTree(row.value());

        assertThat(f.composeKey()).isEqualTo(row.compose());
        if (row.swarm() != null) {
            assertThat(f.swarm().of(value)).containsExactlyElementsOf(row.swarm());
        } else {
            assertThat(f.swarm()).isNull();
            assertThat(f.whyNotCarried(Target.SWARM) != null).isEqualTo(row.run() != null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void whatTheEngineApiIsGivenReadsBackAsTheSameValue(String field, Row row) throws Exception {
        DockerField f = FieldTable.get(field);
        if (f.inspect() == null) {
            return;
        }
        JsonNode value = JSON.readTree(row.value());
        JsonNode body = body(f, value);
        DockerField.EngineView view = new DockerField.EngineView(body.path("Config"), body.path("HostConfig"),
                JsonNodeFactory.instance.objectNode(), "0123456789abcdef");

        JsonNode read = f.inspect().read(view);

        assertThat(read).hasToString(value.toString());
    }

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

    /** A row's body, written with single quotes and only its non-empty part, as {@link #body} gives it. */
    private static JsonNode expectedBody(String text) throws Exception {
        ObjectNode given = (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("Config", given.has("Config") ? given.get("Config") : JsonNodeFactory.instance.objectNode());
        body.set("HostConfig", given.has("HostConfig") ? given.get("HostConfig") : JsonNodeFactory.instance.objectNode());
        return body;
    }
}
