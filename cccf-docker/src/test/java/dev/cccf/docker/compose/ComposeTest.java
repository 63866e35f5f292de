package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeTest {
    /**
     * The containers as JSON lines, compose's default network ({@code PROJECT_default}, which each
     * service that names no network joins) left out: {@link ComposeNetworksTest} shows it.
     */
    static String json(Compose.Result r) {
        assertThat(r.errors()).extracting(Problem::format).isEmpty();
        return String.join("\n", r.containers().stream().map(ComposeTest::withoutDefaultNetwork).map(Cccf::toJson).toList());
    }

    private static Container withoutDefaultNetwork(Container c) {
        JsonNode n = c.extensions().get("networks");
        boolean onlyDefault = n != null && n.isArray() && n.size() == 1 && n.get(0).asText().endsWith("_default");
        return onlyDefault ? c.withoutExtension("networks") : c;
    }

    private static List<String> warnings(Compose.Result r) {
        return r.warnings().stream().map(Problem::format).toList();
    }

    private static List<String> errors(Compose.Result r) {
        return r.errors().stream().map(Problem::format).toList();
    }

    @Test
    void anAliasOfAMappingThatContainsItIsAnErrorNotAnEndlessTree() { // found by the compose fuzz test
        Compose.Result r = Compose.read("""
                services:
                  api: &a
                    image: x
                    sysctls: *a
                """, "rec.yml");

        assertThat(errors(r)).containsExactly( // found once by the merge-key pass, once by the tree of the field's value
                "rec.yml:2:8: $.services.api.sysctls: [compose-type] refers to itself: an alias of a list or mapping that contains it",
                "rec.yml:2:8: $.services.api.sysctls: [docker-sysctls] sysctls must be an object such as {\"net.core.somaxconn\": \"1024\"}, not null",
                "rec.yml:2:8: $.services.api.sysctls.sysctls: [compose-type] refers to itself: an alias of a list or mapping that contains it");
    }

    @Test
    void aValueThatAliasesExpandBeyondTheLimitIsALimitError() { // 4^20 values if expanded
        StringBuilder yaml = new StringBuilder("x-bomb:\n  - &l0 [a, a, a, a]\n");
        for (int i = 1; i <= 20; i++) {
            yaml.append("  - &l%d [*l%d, *l%d, *l%d, *l%d]\n".formatted(i, i - 1, i - 1, i - 1, i - 1));
        }
        yaml.append("services:\n  api:\n    image: x\n    sysctls: {a: *l20}\n");

        Compose.Result r = Compose.read(yaml.toString(), "bomb.yml");

        assertThat(errors(r)).anySatisfy(e -> assertThat(e)
                .startsWith("bomb.yml:").contains("$.services.api.sysctls.a[0]")
                .endsWith(": [limit] more than 100000 values once its aliases are expanded"));
    }

    @Test
    void turnsEachServiceIntoAContainerInFileOrder() {
        Compose.Result r = Compose.read("""
                version: "3.8"
                services:
                  web:
                    image: nginx:1.27
                    command: nginx -g 'daemon off;'
                    ports: ["8080:80", "443:443/udp"]
                    environment:
                      - MODE=prod
                    volumes: ["./html:/usr/share/nginx/html:ro"]
                    links: [db]
                    depends_on: [db]
                    restart: always
                  db:
                    image: postgres:16
                    command: ["postgres", "-c", "fsync=off"]
                    environment:
                      POSTGRES_PASSWORD: secret
                      PORT: 5432
                    expose: ["5432"]
                    labels: {team: data}
                    deploy:
                      replicas: 2
                      resources: {limits: {memory: 512m, cpus: "0.5"}}
                """, "docker-compose.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx:1.27","cmd":"nginx -g 'daemon off;'","ports":["8080:80","443:443/udp"],\
                "env":["MODE=prod"],"volumes":["./html:/usr/share/nginx/html:ro"],"links":["db"],\
                "depends_on":["db"],"restart":"always"}
                {"id":"db","image":"postgres:16","cmd":["postgres","-c","fsync=off"],\
                "env":["POSTGRES_PASSWORD=secret","PORT=5432"],"expose":["5432"],"scale":2,"labels":{"team":"data"},\
                "memory":"512m","cpus":0.5}""");
        assertThat(warnings(r)).containsExactly("docker-compose.yml:13:3: $.services.db: warning: [compose-partial] on network"
                + " \"default_default\" compose's name \"db\" reaches each of the 2 replicas; in cccf it names the first container,"
                + " the others are \"db-scale-1\" ...");
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolved() {
        Compose.Result r = Compose.read("""
                x-defaults: &defaults
                  image: app:1
                  restart: unless-stopped
                  environment: &env
                    LOG: info
                services:
                  a:
                    <<: *defaults
                    environment:
                      <<: *env
                      ROLE: a
                  b:
                    <<: *defaults
                    image: app:2
                """, "c.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"a","image":"app:1","env":["ROLE=a","LOG=info"],"restart":"unless-stopped"}
                {"id":"b","image":"app:2","env":["LOG=info"],"restart":"unless-stopped"}""");
    }

    @Test
    void whatCccfCannotCarryIsAWarningWithItsPlace() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    build: .
                    ports:
                      - "127.0.0.1:8080:80"
                      - "9000"
                    environment:
                      - HOME
                    volumes:
                      - /var/cache
                networks:
                  front: {}
                """, "c.yml");

        assertThat(warnings(r)).containsExactly(
                "c.yml:4:5: $.services.web.build: warning: [compose-build] cccf builds no image: build \"nginx\" first"
                        + " (docker build -t nginx ., or docker compose build web)",
                "c.yml:6:9: $.services.web.ports[0]: warning: [compose-partial] port \"127.0.0.1:8080:80\": the host address"
                        + " \"127.0.0.1\" is not carried (cccf ports bind every address)",
                "c.yml:7:9: $.services.web.ports[1]: warning: [compose-partial] port \"9000\" has no host port: carried as"
                        + " expose (cccf has no random host ports)",
                "c.yml:9:9: $.services.web.environment[0]: warning: [compose-partial] environment \"HOME\" takes its value from"
                        + " the environment, where it is not set: left out, as compose leaves it");
        assertThat(json(r)).isEqualTo(
                "{\"id\":\"web\",\"image\":\"nginx\",\"ports\":[\"8080:80\"],\"volumes\":[\"/var/cache\"],\"expose\":[\"9000\"]}");
    }

    @Test
    void anAnonymousVolumeIsCarriedAsTheSameAnonymousVolume() {
        Compose.Result r = Compose.read("""
                services:
                  db:
                    image: postgres
                    volumes:
                      - /var/lib/postgresql/data
                      - type: volume
                        target: /cache
                """, "c.yml");

        assertThat(warnings(r)).isEmpty();
        assertThat(json(r)).isEqualTo("{\"id\":\"db\",\"image\":\"postgres\",\"volumes\":[\"/var/lib/postgresql/data\",\"/cache\"]}");
    }

    @Test
    void everyOtherFieldOfTheTableIsReadUnderItsComposeKeyInComposesForms() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    cap_drop: [NET_RAW]
                    init: true
                    extra_hosts:
                      db.local: 10.0.0.5
                    sysctls:
                      - net.core.somaxconn=1024
                    ulimits:
                      nofile: {soft: 1024, hard: 2048}
                      nproc: 512
                    tmpfs: /run
                    stop_signal: SIGINT
                    devices: ["/dev/fuse"]
                """, "c.yml");

        assertThat(warnings(r)).isEmpty();
        assertThat(json(r)).isEqualTo("{\"id\":\"web\",\"image\":\"nginx\",\"cap_drop\":[\"NET_RAW\"],\"init\":true,"
                + "\"extra_hosts\":[\"db.local:10.0.0.5\"],\"sysctls\":{\"net.core.somaxconn\":\"1024\"},"
                + "\"ulimits\":{\"nofile\":{\"soft\":1024,\"hard\":2048},\"nproc\":512},\"tmpfs\":\"/run\","
                + "\"stop_signal\":\"SIGINT\",\"devices\":[\"/dev/fuse\"]}");
    }

    @Test
    void pullPolicyIfNotPresentIsMissingAndBuildIsRefusedAtItsPlace() {
        Compose.Result r = Compose.read("""
                services:
                  a:
                    image: app:1
                    pull_policy: if_not_present
                  c:
                    image: app:1
                    pull_policy: build
                """, "c.yml");

        assertThat(r.errors()).singleElement()
                .satisfies(p -> assertThat(p.format()).startsWith("c.yml:7:18: $.services.c.pull_policy: [docker-pull-policy]"
                        + " pull_policy must be \"missing\""));
        Compose.Result fine = Compose.read("""
                services:
                  a:
                    image: app:1
                    pull_policy: if_not_present
                  b:
                    image: app:1
                    pull_policy: always
                """, "c.yml");
        assertThat(fine.containers()).extracting(c -> c.extension("pull_policy").orElseThrow().asText())
                .containsExactly("missing", "always");
    }

    @Test
    void aBadValueOfATableFieldIsTheTablesProblemAtItsPlace() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    ulimits:
                      nofile: lots
                """, "c.yml");

        assertThat(errors(r)).containsExactly(
                "c.yml:5:7: $.services.web.ulimits.nofile: [docker-ulimits] ulimit \"nofile\" must be a limit name"
                        + " (nofile, nproc, core ...) with an integer, or {\"soft\": N, \"hard\": M} with N <= M");
    }

    @Test
    void dockerKeysBecomeDockerFields() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    container_name: my.web
                    hostname: web
                    user: "1000:1000"
                    working_dir: /srv
                    entrypoint: /docker-entrypoint.sh
                    dns: 8.8.8.8
                    cap_add: [NET_ADMIN]
                    privileged: true
                    read_only: yes
                    mem_limit: 1g
                    cpus: 1.5
                    network_mode: host
                    volumes_from: [data]
                    depends_on:
                      db: {condition: service_healthy}
                    labels: ["a=1", "b"]
                    scale: 3
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 30s
                      retries: 3
                """, "c.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx","scale":3,"hostname":"web","user":"1000:1000",\
                "workdir":"/srv","entrypoint":"/docker-entrypoint.sh","dns":["8.8.8.8"],"cap_add":["NET_ADMIN"],\
                "privileged":true,"read_only":true,"memory":"1g","cpus":1.5,"network":"host","volumes_from":["data"],\
                "depends_on":{"db":{"condition":"service_healthy"}},"labels":{"a":"1","b":""},"healthcheck":{"test":["CMD","true"],"interval":"30s",\
                "retries":3}}""");
        assertThat(warnings(r)).containsExactly(
                "c.yml:4:21: $.services.web.container_name: warning: [compose-name] container_name \"my.web\" is not a cccf id"
                        + " (letters, digits, '_' and '-'): the container is named \"web\"");
    }

    @Test
    void dependsOnKeepsItsConditionsWhenOneIsMoreThanStartedAndUpdateOrderComesFromDeploy() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    depends_on:
                      db: {condition: service_healthy}
                      migrate: {condition: service_completed_successfully}
                      cache: {}
                    deploy:
                      update_config: {order: start-first, parallelism: 2}
                  api:
                    image: nginx
                    depends_on: {db: {condition: service_started}, cache: {required: true}}
                """, "c.yml");
        Compose.Result bad = Compose.read("services: {api: {image: nginx, deploy: {update_config: {order: sideways}}}}", "d.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx","depends_on":{"db":{"condition":"service_healthy"},\
                "migrate":{"condition":"service_completed_successfully"},"cache":{}},"update_order":"start-first",\
                "update_config":{"parallelism":2}}
                {"id":"api","image":"nginx","depends_on":["db","cache"]}""");
        assertThat(r.warnings()).isEmpty(); // update_config is carried; the two services meet on the default network
        assertThat(bad.errors()).extracting(Problem::format).containsExactly(
                "d.yml:1:64: $.services.api.deploy.update_config.order: [docker-update-order] "
                        + "update_order must be \"start-first\" or \"stop-first\", not \"sideways\"");
    }

    @Test
    void deploysUpdateAndRollbackConfigAreTheFieldsOfTheirNamesEachKeyCheckedWhereItStands() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    deploy:
                      update_config: {parallelism: 1, delay: 10s, failure_action: rollback, monitor: 1m, max_failure_ratio: 0.3}
                      rollback_config: {parallelism: 0, order: stop-first}
                """, "c.yml");
        Compose.Result bad = Compose.read("""
                services:
                  web:
                    image: nginx
                    deploy:
                      update_config: {parallelism: 1, delay: soon}
                      rollback_config: {failure_action: rollback}
                """, "d.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx","update_config":{"parallelism":1,"delay":"10s","failure_action":"rollback",\
                "monitor":"1m","max_failure_ratio":0.3},"rollback_config":{"parallelism":0,"order":"stop-first"}}""");
        assertThat(r.warnings()).isEmpty();
        assertThat(bad.errors()).extracting(Problem::format).containsExactly(
                "d.yml:5:46: $.services.web.deploy.update_config.delay: [docker-update-config] "
                        + "update_config delay must be a duration such as \"10s\" or \"1m30s\", not \"soon\"",
                "d.yml:6:41: $.services.web.deploy.rollback_config.failure_action: [docker-rollback-config] "
                        + "rollback_config failure_action must be \"continue\", \"pause\", not \"rollback\"");
    }

    @Test
    void restartNoIsTheStringNoNotFalse() {
        Compose.Result r = Compose.read("services: {web: {image: nginx, restart: no}}", "c.yml");

        assertThat(json(r)).isEqualTo("{\"id\":\"web\",\"image\":\"nginx\",\"restart\":\"no\"}");
    }

    @Test
    void portRangesAndTheLongSyntaxArePorts() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    ports:
                      - "9000-9002:90-92"
                      - target: 80
                        published: 8080
                      - {target: 53, published: "5353", protocol: udp}
                """, "c.yml");

        assertThat(r.containers().get(0).ports())
                .containsExactly("9000:90", "9001:91", "9002:92", "8080:80", "5353:53/udp");
    }

    @Test
    void badValuesAreErrorsAtTheirPlace() {
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    ports: ["99999:80"]
                    restart: sometimes
                    environment: ["bad key=1"]
                  api:
                    restart: always
                  my.svc:
                    image: x
                """, "c.yml");

        assertThat(errors(r)).containsExactly(
                "c.yml:4:13: $.services.web.ports[0]: [port-range] port \"99999:80\": host port 99999 is outside 1-65535",
                "c.yml:5:14: $.services.web.restart: [docker-restart] restart must be \"no\", \"always\","
                        + " \"unless-stopped\", \"on-failure\" or \"on-failure:N\", not \"sometimes\"",
                "c.yml:6:19: $.services.web.environment[0]: [env-format] env \"bad key=***\" must be KEY=VALUE with a KEY"
                        + " of letters, digits, '_' and '.'",
                "c.yml:7:3: $.services.api: [compose-image] service \"api\" has no image (and no build)",
                "c.yml:9:3: $.services[\"my.svc\"]: [id-pattern] service name: id \"my.svc\" must match ^/?[A-Za-z0-9_-]+$"
                        + " (letters, digits, '_' and '-')");
        assertThat(r.containers()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            services: {web: {image: nginx}}\\nservices: {}                                  | duplicate-key | 2:1
            services: [web]                                                                  | compose-type  | 1:11
            'services:\\n  web:\\n    image: [nginx'                                          | syntax        | 3:18
            """)
    void brokenFilesAreErrors(String text, String code, String where) {
        Compose.Result r = Compose.read(text.replace("\\n", "\n").replaceAll("^'|'$", ""), "c.yml");

        assertThat(r.errors()).isNotEmpty();
        assertThat(r.errors().get(0).code()).isEqualTo(code);
        assertThat(r.errors().get(0).location().orElseThrow().toString()).isEqualTo("c.yml:" + where);
    }

    @Test
    @Timeout(10)
    void anAliasBombWhereASingleValueBelongsIsATypeErrorNotExpanded() { // 10^12 values if expanded
        StringBuilder b = new StringBuilder("x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            b.append("x-a").append(i).append(": &a").append(i).append(" [");
            b.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        b.append("services: {web: {image: nginx, command: *a11}}\n");

        Compose.Result r = Compose.read(b.toString(), "bomb.yml");

        assertThat(r.errors()).extracting(Problem::code).containsOnly("compose-type").hasSize(10);
    }

    @Test
    void moreThanAHundredMergeKeyAliasesAreRead() { // getsentry/self-hosted has 133
        StringBuilder b = new StringBuilder("x-defaults: &defaults\n  image: app:1\n  restart: always\nservices:\n");
        for (int i = 0; i < 150; i++) {
            b.append("  s").append(i).append(":\n    <<: *defaults\n");
        }

        Compose.Result r = Compose.read(b.toString(), "many.yml");

        assertThat(r.errors()).isEmpty();
        assertThat(r.containers()).hasSize(150).allSatisfy(c -> assertThat(c.image()).isEqualTo("app:1"));
    }

    @Test
    void versionOneFilesHaveTheirServicesAtTheTop() {
        Compose.Result r = Compose.read("""
                web:
                  image: nginx
                  links: ["db:database"]
                db:
                  image: postgres
                """, "v1.yml");

        assertThat(r.containers()).extracting(Container::id).containsExactly("web", "db");
        assertThat(r.containers().get(0).links()).containsExactly("db:database");
    }

    @Test
    void oddKeysAreQuotedInPathsAsTheCccfReaderQuotesThem() { // the compose fuzz test's first finding
        Compose.Result r = Compose.read("""
                services:
                  "web 1":
                    image: nginx
                    environment: {"A B": x}
                    healthcheck: {"every day": 1s}
                  web:
                    image: nginx
                    "x y": 1
                """, "odd.yml");

        assertThat(errors(r)).containsExactly(
                "odd.yml:2:3: $.services[\"web 1\"]: [id-pattern] service name: id \"web 1\" must match ^/?[A-Za-z0-9_-]+$"
                        + " (letters, digits, '_' and '-')",
                "odd.yml:4:19: $.services[\"web 1\"].environment[\"A B\"]: [env-format] env \"A B=x\" must be KEY=VALUE"
                        + " with a KEY of letters, digits, '_' and '.'",
                "odd.yml:5:18: $.services[\"web 1\"].healthcheck[\"every day\"]: [docker-healthcheck] unknown healthcheck key"
                        + " \"every day\"; known: disable, interval, retries, start_interval, start_period, test, timeout");
        assertThat(warnings(r)).containsExactly(
                "odd.yml:8:5: $.services.web[\"x y\"]: warning: [compose-unsupported] \"x y\" is not carried into cccf");
    }

    @Test
    void oddDeployKeysAreQuotedInMessagesToo() { // the compose fuzz test's fourth finding: a tab reached stderr raw
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    deploy:
                      "place ment": {}
                      placement: {}
                      resources: {"li\tmits": {}, reservations: {}, limits: {"mem ory": 1, pids: 2}}
                """, "deploy.yml");

        assertThat(warnings(r)).containsExactly(
                "deploy.yml:5:7: $.services.web.deploy[\"place ment\"]: warning: [compose-unsupported] deploy[\"place ment\"] is not carried into cccf",
                "deploy.yml:6:7: $.services.web.deploy.placement: warning: [compose-unsupported] deploy.placement is not carried into cccf",
                "deploy.yml:7:19: $.services.web.deploy.resources[\"li\\tmits\"]: warning: [compose-unsupported] resources[\"li\\tmits\"]"
                        + " is not carried into cccf",
                "deploy.yml:7:34: $.services.web.deploy.resources.reservations: warning: [compose-unsupported] resources.reservations"
                        + " is not carried into cccf",
                "deploy.yml:7:61: $.services.web.deploy.resources.limits[\"mem ory\"]: warning: [compose-unsupported] limits[\"mem ory\"]"
                        + " is not carried into cccf",
                "deploy.yml:7:75: $.services.web.deploy.resources.limits.pids: warning: [compose-unsupported] limits.pids is not carried into cccf");
    }

    @Test
    void aNumberTheCccfReaderWouldRefuseIsALimitErrorNeverOutput() { // the compose fuzz test's fifth finding
        // cpus: 1e-99999999 passed the cpus check (greater than 0) and was written as cccf that did not read
        Compose.Result r = Compose.read("""
                services:
                  web:
                    image: nginx
                    cpus: 1e-99999999
                    environment: {TINY: 1e-99999999, LONG: %s}
                    deploy: {resources: {limits: {cpus: "%s"}}}
                """.formatted("9".repeat(101), "1" + "0".repeat(120)), "num.yml");

        assertThat(errors(r)).containsExactly(
                "num.yml:4:11: $.services.web.cpus: [limit] the number 1e-99999999 is out of range: cccf takes numbers"
                        + " of at most 100 characters, with a decimal exponent from -1000 to 1000",
                "num.yml:6:41: $.services.web.deploy.resources.limits.cpus: [limit] the number 10000000000000000000...0000000000"
                        + " is out of range: cccf takes numbers of at most 100 characters, with a decimal exponent from -1000 to 1000");
        // as text, where text is what the field takes
        Compose.Result env = Compose.read("services:\n  web:\n    image: nginx\n    environment: {TINY: 1e-99999999, LONG: %s}\n"
                .formatted("9".repeat(101)), "env.yml");
        assertThat(env.orThrow()).singleElement().satisfies(c -> assertThat(c.env())
                .containsExactly("TINY=1e-99999999", "LONG=" + "9".repeat(101)));
    }

    @Test
    void aCharacterYamlDoesNotAllowIsLocatedAndNamedNotPrinted() { // the compose fuzz test's second finding
        Compose.Result control = Compose.read("services:\n  web:\n    image: ngi\u0001nx\n", "ctl.yml");
        Compose.Result nul = Compose.read("services:\n  a:\n&\u0000\n", "nul.yml");

        assertThat(errors(control)).containsExactly("ctl.yml:3:15: $: [syntax] character U+0001 is not allowed in YAML");
        assertThat(errors(nul)).containsExactly("nul.yml:3:2: $: [syntax] character U+0000 is not allowed in YAML");
        assertThat(ComposeYaml.oneLine("found \u0000 here\n  and\u202ethere")).isEqualTo("found \\u0000 here and\\u202ethere");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a tag decoding to a leading space        | `services:\n  a: !<%20x> {image: x}\n`                  | t.yml:2:6: $: [syntax] not valid YAML: Tag must not contain leading or trailing spaces.
            the fuzz finding: a bad escape in a tag  | `!.%f`                                                   | t.yml:1:1: $: [syntax] not valid YAML: Tag must not contain leading or trailing spaces.
            a bad tag deep in a service              | `services:\n  a:\n    image: x\n    labels: !<%20> {a: b}\n` | t.yml:4:13: $: [syntax] not valid YAML: Tag must not contain leading or trailing spaces.
            a %TAG prefix decoding to a space        | `%TAG ! %20\n--- !x {services: {}}`                      | t.yml:2:5: $: [syntax] not valid YAML: Tag must not contain leading or trailing spaces.
            an escape beyond 7FFFFFFF                | `services:\n  a: {image: "ab\\UDDDDDDDDc"}\n`            | t.yml:2:19: $: [syntax] not valid YAML: For input string: "DDDDDDDD" under radix 16
            """)
    void snakeYamlsOtherExceptionsAreSyntaxErrorsWhereTheyHappened(String name, String text, String error) {
        // SnakeYAML throws IllegalArgumentException and NumberFormatException here, not YAMLException:
        // they ended cccf compose with an internal error (exit 3)
        assertThat(errors(Compose.read(text, "t.yml"))).containsExactly(error);
    }

    @Test
    @Timeout(10)
    void aMergeKeyBombIsResolvedInLinearTime() { // a variant of the third finding: SnakeYAML's merge took 2^n steps
        StringBuilder b = new StringBuilder("x-a0: &a0 {? [x]: 1, ? [y]: 2, LEVEL: \"0\"}\n");
        for (int i = 1; i < 45; i++) {
            b.append("x-a").append(i).append(": &a").append(i).append(" {<<: [*a").append(i - 1).append(", *a").append(i - 1)
                    .append("], L").append(i).append(": \"").append(i).append("\"}\n");
        }
        b.append("services: {web: {image: busybox, environment: {<<: *a44, LEVEL: top}}}\n");

        Compose.Result r = Compose.read(b.toString(), "merge-bomb.yml");

        assertThat(r.errors()).isEmpty();
        List<String> env = r.containers().get(0).env();
        assertThat(env).hasSize(45).startsWith("LEVEL=top", "L44=44", "L43=43").endsWith("L1=1");
    }

    @Test
    void aMergeKeyTakesAMappingOrAListOfMappingsAndOwnKeysWin() {
        Compose.Result r = Compose.read("""
                x-a: &a {restart: always, user: a}
                x-b: &b {user: b, hostname: b}
                services:
                  web: {<<: [*a, *b], image: nginx, hostname: web}
                  db: {<<: [*a, 1], image: postgres}
                """, "merge.yml");

        assertThat(errors(r)).containsExactly(
                "merge.yml:5:12: $.services.db[\"<<\"]: [compose-type] a merge key (<<) takes a mapping or a list of mappings,"
                        + " not a list");
        Compose.Result ok = Compose.read("""
                x-a: &a {restart: always, user: a}
                x-b: &b {user: b, hostname: b}
                services:
                  web: {<<: [*a, *b], image: nginx, hostname: web}
                """, "merge.yml");
        assertThat(json(ok)).isEqualTo("{\"id\":\"web\",\"image\":\"nginx\",\"hostname\":\"web\",\"restart\":\"always\",\"user\":\"a\"}");
    }

    @Test
    @Timeout(10)
    void aMappingThatMergesItselfIsAnErrorNotALoop() { // the compose fuzz test's third finding: SnakeYAML looped forever
        Compose.Result r = Compose.read("""
                x-defaults: &defaults
                  restart: always
                  <<: *defaults
                services:
                  web: {<<: *defaults, image: nginx}
                """, "self.yml");

        assertThat(errors(r)).containsExactly("self.yml:1:13: $.x-defaults[\"<<\"]: [compose-type] a mapping cannot merge itself (<<)");
    }
}
