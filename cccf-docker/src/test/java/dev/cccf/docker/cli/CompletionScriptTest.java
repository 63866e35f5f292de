package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cccf completion bash} in a real bash: what it offers after each command line (the words before the cursor). */
class CompletionScriptTest {
    @TempDir
    static Path dir;
    static Path script;

    @BeforeAll
    static void writeTheScriptAndSomeFiles() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DockerMain.run(new String[] {"completion", "bash"}, new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of()));
        assertThat(code).isZero();
        script = Files.write(dir.resolve("cccf.bash"), out.toByteArray());
        Files.writeString(dir.resolve("app.json"), "[]");
        Files.writeString(dir.resolve("hosts.json"), "[]");
    }

    /** Runs the completion function on {@code line} (words split at '|'; the last is the one being typed). */
    private static String complete(String line) throws Exception {
        List<String> words = new ArrayList<>(List.of(line.split("\\|", -1)));
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        String function = words.get(0).equals("cccf") ? "_cccf" : "_cccf_alias";
        String program = "source " + script + "\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.size() - 1)
                + "\n" + function + "\nprintf '%s\\n' \"${COMPREPLY[@]}\" | sort | tr '\\n' ' '\n";
        Process p = new ProcessBuilder("/bin/bash", "-c", program).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "cccf|ho;                          host",
        "cccf|sc;                          scale",
        "cccf|scale|;                      down up",
        "cccf|instructions|s;              start stop",
        "cccf|host|--hos;                  --hosts",
        "cccf|host|--strategy|;            binpack random round-robin spread",
        "cccf|diff|--format|=|t;           text",
        "cccf|plan|--target|;              docker swarm",
        "cccf|instructions|run|--target|;  compose docker swarm systemd",
        "cccf|inspect|-;                   --all --compact --context --help --host --hosts --output --pretty --project --swarm --version --yaml -H -a -h -o -p",
        "cccf|validate|--hosts|;           app.json cccf.bash hosts.json",
        "cccf|host|--hosts|h;              hosts.json",
        "cccf|scale|up|a;                  app.json",
        "cccf|validate|--|--q;             ''",
        "cccf|random|--seed|;              ''",
        "cccf|completion|;                 bash zsh",
        "cccf|man|sc;                      scale",
        "cccf-host|--strategy|b;           binpack",
        "bin/cccf-scale|;                  down up",
        "cccf-instructions|run|--no;       --no-detach",
    })
    void offersToolsOptionsTheirValuesAndFiles(String line, String offered) throws Exception {
        assertThat(complete(line)).isEqualTo(offered);
    }
}
