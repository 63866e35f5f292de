package dev.cccf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.core.Cccf;
import dev.cccf.core.Document;
import dev.cccf.core.InvalidDocumentException;
import dev.cccf.core.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerFieldsTest {

    private static List<Problem> problems(String field, String valueJson) {
        String doc = "{\"id\": \"web\", \"image\": \"nginx\", \"" + field + "\": " + valueJson + "}";
        try {
            DockerFields.reader().read(doc, "app.json");
            return List.of();
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            restart      | "no"
            restart      | "on-failure:5"
            restart      | "unless-stopped"
            labels       | {"team": "a", "com.example/tier": "web"}
            network      | "host"
            network      | "container:db"
            hostname     | "web-1.example.com"
            user         | "1000:1000"
            user         | "nobody"
            workdir      | "/srv/app"
            entrypoint   | "/bin/sh -c"
            entrypoint   | ["/bin/sh", "-c"]
            memory       | "512m"
            memory       | "2g"
            memory       | "1.5GiB"
            memory       | 1073741824
            cpus         | 0.5
            cpus         | 4
            dns          | ["8.8.8.8", "2001:4860:4860::8888"]
            dns          | "8.8.8.8"
            cap_add      | ["NET_ADMIN", "SYS_TIME"]
            privileged   | true
            read_only    | false
            volumes_from | ["data", "logs:ro"]
            depends_on   | ["db", "cache"]
            healthcheck  | {"test": ["CMD", "true"], "interval": "1m30s", "timeout": "5s", "retries": 3}
            healthcheck  | {"test": "curl -f http://localhost/", "start_period": "10s"}
            healthcheck  | {"disable": true}
            container_name | "my.web"
            state        | "exited"
            """)
    void acceptsWhatDockerAccepts(String field, String value) {
        assertThat(problems(field, value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            restart      | "sometimes"              | docker-restart       | $.restart
            restart      | true                     | docker-restart       | $.restart
            labels       | ["a=b"]                  | docker-labels        | $.labels
            labels       | {"team": 1}              | docker-labels        | $.labels["team"]
            labels       | {"dev.cccf.config": "x"} | docker-reserved-label | $.labels["dev.cccf.config"]
            network      | ""                       | docker-network       | $.network
            hostname     | "under_score"            | docker-hostname      | $.hostname
            user         | "a b"                    | docker-user          | $.user
            workdir      | "relative/dir"           | docker-workdir       | $.workdir
            entrypoint   | ["/bin/sh", 1]           | docker-entrypoint    | $.entrypoint[1]
            entrypoint   | "sh -c 'open"            | docker-entrypoint    | $.entrypoint
            memory       | "lots"                   | memory-format        | $.memory
            memory       | 0                        | memory-range         | $.memory
            memory       | -5                       | memory-range         | $.memory
            memory       | "1234567890123456"       | memory-range         | $.memory
            cpus         | 0                        | cpus-format          | $.cpus
            cpus         | "2"                      | cpus-format          | $.cpus
            dns          | ["dns.google"]           | docker-dns           | $.dns[0]
            dns          | "dns.google"             | docker-dns           | $.dns
            cap_add      | ["NET ADMIN"]            | docker-cap-add       | $.cap_add[0]
            privileged   | "yes"                    | docker-privileged    | $.privileged
            read_only    | 1                        | docker-read-only     | $.read_only
            volumes_from | ["data:rx"]              | docker-volumes-from  | $.volumes_from[0]
            depends_on   | ["no spaces"]            | docker-depends-on    | $.depends_on[0]
            healthcheck  | {"interval": "soon"}     | docker-healthcheck   | $.healthcheck.interval
            healthcheck  | {"retries": -1}          | docker-healthcheck   | $.healthcheck.retries
            healthcheck  | {"tset": ["CMD"]}        | docker-healthcheck   | $.healthcheck.tset
            container_name | "-web"                 | docker-container-name | $.container_name
            state        | "sleeping"               | docker-state         | $.state
            """)
    void refusesWithAStableCodeAtTheField(String field, String value, String code, String path) {
        List<Problem> found = problems(field, value);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).code()).isEqualTo(code);
        assertThat(found.get(0).path()).isEqualTo(path);
        assertThat(found.get(0).location().orElseThrow().line()).isEqualTo(1);
        assertThat(found.get(0).location().orElseThrow().column()).isGreaterThan(1);
    }

    @Test
    void reportsEveryBadFieldOfEveryContainer() {
        String doc = """
                - id: web
                  image: nginx
                  restart: sometimes
                  memory: lots
                - id: db
                  image: postgres
                  privileged: "yes"
                """;

        assertThatThrownBy(() -> DockerFields.reader().read(doc, "app.yml"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::format)
                        .containsExactly(
                                "app.yml:3:12: $[0].restart: [docker-restart] restart must be \"no\", \"always\", "
                                        + "\"unless-stopped\", \"on-failure\" or \"on-failure:N\", not \"sometimes\"",
                                "app.yml:4:11: $[0].memory: [memory-format] memory \"lots\" must be a whole number of bytes "
                                        + "or a docker size such as \"512m\" or \"2g\"",
                                "app.yml:7:15: $[1].privileged: [docker-privileged] privileged must be true or false, "
                                        + "not \"yes\""));
    }

    @Test
    void aValidDocumentKeepsItsDockerFieldsInOrder() {
        Document doc = DockerFields.reader().read("""
                {"id": "web", "image": "nginx", "restart": "always", "x-mine": 1, "memory": "1g"}""", "a.json");

        assertThat(Cccf.toJson(doc.containers().get(0)))
                .isEqualTo("{\"id\":\"web\",\"image\":\"nginx\",\"restart\":\"always\",\"x-mine\":1,\"memory\":\"1g\"}");
    }

    @Test
    void everyFieldOfTheTableIsChecked() {
        assertThat(DockerFields.checks().keySet()).containsExactly("restart", "labels", "network", "networks", "hostname", "user", "workdir",
                "entrypoint", "memory", "cpus", "dns", "cap_add", "cap_drop", "privileged", "read_only", "init", "volumes_from",
                "extra_hosts", "devices", "tmpfs", "sysctls", "ulimits", "stop_signal", "healthcheck", "depends_on",
                "update_order", "update_config", "rollback_config", "pull_policy", "container_name", "state", "constraints",
                "conflicts", "global", "endpoint_mode", "publish_mode");
    }
}
