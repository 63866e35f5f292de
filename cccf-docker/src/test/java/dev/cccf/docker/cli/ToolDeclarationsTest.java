package dev.cccf.docker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.cli.Option;
import dev.cccf.core.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool's {@code --help}, its block of {@code cccf completion bash} and its {@code cccf man}
 * page name exactly the options the tool declares: each is read back from its own text here, so a
 * hand-written line that one of them gains, or an option one of them loses, fails.
 */
class ToolDeclarationsTest {
    private static final Tool.Streams NOWHERE = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of());

    static Stream<Tool> everyTool() {
        return DockerMain.allTools().stream().map(f -> f.apply(NOWHERE));
    }

    private static String run(Tool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Tool.Streams streams = new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0"));
        int code = DockerMain.allTools().stream().map(f -> f.apply(streams))
                .filter(t -> t.command().equals(tool.command())).findFirst().orElseThrow().execute(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String docker(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DockerMain.run(args, new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CCCF_STDOUT_TTY", "0")));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<String> declared(Tool tool) {
        Set<String> names = new TreeSet<>();
        for (Option o : tool.allOptions()) {
            names.add(o.name());
            if (!o.shortName().isEmpty()) {
                names.add(o.shortName());
            }
        }
        return names;
    }

    private static String key(Tool tool) {
        return tool.command().substring("cccf ".length());
    }

    /** The names at the start of each entry of the Options section: "  -o, --output FILE ...". */
    private static Set<String> inHelp(String help) {
        String options = help.substring(help.indexOf("\nOptions:\n"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  (?:(-[A-Za-z]), |    )(--[a-z0-9-]+)").matcher(options);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
            names.add(m.group(2));
        }
        return names;
    }

    /** The words of opts="..." in the tool's case of the completion function. */
    private static Set<String> inCompletion(String script, String key) {
        Matcher m = Pattern.compile("\n        \"" + Pattern.quote(key) + "\"\\)\n            opts=\"([^\"]*)\"").matcher(script);
        assertThat(m.find()).as("a block for " + key).isTrue();
        return new TreeSet<>(Arrays.asList(m.group(1).split(" ")));
    }

    /** The bold names of each .TP entry of the OPTIONS section. */
    private static Set<String> inManPage(String page) {
        String options = page.substring(page.indexOf(".SH OPTIONS\n"), page.indexOf("\n.SH ", page.indexOf(".SH OPTIONS\n")));
        Set<String> names = new TreeSet<>();
        Matcher entry = Pattern.compile("\\.TP\n([^\n]*)").matcher(options);
        while (entry.find()) {
            Matcher bold = Pattern.compile("\\\\fB([^\\\\]*(?:\\\\-[^\\\\]*)*)\\\\fR").matcher(entry.group(1));
            while (bold.find()) {
                names.add(bold.group(1).replace("\\-", "-"));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTool")
    void helpCompletionAndManPageNameExactlyTheDeclaredOptions(Tool tool) {
        Set<String> declared = declared(tool);

        assertThat(inHelp(run(tool, "--help"))).as("--help").isEqualTo(declared);
        assertThat(inCompletion(docker("completion", "bash"), key(tool))).as("completion").isEqualTo(declared);
        assertThat(inManPage(docker(("man " + key(tool)).split(" ")))).as("man page").isEqualTo(declared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTool")
    void everyOptionHasHelpAndEveryToolASummary(Tool tool) {
        assertThat(tool.allOptions()).allSatisfy(o -> assertThat(o.help()).as(o.name()).isNotBlank());
        String page = docker(("man " + key(tool)).split(" "));
        String name = page.substring(page.indexOf(".SH NAME\n") + 9).lines().findFirst().orElseThrow();
        String prefix = tool.command().replace(' ', '-').replace("-", "\\-") + " \\- ";
        assertThat(name).startsWith(prefix);
        assertThat(name.substring(prefix.length())).as("summary").hasSizeBetween(10, 80).doesNotEndWith(".");
    }

    @Test
    void manWritesEveryPageIntoAFolderAndRefusesAToolThatIsNot(@TempDir Path dir) throws Exception {
        docker("man", "--dir", dir.resolve("man1").toString());

        try (Stream<Path> pages = Files.list(dir.resolve("man1"))) {
            assertThat(pages.map(p -> p.getFileName().toString())).hasSize(DockerMain.allTools().size())
                    .contains("cccf-validate.1", "cccf-scale-up.1", "cccf-instructions-plan.1", "cccf-apply.1", "cccf-man.1");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DockerMain.run(new String[] {"man", "scale", "sideways"}, new Tool.Streams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cccf man: no tool scale sideways; tools: validate, random, scale up,");
    }
}
