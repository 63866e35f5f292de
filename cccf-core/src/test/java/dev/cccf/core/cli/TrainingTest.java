package dev.cccf.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {

    @Test
    void eachCommandLineRunsOnceWithTheDirectoryInPlaceAsIfStdoutWereNoTerminal() {
        List<List<String>> ran = new ArrayList<>();
        List<String> printed = new ArrayList<>();

        int code = Training.run("/repo/examples", streams -> new Tool(streams) {
            @Override
            protected String name() {
                return "cccf test";
            }

            @Override
            protected String help() {
                return "";
            }

            @Override
            protected int run(Args args) {
                ran.add(args.positional());
                stdout.println("data");
                stderr.println("message");
                printed.add(String.valueOf(env.get("CCCF_STDOUT_TTY")));
                return ExitCode.INVALID;
            }
        }, new String[] {"{dir}/app.json"}, new String[] {"{dir}/current.json", "{dir}/app.json"});

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(ran).containsExactly(List.of("/repo/examples/app.json"),
                List.of("/repo/examples/current.json", "/repo/examples/app.json"));
        assertThat(printed).containsExactly("0", "0");
    }
}
