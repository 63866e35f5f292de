package dev.cccf.docker.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import dev.cccf.core.fields.DockerField;
import dev.cccf.core.fields.FieldTable;
import dev.cccf.docker.CccfLabels;
import dev.cccf.instructions.InstructionRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A container as the spec apply --swarm sends: the core fields, then every field of the table pinned as a literal. */
class ServiceSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each field of the table: a sample value, and what it adds to the spec of {@code {"id": "c", "image": "busybox"}}. */
    static final Map<String, String[]> ROWS = new LinkedHashMap<>();

    static {
        row("restart", "\"on-failure:3\"", "{'TaskTemplate':{'RestartPolicy':{'Condition':'on-failure','MaxAttempts':3}}}");
        row("labels", "{\"team\": \"a b\"}", "{'TaskTemplate':{'ContainerSpec':{'Labels':{'team':'a b'}}}}");
        row("network", "\"back\"", "{'TaskTemplate':{'Networks':[{'Target':'back'}]}}");
        row("networks", "{\"front\": {\"aliases\": [\"www\"]}}", "{'TaskTemplate':{'Networks':[{'Target':'front','Aliases':['www']}]}}");
        row("hostname", "\"web-1\"", "{'TaskTemplate':{'ContainerSpec':{'Hostname':'web-1'}}}");
        row("user", "\"1000:1000\"", "{'TaskTemplate':{'ContainerSpec':{'User':'1000:1000'}}}");
        row("workdir", "\"/srv\"", "{'TaskTemplate':{'ContainerSpec':{'Dir':'/srv'}}}");
        row("entrypoint", "\"/bin/sh -c\"", "{'TaskTemplate':{'ContainerSpec':{'Command':['/bin/sh','-c']}}}");
        row("memory", "\"256m\"", "{'TaskTemplate':{'Resources':{'Limits':{'MemoryBytes':268435456}}}}");
        row("cpus", "0.5", "{'TaskTemplate':{'Resources':{'Limits':{'NanoCPUs':500000000}}}}");
        row("dns", "[\"8.8.8.8\"]", "{'TaskTemplate':{'ContainerSpec':{'DNSConfig':{'Nameservers':['8.8.8.8']}}}}");
        row("cap_add", "[\"NET_ADMIN\"]", "{'TaskTemplate':{'ContainerSpec':{'CapabilityAdd':['CAP_NET_ADMIN']}}}");
        row("cap_drop", "[\"NET_RAW\"]", "{'TaskTemplate':{'ContainerSpec':{'CapabilityDrop':['CAP_NET_RAW']}}}");
        row("privileged", "true", null);
        row("read_only", "true", "{'TaskTemplate':{'ContainerSpec':{'ReadOnly':true}}}");
        row("init", "true", "{'TaskTemplate':{'ContainerSpec':{'Init':true}}}");
        row("volumes_from", "[\"data\"]", null);
        row("extra_hosts", "[\"db.local:10.0.0.5\"]", "{'TaskTemplate':{'ContainerSpec':{'Hosts':['10.0.0.5 db.local']}}}");
        row("devices", "[\"/dev/fuse\"]", null);
        row("tmpfs", "[\"/run\"]", null);
        row("sysctls", "{\"net.core.somaxconn\": \"1024\"}", "{'TaskTemplate':{'ContainerSpec':{'Sysctls':{'net.core.somaxconn':'1024'}}}}");
        row("ulimits", "{\"nofile\": {\"soft\": 1024, \"hard\": 2048}}",
                "{'TaskTemplate':{'ContainerSpec':{'Ulimits':[{'Name':'nofile','Soft':1024,'Hard':2048}]}}}");
        row("stop_signal", "\"SIGINT\"", "{'TaskTemplate':{'ContainerSpec':{'StopSignal':'SIGINT'}}}");
        row("healthcheck", "{\"test\": \"true\", \"interval\": \"2s\"}",
                "{'TaskTemplate':{'ContainerSpec':{'HealthCheck':{'Test':['CMD-SHELL','true'],'Interval':2000000000}}}}");
        row("depends_on", "[\"db\"]", "{}");
        row("update_order", "\"start-first\"", "{'UpdateConfig':{'Order':'start-first'}}");
        row("update_config", "{\"parallelism\": 2, \"delay\": \"1m30s\", \"failure_action\": \"pause\", \"monitor\": \"500ms\","
                + " \"max_failure_ratio\": 0.5}", "{'UpdateConfig':{'Parallelism':2,'Delay':90000000000,'FailureAction':'pause',"
                + "'Monitor':500000000,'MaxFailureRatio':0.5}}");
        row("rollback_config", "{\"parallelism\": 0, \"order\": \"start-first\"}", "{'RollbackConfig':{'Parallelism':0,'Order':'start-first'}}");
        row("pull_policy", "\"always\"", null); // every node pulls a service's image itself
        row("container_name", "\"c.1\"", "{}");
        row("state", "\"exited\"", "{}");
        row("constraints", "{\"zone\": \"a\"}", "{'TaskTemplate':{'Placement':{'Constraints':['node.labels.zone==a']}}}");
        row("conflicts", "[\"c\"]", "{'TaskTemplate':{'Placement':{'MaxReplicas':1}}}");
        row("global", "true", "{'Mode':{'Global':{}}}");
        row("endpoint_mode", "\"dnsrr\"", "{'EndpointSpec':{'Mode':'dnsrr'}}");
        row("publish_mode", "\"host\"", "{}");
    }

    /** {@code spec} null: a service does not carry the field, a warning says so. */
    private static void row(String field, String value, String spec) {
        ROWS.put(field, new String[] {value, spec});
    }

    static Stream<Arguments> rows() {
        return ROWS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }

    @Test
    void everyEntryOfTheTableHasARow() {
        assertThat(ROWS.keySet()).containsExactlyElementsOf(FieldTable.fields().keySet());
    }

    @Test
    void everyFieldTheSwarmTargetCarriesApplyCarriesToo() {
        FieldTable.fields().values().stream().filter(f -> f.swarm() != null)
                .forEach(f -> assertThat(f.service()).as(f.name()).isNotNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachFieldGoesWhereTheEngineApiTakesIt(String field, String value, String fragment) throws Exception {
        ServiceSpec bare = ServiceSpec.of(Container.builder("c", "busybox").build(), "p");
        ServiceSpec with = ServiceSpec.of(Container.builder("c", "busybox").extension(field, JSON.readTree(value)).build(), "p");

        if (fragment == null) {
            assertThat(withoutLabels(with)).isEqualTo(withoutLabels(bare));
            assertThat(with.warnings()).extracting(Problem::path, Problem::code)
                    .containsExactly(tuple("c." + field, InstructionRules.UNSUPPORTED_FIELD));
            assertThat(FieldTable.get(field).whyNotCarried(DockerField.Target.SWARM)).isNotNull();
        } else {
            ObjectNode expected = withoutLabels(bare);
            merge(expected, (ObjectNode) JSON.readTree(fragment.replace('\'', '"')));
            assertThat(withoutLabels(with)).isEqualTo(JSON.readTree(expected.toString()));
            assertThat(with.warnings()).isEmpty();
        }
    }

    @Test
    void theCoreFieldsMakeTheContainerSpecTheReplicasAndThePublishedPorts() throws Exception {
        Container c = Cccf.parse("""
                {"id": "web", "image": "nginx:1", "cmd": "nginx -g 'daemon off;'", "env": ["A=1"], "scale": 3,
                 "ports": ["8080:80", "53:53/udp"], "volumes": ["/cache", "data:/data:ro", "/srv:/srv"], "publish_mode": "host"}
                """).containers().get(0);

        ServiceSpec spec = ServiceSpec.of(c, "shop");

        assertThat(withoutLabels(spec)).isEqualTo(JSON.readTree("""
                {"Name": "web",
                 "TaskTemplate": {"ContainerSpec": {"Image": "nginx:1", "Args": ["nginx", "-g", "daemon off;"], "Env": ["A=1"],
                   "Mounts": [{"Type": "volume", "Target": "/cache"},
                              {"Type": "volume", "Source": "data", "Target": "/data", "ReadOnly": true},
                              {"Type": "bind", "Source": "/srv", "Target": "/srv"}]}},
                 "Mode": {"Replicated": {"Replicas": 3}},
                 "UpdateConfig": {"Parallelism": 1, "FailureAction": "rollback", "Order": "stop-first"},
                 "EndpointSpec": {"Ports": [
                   {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "host"},
                   {"Protocol": "udp", "TargetPort": 53, "PublishedPort": 53, "PublishMode": "host"}]}}
                """));
        assertThat(spec.spec().path("Labels").path(CccfLabels.PROJECT).asText()).isEqualTo("shop");
        assertThat(spec.spec().path("Labels").path(ServiceSpec.SPEC_HASH).asText()).isEqualTo(spec.hash());
        assertThat(CccfLabels.containerFrom(labels(spec))).contains(c.toBuilder().scale(null).build());
    }

    @Test
    void theHashChangesWithTheSpecAndNotOtherwise() {
        Container c = Container.builder("web", "nginx:1").scale(2).build();

        assertThat(ServiceSpec.of(c, "p").hash()).isEqualTo(ServiceSpec.of(c, "p").hash())
                .isNotEqualTo(ServiceSpec.of(c.withImage("nginx:2"), "p").hash())
                .isNotEqualTo(ServiceSpec.of(c.toBuilder().scale(3).build(), "p").hash())
                .isNotEqualTo(ServiceSpec.of(c, "other").hash());
    }

    @Test
    void exposeAndLinksAreLeftOutWithAWarning() {
        Container c = Container.builder("web", "nginx").expose("80").links("db").build();

        assertThat(ServiceSpec.of(c, "p").warnings()).extracting(Problem::path).containsExactly("web.expose", "web.links");
    }

    @Test
    void aConflictWithAnotherServiceIsNotCarriedAndSaysSo() throws Exception {
        Container c = Container.builder("web", "nginx").extension("conflicts", JSON.readTree("[\"db-*\"]")).build();

        ServiceSpec spec = ServiceSpec.of(c, "p");

        assertThat(spec.spec().path("TaskTemplate").has("Placement")).isFalse();
        assertThat(spec.warnings()).extracting(Problem::path).containsExactly("web.conflicts");
    }

    @Test
    void theNetworksToCreateLeaveSwarmsOwnOut() throws Exception {
        assertThat(ServiceSpec.of(Container.builder("a", "x").extension("network", JSON.readTree("\"back\"")).build(), "p")
                .networks()).containsExactly("back");
        assertThat(ServiceSpec.of(Container.builder("a", "x").extension("network", JSON.readTree("\"host\"")).build(), "p")
                .networks()).isEmpty();
        ServiceSpec two = ServiceSpec.of(Container.builder("a", "x")
                .extension("networks", JSON.readTree("{\"front\": {\"aliases\": [\"www\"]}, \"back\": null}")).build(), "p");
        assertThat(two.networks()).containsExactly("front", "back");
        assertThat(two.spec().path("TaskTemplate").path("Networks").toString())
                .isEqualTo("[{\"Target\":\"front\",\"Aliases\":[\"www\"]},{\"Target\":\"back\"}]");
    }

    @Test
    void theTasksHashChangesWithWhatMakesATaskAndNotWithTheReplicasOrTheServiceLabels() {
        Container web = Container.builder("web", "nginx:1").ports(List.of("8080:80")).build();
        String hash = taskHash(ServiceSpec.of(web, "shop"));

        assertThat(taskHash(ServiceSpec.of(web.toBuilder().scale(3).build(), "shop"))).isEqualTo(hash);
        assertThat(taskHash(ServiceSpec.of(web, "other"))).isEqualTo(hash);
        assertThat(taskHash(ServiceSpec.of(web.withImage("nginx:2"), "shop"))).isNotEqualTo(hash);
        assertThat(taskHash(ServiceSpec.of(web.toBuilder().ports(List.of("8081:80")).build(), "shop"))).isNotEqualTo(hash);
        assertThat(ServiceSpec.of(web.toBuilder().scale(3).build(), "shop").hash()).isNotEqualTo(ServiceSpec.of(web, "shop").hash());
    }

    private static String taskHash(ServiceSpec spec) {
        return spec.spec().path("TaskTemplate").path("ContainerSpec").path("Labels").path(ServiceSpec.TASK_HASH).asText();
    }

    private static Map<String, String> labels(ServiceSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.spec().path("Labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The spec without its labels and its tasks' hash, its numbers as JSON text reads them (ints and longs alike). */
    private static ObjectNode withoutLabels(ServiceSpec spec) throws Exception {
        ObjectNode s = spec.spec();
        s.remove("Labels");
        ObjectNode container = (ObjectNode) s.path("TaskTemplate").path("ContainerSpec");
        assertThat(container.path("Labels").path(ServiceSpec.TASK_HASH).asText()).hasSize(64);
        ((ObjectNode) container.path("Labels")).remove(ServiceSpec.TASK_HASH);
        if (container.path("Labels").isEmpty()) {
            container.remove("Labels");
        }
        return (ObjectNode) JSON.readTree(s.toString());
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.properties().forEach(e -> {
            JsonNode there = into.get(e.getKey());
            // a service has one mode: the fragment's replaces it
            if (there instanceof ObjectNode o && e.getValue() instanceof ObjectNode f && !e.getKey().equals("Mode")) {
                merge(o, f);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }
}
