package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateBodyTest {

    @Test
    void everyFieldGoesWhereTheEngineApiWantsItAndAPathAloneIsAnAnonymousVolume() {
        Container c = Cccf.parse("""
                {"id": "web", "image": "shop:1", "cmd": "serve --greeting 'hello world'",
                 "ports": ["8080:80", "5353:53/udp"], "env": ["A=1"], "volumes": ["/data:/srv:ro", "/cache"],
                 "expose": ["9000"], "links": ["db", "$cache:redis"], "restart": "on-failure:3", "memory": "256m",
                 "cpus": 0.5, "labels": {"team": "a"}, "hostname": "web-1", "user": "1000", "workdir": "/srv",
                 "entrypoint": ["/bin/sh", "-c"], "dns": ["8.8.8.8"], "cap_add": ["NET_ADMIN"], "privileged": true,
                 "read_only": true, "volumes_from": ["data:ro"], "network": "back",
                 "healthcheck": {"test": "true", "interval": "1m30s", "retries": 2}}
                """).containers().get(0);

        String body = CreateBody.of(c, Map.of("dev.cccf.version", "1")).toString();

        assertThat(body).isEqualTo("{\"Image\":\"shop:1\",\"Cmd\":[\"-c\",\"serve\",\"--greeting\",\"hello world\"],\"Env\":[\"A=1\"],"
                + "\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{},\"9000/tcp\":{}},\"Volumes\":{\"/cache\":{}},"
                + "\"Labels\":{\"dev.cccf.version\":\"1\",\"team\":\"a\"},\"Hostname\":\"web-1\",\"User\":\"1000\","
                + "\"WorkingDir\":\"/srv\",\"Entrypoint\":[\"/bin/sh\"],"
                + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":90000000000,\"Retries\":2},"
                + "\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"8080\"}],\"53/udp\":[{\"HostPort\":\"5353\"}]},"
                + "\"Binds\":[\"/data:/srv:ro\"],\"Links\":[\"db:db\",\"cache:redis\"],"
                + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3},\"NetworkMode\":\"back\","
                + "\"Memory\":268435456,\"NanoCpus\":500000000,\"Dns\":[\"8.8.8.8\"],\"CapAdd\":[\"CAP_NET_ADMIN\"],"
                + "\"Privileged\":true,\"ReadonlyRootfs\":true,\"VolumesFrom\":[\"data:ro\"]}}");
    }

    @Test
    void aBareContainerAsksForNothingButItsImageAndLabels() {
        Container c = Container.builder("a", "x:1").build();

        assertThat(CreateBody.of(c, Map.of()).toString()).isEqualTo("{\"Image\":\"x:1\",\"Labels\":{},\"HostConfig\":{}}");
    }

    @Test
    void aFieldTheTableDoesNotKnowIsNeverSent() {
        Container c = Cccf.parse("{\"id\": \"a\", \"image\": \"x:1\", \"logging\": {\"driver\": \"none\"}, \"secrets\": [\"token\"]}")
                .containers().get(0);

        assertThat(CreateBody.of(c, Map.of()).toString()).isEqualTo("{\"Image\":\"x:1\",\"Labels\":{},\"HostConfig\":{}}");
    }
}
