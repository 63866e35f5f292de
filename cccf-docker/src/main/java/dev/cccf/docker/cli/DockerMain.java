package dev.cccf.docker.cli;

import dev.cccf.core.cli.CompletionTool;
import dev.cccf.core.cli.CoreMain;
import dev.cccf.core.cli.ManTool;
import dev.cccf.core.cli.Tool;
import dev.cccf.diff.cli.DiffMain;
import dev.cccf.host.cli.HostMain;
import dev.cccf.instructions.cli.InstructionsMain;
import dev.cccf.scale.cli.ScaleMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code java -jar cccf-docker.jar inspect|plan|apply|compose ...} (bin/cccf passes the tool name first). */
public final class DockerMain {
    /** The JDK's selector provider on Linux: the one it picks when no other is named or found. */
    private static final String LINUX_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    private DockerMain() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--cds-training")) { // bin/cccf's class-data archive
            System.exit(train(args[1]));
        }
        if (args.length > 0 && !List.of("compose", "completion", "man").contains(args[0])) {
            warmUp(); // inspect, plan and apply may talk to engines
        }
        Tool.Streams streams = Tool.Streams.system();
        Tool.exit(args, streams, run(args, streams));
    }

    /**
     * The training run of bin/cccf's class-data archive: plan on the examples; then apply (from
     * nothing, and again with nothing to do), inspect and plan on the example hosts, each served
     * by a {@link TrainingEngine}, so the archive holds what a run against engines loads (no
     * engine is needed); and the error path of an engine that is not there.
     */
    static int train(String dir) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        List<TrainingEngine> engines = new ArrayList<>();
        try {
            String hosts = TrainingEngine.hostsFile(Path.of(dir, "hosts.json"), engines).toString();
            String[][] lines = {
                {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json"},
                {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json", "--format", "argv", "--labels"},
                {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json", "--format", "shell"},
                {"plan", dir + "/app.json", "--hosts", dir + "/hosts.json", "--format", "json"},
                {"apply", dir + "/app.json", "--hosts", hosts},
                {"apply", dir + "/app.json", "--hosts", hosts},
                {"inspect", "--hosts", hosts, "--all"},
                {"plan", dir + "/app.json", "--hosts", hosts, "--inspect"},
                {"apply", dir + "/app.json", "-H", "unix:///nonexistent/cccf-training.sock"},
            };
            for (String[] line : lines) {
                run(line, new Tool.Streams(InputStream.nullInputStream(), nowhere, nowhere, Map.of("CCCF_STDOUT_TTY", "0")));
            }
            return 0;
        } catch (IOException e) {
            return 1; // no archive then: bin/cccf runs without one
        } finally {
            engines.forEach(TrainingEngine::close);
        }
    }

    /**
     * Gets the JDK ready for the first socket channel of this process, which is about to talk to
     * engines (it sets a system property, so it belongs here and not in a library class).
     * <ul>
     * <li>Left to itself, the JDK looks for a selector provider with a service-loader scan that
     * opens every jar on the class path: about 50 ms at the start of a process with cccf-docker's
     * 30 jars, most of it in the 8 MB of bcprov. On Linux this names the JDK's own epoll provider
     * (the one the JDK picks after the scan finds none), so there is no scan; elsewhere, or when
     * the process names a provider of its own, the look-up runs on the warm-up thread.
     * <li>The first unix-domain socket channel of a process sets up the JDK's security providers
     * and a {@code SecureRandom} (for names of unbound sockets) and loads the network libraries:
     * 20 to 35 ms cold. The warm-up thread opens and closes one while the main thread reads its
     * arguments and documents, so that the first connection to an engine finds that done.
     * </ul>
     */
    static void warmUp() {
        String key = "java.nio.channels.spi.SelectorProvider";
        if (System.getProperty(key) == null && "Linux".equals(System.getProperty("os.name"))
                && canBeNamed(LINUX_SELECTOR_PROVIDER)) {
            System.setProperty(key, LINUX_SELECTOR_PROVIDER);
        }
        Thread t = new Thread(DockerMain::firstSocket, "cccf-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void firstSocket() {
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (IOException | RuntimeException e) {
            // only a head start: the real connection reports what is wrong
        }
    }

    /**
     * True when the JDK can make the selector provider {@code className} from the system property:
     * a public, concrete provider class of the JDK's with a public constructor without arguments
     * (what {@code SelectorProvider} instantiates). Were the property to name one it cannot make,
     * every socket of the process would fail; then the property is left alone.
     */
    static boolean canBeNamed(String className) {
        try {
            Class<?> c = Class.forName(className, false, null);
            int modifiers = c.getModifiers();
            return SelectorProvider.class.isAssignableFrom(c)
                    && Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers)
                    && Modifier.isPublic(c.getConstructor().getModifiers());
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return false;
        }
    }

    public static int run(String[] args, Tool.Streams streams) {
        Map<String, Function<Tool.Streams, Tool>> tools = new LinkedHashMap<>();
        tools.put("inspect", InspectTool::new);
        tools.put("plan", PlanTool::new);
        tools.put("apply", ApplyTool::new);
        tools.put("down", DownTool::new);
        tools.put("compose", ComposeTool::new);
        tools.put("completion", s -> new CompletionTool(s, allTools()));
        tools.put("man", s -> new ManTool(s, allTools()));
        return Tool.dispatch("cccf", args, tools, streams,
                "cccf-docker: what runs on docker engines as cccf (inspect); the instructions to WANTED (plan);"
                        + " converge the engines to WANTED (apply); remove a project's containers (down); compose files"
                        + " as cccf (compose); the shell completion and man pages of every tool (completion, man).");
    }

    /**
     * Every tool of every module, in the order of {@code bin/cccf}'s list: this jar sees them all,
     * so it serves {@code cccf completion} and {@code cccf man}.
     */
    static List<Function<Tool.Streams, Tool>> allTools() {
        List<Function<Tool.Streams, Tool>> all = new ArrayList<>(CoreMain.tools().values());
        all.addAll(ScaleMain.tools().values());
        all.add(DiffMain::tool);
        all.add(HostMain::tool);
        all.addAll(InstructionsMain.tools().values());
        all.add(InspectTool::new);
        all.add(PlanTool::new);
        all.add(ApplyTool::new);
        all.add(DownTool::new);
        all.add(ComposeTool::new);
        all.add(s -> new CompletionTool(s, allTools()));
        all.add(s -> new ManTool(s, allTools()));
        return all;
    }
}
