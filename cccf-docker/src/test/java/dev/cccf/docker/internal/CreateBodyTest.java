package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateBodyTest {

    @Test
    void everyFieldGoesWhereTheEngineApiWantsIt() {
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

        assertThat(body).isEqualTo("{\"Image\":\"shop:1\",\"Cmd\":[\"serve\",\"--greeting\",\"hello world\"],"
                + "\"Entrypoint\":[\"/bin/sh\",\"-c\"],\"Env\":[\"A=1\"],"
                + "\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{},\"9000/tcp\":{}},"
                + "\"Labels\":{\"dev.cccf.version\":\"1\",\"team\":\"a\"},\"Hostname\":\"web-1\",\"User\":\"1000\","
                + "\"WorkingDir\":\"/srv\",\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":90000000000,\"Retries\":2},"
                + "\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"8080\"}],\"53/udp\":[{\"HostPort\":\"5353\"}]},"
                + "\"Binds\":[\"/data:/srv:ro\",\"/cache:/cache\"],\"Links\":[\"db:db\",\"cache:redis\"],"
                + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3},\"Memory\":268435456,"
                + "\"NanoCpus\":500000000,\"NetworkMode\":\"back\",\"Dns\":[\"8.8.8.8\"],\"CapAdd\":[\"NET_ADMIN\"],"
                + "\"VolumesFrom\":[\"data:ro\"],\"Privileged\":true,\"ReadonlyRootfs\":true}}");
    }

    @Test
    void aBareContainerAsksForNothingButItsImageAndLabels() {
        Container c = Container.builder("a", "x:1").build();

        assertThat(CreateBody.of(c, Map.of()).toString()).isEqualTo("{\"Image\":\"x:1\",\"Labels\":{},\"HostConfig\":{}}");
    }

    @ParameterizedTest
    @CsvSource({"1m30s, 90000000000", "500ms, 500000000", "1h, 3600000000000", "1.5s, 1500000000", "10us, 10000"})
    void durationsAreNanoseconds(String duration, long nanos) {
        assertThat(CreateBody.nanos(duration)).isEqualTo(nanos);
    }
}
