package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Problem;
import dev.cccf.core.Cmd;
import dev.cccf.core.Container;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.docker.internal.CreateBody;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.InstructionRules;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Plan;
import dev.cccf.instructions.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plan and apply agree, field by field from the field table: for each entry a sample value, the
 * {@code docker run} argv that {@code cccf plan} prints, the create body that {@code cccf apply}
 * sends, the compose key, the swarm options, and what inspect reads back from that body, all
 * pinned as literals. Every entry of the table has a row; a new field without one fails here.
 */
class FieldsPlanApplyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param body the create body's part for the field, quotes written as {@code '}: {@code Config}
     *     keys beside {@code Image}, and {@code HostConfig}
     * @param swarm {@code docker service create} options; {@code null}: a warning that swarm does not carry it
     */
    record Row(String field, String value, List<String> run, String body, String compose, List<String> swarm) {
    }

    static final List<Row> ROWS = List.of(
            new Row("restart", "\"on-failure:3\"", List.of("--restart=on-failure:3"),
                    "{'HostConfig':{'RestartPolicy':{'Name':'on-failure','MaximumRetryCount':3}}}", "restart",
                    List.of("--restart-condition=on-failure", "--restart-max-attempts=3")),
            new Row("labels", "{\"team\": \"a b\"}", List.of("--label=team=a b"),
                    "{'Labels':{'team':'a b'},'HostConfig':{}}", "labels", List.of("--container-label=team=a b")),
            new Row("network", "\"back\"", List.of("--network=back"),
                    "{'HostConfig':{'NetworkMode':'back'}}", "network_mode", List.of("--network=back")),
            new Row("networks", "{\"front\": {\"aliases\": [\"www\", \"web\"]}}",
                    List.of("--network=front", "--network-alias=www", "--network-alias=web"),
                    "{'NetworkingConfig':{'EndpointsConfig':{'front':{'Aliases':['www','web']}}},"
                            + "'HostConfig':{'NetworkMode':'front'}}", "networks",
                    List.of("--network=name=front,alias=www,alias=web")),
            new Row("hostname", "\"web-1\"", List.of("--hostname=web-1"),
                    "{'Hostname':'web-1','HostConfig':{}}", "hostname", List.of("--hostname=web-1")),
            new Row("user", "\"1000:1000\"", List.of("--user=1000:1000"),
                    "{'User':'1000:1000','HostConfig':{}}", "user", List.of("--user=1000:1000")),
            new Row("workdir", "\"/srv\"", List.of("--workdir=/srv"),
                    "{'WorkingDir':'/srv','HostConfig':{}}", "working_dir", List.of("--workdir=/srv")),
            new Row("entrypoint", "[\"/docker-entrypoint.sh\"]", List.of("--entrypoint=/docker-entrypoint.sh"),
                    "{'Entrypoint':['/docker-entrypoint.sh'],'HostConfig':{}}", "entrypoint",
                    List.of("--entrypoint=/docker-entrypoint.sh")),
            new Row("memory", "\"256m\"", List.of("--memory=256m"),
                    "{'HostConfig':{'Memory':268435456}}", "mem_limit", List.of("--limit-memory=256m")),
            new Row("cpus", "0.5", List.of("--cpus=0.5"),
                    "{'HostConfig':{'NanoCpus':500000000}}", "cpus", List.of("--limit-cpu=0.5")),
            new Row("dns", "[\"8.8.8.8\", \"1.1.1.1\"]", List.of("--dns=8.8.8.8", "--dns=1.1.1.1"),
                    "{'HostConfig':{'Dns':['8.8.8.8','1.1.1.1']}}", "dns", List.of("--dns=8.8.8.8", "--dns=1.1.1.1")),
            new Row("cap_add", "[\"NET_ADMIN\"]", List.of("--cap-add=NET_ADMIN"),
                    "{'HostConfig':{'CapAdd':['CAP_NET_ADMIN']}}", "cap_add", List.of("--cap-add=NET_ADMIN")),
            new Row("cap_drop", "[\"NET_RAW\"]", List.of("--cap-drop=NET_RAW"),
                    "{'HostConfig':{'CapDrop':['CAP_NET_RAW']}}", "cap_drop", List.of("--cap-drop=NET_RAW")),
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
                    "{'StopSignal':'SIGINT','HostConfig':{}}", "stop_signal", List.of("--stop-signal=SIGINT")),
            new Row("healthcheck", "{\"test\": \"curl -f http://x/ || exit 1\", \"interval\": \"1m30s\", \"retries\": 2}",
                    List.of("--health-cmd=curl -f http://x/ || exit 1", "--health-interval=1m30s", "--health-retries=2"),
                    "{'Healthcheck':{'Test':['CMD-SHELL','curl -f http://x/ || exit 1'],'Interval':90000000000,'Retries':2},"
                            + "'HostConfig':{}}",
                    "healthcheck", List.of("--health-cmd=curl -f http://x/ || exit 1", "--health-interval=1m30s", "--health-retries=2")),
            // acted on by cccf itself (order, identity, state, placement): no docker option, nothing in the body
            new Row("depends_on", "[\"db\"]", List.of(), "{'HostConfig':{}}", null, List.of()),
            new Row("update_order", "\"start-first\"", List.of(), "{'HostConfig':{}}", "deploy.update_config.order", List.of("--update-order=start-first")),
            // swarm and compose's deploy only: engines replace a changed container as update_order says, without a word about these
            new Row("update_config", "{\"parallelism\": 2, \"delay\": \"10s\", \"failure_action\": \"pause\"}", List.of(), "{'HostConfig':{}}",
                    "deploy.update_config", List.of("--update-parallelism=2", "--update-delay=10s", "--update-failure-action=pause")),
            new Row("rollback_config", "{\"monitor\": \"5s\", \"order\": \"start-first\"}", List.of(), "{'HostConfig':{}}", "deploy.rollback_config",
                    List.of("--rollback-monitor=5s", "--rollback-order=start-first")),
            // pulled by apply before the create; compose carries it as it is, swarm nodes pull themselves (warning)
            new Row("pull_policy", "\"always\"", List.of(), "{'HostConfig':{}}", "pull_policy", null),
            new Row("container_name", "\"web.1\"", List.of(), "{'HostConfig':{}}", null, List.of()),
            new Row("state", "\"exited\"", List.of(), "{'HostConfig':{}}", null, List.of()),
            new Row("constraints", "{\"zone\": \"a\"}", List.of(), "{'HostConfig':{}}", null,
                    List.of("--constraint=node.labels.zone==a")),
            // docker service create has no option for it (apply --swarm: at most one task per node when a glob matches the service)
            new Row("conflicts", "[\"web-*\"]", List.of(), "{'HostConfig':{}}", null, null),
            new Row("global", "true", List.of(), "{'HostConfig':{}}", null, List.of("--mode=global")),
            // swarm only: a container's name resolves to itself, its ports are published on its host
            new Row("endpoint_mode", "\"dnsrr\"", List.of(), "{'HostConfig':{}}", "deploy.endpoint_mode", List.of("--endpoint-mode=dnsrr")),
            new Row("publish_mode", "\"host\"", List.of(), "{'HostConfig':{}}", null, List.of()));

    static Stream<Arguments> rows() {
        return ROWS.stream().map(r -> Arguments.of(r.field(), r));
    }

    private static Container sample(Row row) throws Exception {
        return Container.builder("c", "busybox").extension(row.field(), JSON.readTree(row.value())).build();
    }

    @Test
    void everyEntryOfTheTableHasARow() {
        assertThat(ROWS.stream().map(Row::field)).containsExactlyElementsOf(FieldTable.fields().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theSampleIsAValidValue(String field, Row row) throws Exception {
        assertThat(FieldTable.check(field, JSON.readTree(row.value()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void planPrintsTheDockerRunOptions(String field, Row row) throws Exception {
        List<String> expected = new ArrayList<>(List.of("docker", "run", "-d", "--name=c"));
        expected.addAll(row.run());
        expected.add("busybox");

        Plan plan = Instructions.run(List.of(sample(row)), Options.defaults());

        assertThat(plan.commands()).containsExactly(expected);
        assertThat(plan.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void applySendsTheSameInTheCreateBody(String field, Row row) throws Exception {
        ObjectNode expected = (ObjectNode) JSON.readTree(row.body().replace('\'', '"'));
        ObjectNode whole = JSON.createObjectNode().put("Image", "busybox");
        whole.putObject("Labels");
        expected.properties().forEach(e -> whole.set(e.getKey(), e.getValue()));

        JsonNode body = JSON.readTree(CreateBody.of(sample(row), Map.of()).toString());

        assertThat(body).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void inspectReadsTheCreatedContainerBackAsTheSameValue(String field, Row row) throws Exception {
        JsonNode body = JSON.readTree(CreateBody.of(sample(row), Map.of()).toString());
        ObjectNode config = body.deepCopy();
        config.remove("HostConfig");
        config.remove("NetworkingConfig");
        ObjectNode engine = JSON.createObjectNode().put("Id", "0123456789abcdef").put("Name", "/c");
        engine.set("Config", config);
        engine.set("HostConfig", body.get("HostConfig"));
        // the engine shows each network joined, with the aliases given and those it adds itself
        ObjectNode joined = engine.putObject("NetworkSettings").putObject("Networks");
        body.path("NetworkingConfig").path("EndpointsConfig").properties().forEach(e -> {
            ObjectNode endpoint = e.getValue().deepCopy();
            ArrayNode aliases = endpoint.putArray("Aliases");
            e.getValue().path("Aliases").forEach(aliases::add);
            aliases.add("c").add("0123456789ab");
            joined.set(e.getKey(), endpoint);
        });

        Container read = DockerState.toCccf(engine, JSON.createObjectNode().set("Config", JSON.createObjectNode()), "h");

        if (row.run().isEmpty()) {
            assertThat(read.extension(field)).isEmpty();
        } else {
            assertThat(read.extension(field).map(JsonNode::toString)).contains(JSON.readTree(row.value()).toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void composeAndSwarmCarryItOrWarnWhy(String field, Row row) throws Exception {
        JsonNode service = Instructions.compose(List.of(sample(row)), Options.defaults()).get("default").path("services").path("c");
        Plan swarm = Instructions.run(List.of(sample(row)), Options.defaults().withTarget(Target.SWARM));

        if (row.compose() != null) {
            // a key of the service, or a dotted path into its objects (deploy.update_config)
            assertThat(service.at("/" + row.compose().replace('.', '/'))).hasToString(JSON.readTree(row.value()).toString());
        }
        assertThat(service.size()).isEqualTo(row.compose() == null ? 2 : 3); // container_name, image (and the key or deploy)
        if (row.swarm() == null) {
            assertThat(swarm.commands().get(0)).containsExactly("docker", "service", "create", "--name=c", "busybox");
            assertThat(swarm.warnings()).extracting(Problem::path, Problem::code)
                    .containsExactly(tuple("c." + field, InstructionRules.UNSUPPORTED_FIELD));
        } else {
            List<String> expected = new ArrayList<>(List.of("docker", "service", "create", "--name=c"));
            expected.addAll(row.swarm());
            expected.add("busybox");
            assertThat(swarm.commands()).containsExactly(expected);
            assertThat(swarm.warnings()).isEmpty();
        }
    }

    @Test
    void aPathAloneIsAnAnonymousVolumeInPlanApplyInspectAndSwarmAlike() throws Exception {
        Container c = Container.builder("c", "busybox").volumes("/cache", "/srv:/srv:ro").build();

        List<String> run = Instructions.run(List.of(c), Options.defaults()).commands().get(0);
        JsonNode body = JSON.readTree(CreateBody.of(c, Map.of()).toString());
        ObjectNode engine = JSON.createObjectNode().put("Id", "0123456789abcdef").put("Name", "/c");
        engine.set("Config", JSON.readTree("{\"Image\": \"busybox\", \"Volumes\": {\"/cache\": {}, \"/image-declared\": {}}}"));
        engine.set("HostConfig", body.get("HostConfig"));
        Container read = DockerState.toCccf(engine, JSON.readTree("{\"Config\": {\"Volumes\": {\"/image-declared\": {}}}}"), "h");
        List<String> swarm = Instructions.run(List.of(c), Options.defaults().withTarget(Target.SWARM)).commands().get(0);

        assertThat(run).containsExactly("docker", "run", "-d", "--name=c", "--volume=/cache", "--volume=/srv:/srv:ro", "busybox");
        assertThat(body.get("Volumes")).isEqualTo(JSON.readTree("{\"/cache\": {}}"));
        assertThat(body.path("HostConfig").get("Binds")).isEqualTo(JSON.readTree("[\"/srv:/srv:ro\"]"));
        assertThat(read.volumes()).containsExactly("/srv:/srv:ro", "/cache");
        assertThat(swarm).containsExactly("docker", "service", "create", "--name=c", "--mount=type=volume,target=/cache",
                "--mount=type=bind,source=/srv,target=/srv,readonly", "busybox");
    }

    @Test
    void anEntrypointsArgumentsStandBeforeTheCommandInPlanAndApplyAlike() throws Exception {
        Container c = Container.builder("c", "busybox").cmd(Cmd.line("echo hi"))
                .extension("entrypoint", JSON.readTree("\"/bin/sh -c 'exec \\\"$0\\\" \\\"$@\\\"'\"")).build();

        List<String> run = Instructions.run(List.of(c), Options.defaults()).commands().get(0);
        JsonNode body = JSON.readTree(CreateBody.of(c, Map.of()).toString());
        List<String> swarm = Instructions.run(List.of(c), Options.defaults().withTarget(Target.SWARM)).commands().get(0);

        // docker run --entrypoint takes the program only: its arguments go before the command
        assertThat(run).containsExactly("docker", "run", "-d", "--name=c", "--entrypoint=/bin/sh", "busybox",
                "-c", "exec \"$0\" \"$@\"", "echo", "hi");
        assertThat(body.get("Entrypoint")).isEqualTo(JSON.readTree("[\"/bin/sh\"]"));
        assertThat(body.get("Cmd")).isEqualTo(JSON.readTree("[\"-c\", \"exec \\\"$0\\\" \\\"$@\\\"\", \"echo\", \"hi\"]"));
        // docker service create splits --entrypoint by shell rules: the whole entrypoint, quoted
        assertThat(swarm).containsExactly("docker", "service", "create", "--name=c",
                "--entrypoint=/bin/sh -c 'exec \"$0\" \"$@\"'", "busybox", "echo", "hi");
    }
}
