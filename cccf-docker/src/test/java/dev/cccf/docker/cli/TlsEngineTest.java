package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Tool;
import dev.cccf.testkit.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cccf apply} and {@code cccf inspect} on the engine of {@code scripts/engines.sh} that
 * listens only with {@code --tlsverify} (CCCF_TEST_TLS): reached as docker users reach it, through
 * DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, through a context made by {@code docker context create}, and
 * through {@code ssh://} (the sshd of engines.sh, CCCF_TEST_SSH, whose sessions reach this
 * engine); and refused, with a message saying why and exit 3, without certificates, with a client
 * of another CA, with a name the engine's certificate is not for, with a login sshd refuses.
 */
@Tag("engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsEngineTest {
    private final String project = "cccftls" + UUID.randomUUID().toString().substring(0, 8);
    private TestEngines.TlsEngine engine;
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    void engine() {
        engine = TestEngines.requireTls();
    }

    @AfterAll
    void removeWhatTheTestsMade() throws IOException {
        if (engine != null) {
            Path empty = Files.createTempFile("cccf-tls", ".json");
            Files.writeString(empty, "[]");
            cccf(tlsEnv(), "apply", empty.toString(), "--project", project);
            cccf(tlsEnv(), "apply", empty.toString(), "--project", project + "c");
            cccf(tlsEnv(), "apply", empty.toString(), "--project", project + "s");
            Files.delete(empty);
        }
    }

    private Map<String, String> tlsEnv() {
        return Map.of("DOCKER_HOST", engine.url(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", engine.client().toString(),
                "DOCKER_CONFIG", dir.resolve("no-config").toString());
    }

    private static Run cccf(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DockerMain.run(args, new Tool.Streams(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** One container, {@code NAME-web}, in the file NAME/wanted.json (so the project is NAME). */
    private Path wanted(String name) throws IOException {
        return Files.writeString(Files.createDirectories(dir.resolve(name)).resolve("wanted.json"), """
                [{"id": "%s-web", "image": "%s", "cmd": ["sleep", "3600"], "env": ["MODE=tls"]}]"""
                .formatted(name, TestEngines.IMAGE));
    }

    /** Runs the docker CLI (the one engines.sh installed) with this DOCKER_CONFIG. */
    private static void docker(Path config, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("DOCKER_CONFIG", config.toString());
        pb.environment().remove("DOCKER_HOST");
        pb.environment().remove("DOCKER_CONTEXT");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("docker " + String.join(" ", args) + ": " + output).isZero();
    }

    /** {@code docker context create NAME} in {@code config} for the TLS engine, with the client's certificates. */
    private void createContext(Path config, String name) throws IOException, InterruptedException {
        Path c = engine.client();
        docker(config, "context", "create", name, "--docker", "host=" + engine.url() + ",ca=" + c.resolve("ca.pem")
                + ",cert=" + c.resolve("cert.pem") + ",key=" + c.resolve("key.pem"));
    }

    @Test
    void applyAndInspectThroughDockerTlsVerifyAndDockerCertPath() throws IOException {
        Path wanted = wanted(project);

        Run first = cccf(tlsEnv(), "apply", wanted.toString(), "--compact");
        Run again = cccf(tlsEnv(), "apply", wanted.toString(), "--compact");
        Run inspect = cccf(tlsEnv(), "inspect", "--compact");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"created\":[{\"id\":\"" + project + "-web\",\"host\":\"" + engine.url() + "\"}]");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("nothing to do: 1 container(s) as wanted");
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("\"id\":\"" + project + "-web\"").contains("\"env\":[\"MODE=tls\"]");
    }

    @Test
    void inspectAndApplyThroughAContextMadeByDockerContextCreate() throws Exception {
        Path config = dir.resolve("docker-config");
        createContext(config, "tls-test");

        Run named = cccf(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "tls-test"), "inspect", "--all");
        Run flag = cccf(Map.of("DOCKER_CONFIG", config.toString()), "inspect", "--all", "--context", "tls-test");
        docker(config, "context", "use", "tls-test");
        Run current = cccf(Map.of("DOCKER_CONFIG", config.toString()), "inspect", "--all");
        Run applied = cccf(Map.of("DOCKER_CONFIG", config.toString()), "apply", wanted(project + "c").toString(), "--compact");

        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).startsWith("[");
        assertThat(flag.code()).as(flag.err()).isZero();
        assertThat(flag.out()).isEqualTo(named.out());
        assertThat(current.code()).as(current.err()).isZero();
        assertThat(current.out()).isEqualTo(named.out());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("\"created\":[{\"id\":\"" + project + "c-web\",\"host\":\"" + engine.url() + "\"}]");
    }

    @Test
    void theTcpEnginesOfAHostsFileUseTheCertificatesOfDockerCertPath() throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "secure", "docker": "%s", "labels": {"tls": "yes"}}]""".formatted(engine.url()));
        Map<String, String> env = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", engine.client().toString());

        Run run = cccf(env, "inspect", "--hosts", hosts.toString(), "--all", "--compact");
        Run plain = cccf(Map.of(), "inspect", "--hosts", hosts.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("[");
        assertThat(plain.code()).isEqualTo(3);
        assertThat(plain.err()).startsWith("cccf inspect: host secure (" + engine.url() + "): the engine speaks TLS and was"
                + " reached without it");
    }

    @Test
    void aHostOfTheHostsFileMayNameADockerContextWhichGivesItsAddressAndCertificates() throws Exception {
        Path config = dir.resolve("hosts-context-config");
        createContext(config, "tls-hosts");
        Path hosts = Files.writeString(dir.resolve("context-hosts.json"), """
                [{"id": "secure", "context": "tls-hosts", "labels": {"tls": "yes"}}]""");
        Path unknown = Files.writeString(dir.resolve("unknown-hosts.json"), """
                [{"id": "secure", "context": "nowhere"}]""");

        Run run = cccf(Map.of("DOCKER_CONFIG", config.toString()), "inspect", "--hosts", hosts.toString(), "--all", "--compact");
        Run missing = cccf(Map.of("DOCKER_CONFIG", config.toString()), "inspect", "--hosts", unknown.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("[");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("cccf inspect: docker context \"nowhere\" (from host secure's context in " + unknown
                + ") does not exist");
    }

    @Test
    void applyAndInspectThroughSsh() throws IOException {
        TestEngines.SshEngine ssh = TestEngines.requireSsh();
        Map<String, String> env = Map.of("CCCF_SSH", ssh.command());
        Path wanted = wanted(project + "s");

        Run first = cccf(env, "apply", wanted.toString(), "-H", ssh.url(), "--compact");
        Run again = cccf(env, "apply", wanted.toString(), "-H", ssh.url(), "--compact");
        Run inspect = cccf(env, "inspect", "-H", ssh.url(), "--compact");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"created\":[{\"id\":\"" + project + "s-web\",\"host\":\"" + ssh.url() + "\"}]");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("nothing to do: 1 container(s) as wanted");
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("\"id\":\"" + project + "s-web\"");
    }

    @Test
    void oneSshSessionCarriesEveryRequestOfAnInspect() throws IOException {
        TestEngines.SshEngine ssh = TestEngines.requireSsh();
        Path log = dir.resolve("ssh.log");
        Path wrapper = Files.writeString(dir.resolve("ssh-logged"), "#!/bin/sh\necho \"$*\" >> " + log + "\nexec "
                + ssh.command() + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        Run applied = cccf(Map.of("CCCF_SSH", ssh.command()), "apply", wanted(project + "s").toString(), "-H", ssh.url());

        Run run = cccf(Map.of("CCCF_SSH", wrapper.toString()), "inspect", "--all", "-H", ssh.url());

        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(project + "s-web"); // _ping, the list, the container, its image: one session
        assertThat(Files.readAllLines(log)).as("ssh sessions").hasSize(1);
    }

    @Test
    void aLoginTheSshdRefusesIsAFailureWithWhatSshSaid() {
        TestEngines.SshEngine ssh = TestEngines.requireSsh();
        String nobody = ssh.url().replace("root@", "nobody@");

        Run run = cccf(Map.of("CCCF_SSH", ssh.command()), "inspect", "-H", nobody);

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("cccf inspect: " + nobody + ": unreachable: ssh -F ")
                .contains(" docker system dial-stdio ended without an answer (exit 255): ")
                .contains("Permission denied (publickey)");
    }

    @Test
    void aHostsFileGivesEachEngineItsOwnTlsFiles() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.copy(engine.client().resolve(f), certs.resolve(f));
        }
        Path hosts = Files.writeString(dir.resolve("hosts.json"), """
                [{"id": "secure", "docker": "%s", "tls": {"ca": "certs/ca.pem", "cert": "certs/cert.pem", "key": "certs/key.pem"}}]"""
                .formatted(engine.url()));

        Run run = cccf(Map.of("DOCKER_CONFIG", dir.resolve("no-config").toString()), "inspect", "--hosts", hosts.toString(),
                "--all", "--compact");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("[");
    }

    @Test
    void withoutCertificatesTheEngineIsAFailureThatSaysSo() {
        Run run = cccf(Map.of("DOCKER_HOST", engine.url(), "DOCKER_CONFIG", dir.toString()), "inspect");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("cccf inspect: " + engine.url() + ": the engine speaks TLS and was reached without"
                + " it: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), use https://, or a docker"
                + " context made with its certificates\n");
    }

    @Test
    void anEngineNotSignedByTheGivenCaIsRefused() {
        Map<String, String> env = new HashMap<>(tlsEnv());
        env.put("DOCKER_CERT_PATH", engine.rogue().toString());

        Run run = cccf(env, "inspect");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("the engine's certificate is not signed by the CA of " + engine.rogue().resolve("ca.pem"));
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefusedByTheEngine() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(engine.client().resolve("ca.pem"), mixed.resolve("ca.pem"));
        Files.copy(engine.rogue().resolve("cert.pem"), mixed.resolve("cert.pem"));
        Files.copy(engine.rogue().resolve("key.pem"), mixed.resolve("key.pem"));
        Map<String, String> env = new HashMap<>(tlsEnv());
        env.put("DOCKER_CERT_PATH", mixed.toString());

        Run run = cccf(env, "inspect");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("the engine refused the client certificate " + mixed.resolve("cert.pem"));
    }

    @Test
    void aNameTheEnginesCertificateIsNotForIsRefused() {
        Map<String, String> env = new HashMap<>(tlsEnv());
        env.put("DOCKER_HOST", engine.url().replace("127.0.0.1", "localhost"));

        Run run = cccf(env, "inspect");

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("the engine's certificate is not for localhost");
    }

    @Test
    void httpsIsTlsWithTheCertificatesOfDockerCertPath() {
        Run run = cccf(Map.of("DOCKER_CERT_PATH", engine.client().toString()), "inspect", "-H",
                engine.url().replace("tcp://", "https://"), "--compact");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("[");
    }
}
