package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compose project as docker compose reads it: variables, files beside the compose file, several files, profiles, names. */
class ComposeProjectTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private Compose.Result read(Compose.Options options, String... files) throws IOException {
        List<Compose.Input> inputs = new ArrayList<>();
        for (String f : files) {
            Path p = dir.resolve(f);
            inputs.add(new Compose.Input(Files.readString(p), p.toString(), p));
        }
        return Compose.read(inputs, options);
    }

    private static Compose.Options env(Map<String, String> environment) {
        return new Compose.Options(environment, null, List.of(), List.of(), null);
    }

    private static String json(Compose.Result r) {
        return ComposeTest.json(r);
    }

    private List<String> warnings(Compose.Result r) {
        return r.warnings().stream().map(p -> p.format().replace(dir + "/", "")).toList();
    }

    private List<String> errors(Compose.Result r) {
        return r.errors().stream().map(p -> p.format().replace(dir + "/", "")).toList();
    }

    @Test
    void variablesComeFromTheEnvironmentOverTheDotEnvBesideTheFile() throws IOException {
        write(".env", """
                # the defaults
                TAG=1.25
                export PORT=8080
                GREETING="hello\\nworld"
                LITERAL='$HOME stays'
                HOST_PORT=${PORT}  # a comment
                """);
        write("compose.yml", """
                services:
                  web:
                    image: nginx:${TAG}
                    ports: ["${HOST_PORT}:80", "${OTHER:-9090}:90"]
                    environment:
                      GREETING: $GREETING
                      LITERAL: ${LITERAL}
                      PASSWORD: pa$$word
                    privileged: ${PRIVILEGED:-false}
                """);

        Compose.Result r = read(env(Map.of("TAG", "1.27")), "compose.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx:1.27","ports":["8080:80","9090:90"],\
                "env":["GREETING=hello\\nworld","LITERAL=$HOME stays","PASSWORD=pa$word"],"privileged":false}""");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void anEnvFileOptionReplacesTheDotEnv() throws IOException {
        write(".env", "TAG=from-dot-env\n");
        write("prod.env", "TAG=from-prod\n");
        write("compose.yml", "services: {web: {image: 'nginx:${TAG}'}}\n");

        Compose.Result r = read(new Compose.Options(Map.of(), null, List.of(dir.resolve("prod.env")), List.of(), null), "compose.yml");

        assertThat(r.containers()).extracting(Container::image).containsExactly("nginx:from-prod");
    }

    @Test
    void aMissingRequiredVariableIsALocatedErrorAndAnUnsetOneAWarning() throws IOException {
        write("compose.yml", """
                services:
                  db:
                    image: postgres:${PG_VERSION}
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}
                """);

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(errors(r)).containsExactly("compose.yml:5:26: $.services.db.environment.POSTGRES_PASSWORD: [compose-required]"
                + " required variable \"DB_PASSWORD\" is not set: set DB_PASSWORD in .env");
        assertThat(warnings(r)).containsExactly("compose.yml:3:12: $.services.db.image: warning: [compose-unset] variable"
                + " \"PG_VERSION\" is not set: an empty string is used");
    }

    @Test
    void anUnsetVariableIsAnEmptyValueNotAMissingOne() { // airflow's AIRFLOW__CORE__FERNET_KEY: ${FERNET_KEY}
        Compose.Result r = Compose.read("services:\n  web:\n    image: x\n    environment:\n      KEY: ${FERNET_KEY}\n      PIP: ${PIP:-}\n",
                "c.yml");

        assertThat(r.containers().get(0).env()).containsExactly("KEY=", "PIP=");
    }

    @Test
    void keysAreNotSubstitutedAndABadEnvLineIsLocated() throws IOException {
        write(".env", "A=1\nthis is not a variable\n");
        write("compose.yml", "services: {web: {image: x, labels: {$A: '$A'}}}\n");

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(errors(r)).containsExactly(".env:2:1: $: [compose-env-file] line \"this is not a variable\" must be KEY=VALUE",
                "compose.yml:1:36: $.services.web.labels[\"$A\"]: [docker-labels] label key \"$A\" must start with a letter or digit"
                        + " and hold only letters, digits, '.', '_', '/' and '-'");
    }

    @Test
    void relativeBindPathsAreResolvedAgainstTheFilesFolderAndTildeAgainstHome() throws IOException {
        write("app/compose.yml", """
                services:
                  web:
                    image: nginx
                    volumes:
                      - ./html:/usr/share/nginx/html:ro
                      - .:/code
                      - ../shared:/shared
                      - ~/.cache:/cache
                      - data:/data
                      - /var/log:/logs
                      - type: bind
                        source: ./conf
                        target: /etc/nginx/conf.d
                """);

        Compose.Result r = read(env(Map.of("HOME", "/home/me")), "app/compose.yml");

        Path app = dir.resolve("app");
        assertThat(r.containers().get(0).volumes()).containsExactly(app + "/html:/usr/share/nginx/html:ro", app + ":/code",
                dir + "/shared:/shared", "/home/me/.cache:/cache", "data:/data", "/var/log:/logs", app + "/conf:/etc/nginx/conf.d");
    }

    @Test
    void aServiceThatIsOnlyBuiltRunsTheImageComposeWouldBuildWithAWarning() throws IOException {
        write("shop/compose.yml", """
                services:
                  api:
                    build: ./api
                  worker:
                    build: {context: ., dockerfile: Dockerfile.worker}
                    image: shop/worker:1
                """);

        Compose.Result r = read(env(Map.of()), "shop/compose.yml");

        assertThat(r.containers()).extracting(Container::image).containsExactly("shop-api", "shop/worker:1");
        assertThat(warnings(r)).containsExactly( // the folders' absolute paths, less the test's folder
                "shop/compose.yml:3:5: $.services.api.build: warning: [compose-build] cccf builds no image: build \"shop-api\""
                        + " first (docker build -t shop-api shop/api, or docker compose build api)",
                "shop/compose.yml:5:5: $.services.worker.build: warning: [compose-build] cccf builds no image: build"
                        + " \"shop/worker:1\" first (docker build -t shop/worker:1 shop, or docker compose build worker)");
    }

    @Test
    void theProjectNameIsTheOptionThenTheVariableThenTheFilesNameThenTheFolder() throws IOException {
        write("My Shop.v2/compose.yml", "services: {api: {build: .}}\n");
        write("named/compose.yml", "name: ${NAME:-store}\nservices: {api: {build: .}}\n");

        assertThat(read(env(Map.of()), "My Shop.v2/compose.yml").project()).isEqualTo("myshopv2");
        assertThat(read(env(Map.of()), "named/compose.yml").project()).isEqualTo("store");
        assertThat(read(env(Map.of("COMPOSE_PROJECT_NAME", "fromenv")), "named/compose.yml").project()).isEqualTo("fromenv");
        assertThat(read(new Compose.Options(Map.of("COMPOSE_PROJECT_NAME", "fromenv"), null, List.of(), List.of(), "given"),
                "named/compose.yml").containers()).extracting(Container::image).containsExactly("given-api");
    }

    @Test
    void containerNameNamesTheContainerAndReferencesFollowIt() throws IOException {
        write("compose.yml", """
                services:
                  web:
                    image: nginx
                    container_name: shop-web
                    links: [db, "db:database"]
                    depends_on: [db]
                    volumes_from: ["db:ro", "container:other"]
                  db:
                    image: postgres
                    container_name: shop-db
                  sidecar:
                    image: busybox
                    network_mode: service:web
                """);

        Compose.Result r = read(new Compose.Options(Map.of(), null, List.of(), List.of(), "shop"), "compose.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"shop-web","image":"nginx","links":["shop-db:db","shop-db:database"],\
                "depends_on":["shop-db"],"volumes_from":["shop-db:ro","other"],\
                "networks":{"shop_default":{"aliases":["web"]}}}
                {"id":"shop-db","image":"postgres","networks":{"shop_default":{"aliases":["db"]}}}
                {"id":"sidecar","image":"busybox","network":"container:shop-web"}""");
    }

    @Test
    void envKeysWithDotsAndRangesOfExposedPortsAreCarried() throws IOException {
        write("compose.yml", """
                services:
                  es:
                    image: elasticsearch:8.13.0
                    environment:
                      discovery.type: single-node
                      - ignored: no
                """.replace("      - ignored: no\n", "") + "    expose: [\"5000-5002\", \"6000-6001/udp\"]\n");

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"es","image":"elasticsearch:8.13.0","env":["discovery.type=single-node"],\
                "expose":["5000","5001","5002","6000/udp","6001/udp"]}""");
    }

    @Test
    void envFilesAreReadUnderTheEnvironmentKey() throws IOException {
        write("conf/app.env", "MODE=dev\nLEVEL=info\n");
        write("compose.yml", """
                services:
                  app:
                    image: app
                    env_file:
                      - conf/app.env
                      - path: ./missing.env
                        required: false
                    environment:
                      MODE: prod
                """);

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(r.containers().get(0).env()).containsExactlyInAnyOrder("MODE=prod", "LEVEL=info");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aMissingRequiredEnvFileIsALocatedError() throws IOException {
        write("compose.yml", "services:\n  app:\n    image: app\n    env_file: nope.env\n");

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(errors(r)).containsExactly("compose.yml:4:15: $.services.app.env_file: [compose-file] nope.env: no such file"); // the absolute path, less the test's folder
    }

    @Test
    void extendsTakesAServiceOfTheSameFileOrOfAnother() throws IOException {
        write("common/base.yml", """
                services:
                  base:
                    image: app:1
                    environment: [LOG=info, MODE=base]
                    volumes: ["./data:/data"]
                """);
        write("compose.yml", """
                services:
                  web:
                    extends: {file: common/base.yml, service: base}
                    environment: {MODE: web}
                    ports: ["80:80"]
                  worker:
                    extends: web
                    command: work
                """);

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"app:1","ports":["80:80"],"env":["LOG=info","MODE=web"],\
                "volumes":["%1$s/common/data:/data"]}
                {"id":"worker","image":"app:1","cmd":"work","ports":["80:80"],"env":["LOG=info","MODE=web"],\
                "volumes":["%1$s/common/data:/data"]}""".formatted(dir));
    }

    @Test
    void anExtendsCycleAndAnUnknownServiceAreErrors() throws IOException {
        write("compose.yml", """
                services:
                  a: {image: x, extends: b}
                  b: {image: x, extends: a}
                  c: {image: x, extends: nope}
                """);

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(errors(r)).containsExactly(
                "compose.yml:2:26: $.services.a.extends: [compose-extends] extends makes a cycle: a -> b -> a",
                "compose.yml:4:26: $.services.c.extends: [compose-extends] extends an unknown service \"nope\"");
    }

    @Test
    void includedFilesAddTheirServicesWithTheirOwnFolder() throws IOException {
        write("db/compose.yml", "services:\n  db:\n    image: postgres\n    volumes: [./pgdata:/var/lib/postgresql/data]\n");
        write("compose.yml", "include:\n  - db/compose.yml\nservices:\n  web: {image: nginx, depends_on: [db]}\n");

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx","depends_on":["db"]}
                {"id":"db","image":"postgres","volumes":["%s/db/pgdata:/var/lib/postgresql/data"]}""".formatted(dir));
    }

    @Test
    void severalFilesAreMergedInOrderWithComposesRules() throws IOException {
        write("compose.yml", """
                services:
                  web:
                    image: nginx:1.25
                    command: ["nginx", "-g", "daemon off;"]
                    ports: ["80:80"]
                    environment: [MODE=prod, LOG=warn]
                    volumes: ["./html:/usr/share/nginx/html:ro", "logs:/var/log"]
                  db:
                    image: postgres
                """);
        write("compose.override.yml", """
                services:
                  web:
                    image: nginx:1.27
                    command: nginx-debug
                    ports: ["8080:8080"]
                    environment: {LOG: debug}
                    volumes: ["./src:/usr/share/nginx/html"]
                  tools:
                    image: busybox
                """);

        Compose.Result r = read(env(Map.of()), "compose.yml", "compose.override.yml");

        assertThat(json(r)).isEqualTo("""
                {"id":"web","image":"nginx:1.27","cmd":"nginx-debug","ports":["80:80","8080:8080"],\
                "env":["MODE=prod","LOG=debug"],"volumes":["%1$s/src:/usr/share/nginx/html","logs:/var/log"]}
                {"id":"db","image":"postgres"}
                {"id":"tools","image":"busybox"}""".formatted(dir));
    }

    @Test
    void servicesWithProfilesAreOffUnlessOneIsOn() throws IOException {
        write("compose.yml", """
                services:
                  web: {image: nginx}
                  debug: {image: busybox, profiles: [debug]}
                  admin: {image: adminer, profiles: [tools, admin]}
                """);

        assertThat(read(env(Map.of()), "compose.yml").containers()).extracting(Container::id).containsExactly("web");
        assertThat(read(new Compose.Options(Map.of(), null, List.of(), List.of("admin"), null), "compose.yml").containers())
                .extracting(Container::id).containsExactly("web", "admin");
        assertThat(read(env(Map.of("COMPOSE_PROFILES", "debug,tools")), "compose.yml").containers())
                .extracting(Container::id).containsExactly("web", "debug", "admin");
    }

    @Test
    void aFileWithoutServicesIsAWarningNotAnError() throws IOException {
        write("compose.yml", "version: '3.8'\nnetworks:\n  front: {}\n");

        Compose.Result r = read(env(Map.of()), "compose.yml");

        assertThat(r.errors()).isEmpty();
        assertThat(r.containers()).isEmpty();
        assertThat(warnings(r)).containsExactly("compose.yml:1:1: $: warning: [compose-services] no services in this compose file");
    }

    @Test
    void namedVolumesAndTheProjectNameAreDeclaredAsADocumentObjectDeclaresThem() throws IOException {
        write("shop/compose.yml", """
                services:
                  db: {image: postgres, volumes: ["pgdata:/var/lib/postgresql/data", "backup:/backup"]}
                volumes:
                  pgdata:
                  cache: {driver: local, driver_opts: {type: tmpfs, device: tmpfs, o: "size=100m"}, labels: [tier=hot]}
                  backup: {external: true}
                """);

        Compose.Result r = read(env(Map.of()), "shop/compose.yml");

        assertThat(r.declarations().name()).isEqualTo("shop");
        assertThat(r.declarations().volumes()).containsOnlyKeys("pgdata", "cache");
        assertThat(r.declarations().volumes().get("pgdata")).isEqualTo(Declarations.Volume.DEFAULT);
        assertThat(r.declarations().volumes().get("cache")).isEqualTo(new Declarations.Volume("local",
                Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=100m"), Map.of("tier", "hot")));
        assertThat(warnings(r)).containsExactly("shop/compose.yml:6:12: $.volumes.backup.external: warning: [compose-partial]"
                + " volume \"backup\" is external: not declared, so cccf neither makes nor removes it; containers mount it as they find it");
    }
}
