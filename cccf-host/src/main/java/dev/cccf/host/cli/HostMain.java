package dev.cccf.host.cli;

/** {@code java -jar cccf-host.jar ...} (what {@code bin/cccf host ...} runs): the arguments after {@code host}. */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) {
        System.exit(new HostTool(dev.cccf.core.cli.Tool.Streams.system()).execute(args));
    }
}
