package dev.cccf.docker.compose;

import dev.cccf.core.Rules;
import dev.cccf.docker.compose.NodeReader.Item;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The ports of one service: compose's short ({@code "127.0.0.1:8080:80/udp"}, ranges) and long
 * ({@code {target, published, protocol}}) forms, and its {@code expose}, as cccf {@code ports}
 * and {@code expose}. What cccf cannot carry (a host address, a port without a host port) is a
 * warning; a port published without a host port becomes an exposed port.
 */
final class PortGrammar {
    private final NodeReader nodes;
    private final Problems problems;
    private final List<String> ports = new ArrayList<>();
    private final List<String> expose = new ArrayList<>();

    PortGrammar(NodeReader nodes, Problems problems) {
        this.nodes = nodes;
        this.problems = problems;
    }

    /** The cccf ports read so far, each once, in file order. */
    List<String> ports() {
        return List.copyOf(ports);
    }

    /** The cccf exposed ports read so far, each once, in file order. */
    List<String> expose() {
        return List.copyOf(new LinkedHashSet<>(expose));
    }

    /** A service's {@code ports}. */
    void ports(Node v, String path) {
        for (Item i : nodes.items(v, path)) {
            if (i.node() instanceof MappingNode) {
                longPort(i);
                continue;
            }
            String text = nodes.scalarText(i.node(), i.path());
            if (text != null) {
                shortPort(text, i);
            }
        }
    }

    /** A service's {@code expose}; a range ({@code "5000-5002"}) is each of its ports. */
    void expose(Node v, String path) {
        for (Item i : nodes.items(v, path)) {
            String x = nodes.scalarText(i.node(), i.path());
            if (x == null) {
                continue;
            }
            int slash = x.lastIndexOf('/');
            String proto = slash < 0 ? "" : x.substring(slash);
            String ports = slash < 0 ? x : x.substring(0, slash);
            if (ports.indexOf('-') > 0) { // a range, "5000-5002": each port
                range(ports, i).forEach(port -> addExpose(port + proto, i));
            } else {
                addExpose(x, i);
            }
        }
    }

    /** {@code "8080:80"}, {@code "127.0.0.1:8080:80/udp"}, {@code "9000-9001:90-91"}, {@code "80"}. */
    private void shortPort(String text, Item i) {
        String spec = text;
        String proto = "";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash);
            spec = spec.substring(0, slash);
        }
        String ip = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf("]:");
            if (close > 0) {
                ip = spec.substring(0, close + 1);
                spec = spec.substring(close + 2);
            }
        }
        String[] parts = spec.split(":", -1);
        if (parts.length == 3 && ip == null) {
            ip = parts[0];
            parts = new String[] {parts[1], parts[2]};
        }
        if (ip != null && !ip.isEmpty() && !ip.equals("0.0.0.0")) {
            problems.warn(i.node(), i.path(), Compose.PARTIAL, "port " + Rules.quote(text) + ": the host address " + Rules.quote(ip)
                    + " is not carried (cccf ports bind every address)");
        }
        if (parts.length == 1 || (parts.length == 2 && parts[0].isEmpty())) {
            String container = parts[parts.length - 1];
            problems.warn(i.node(), i.path(), Compose.PARTIAL, "port " + Rules.quote(text)
                    + " has no host port: carried as expose (cccf has no random host ports)");
            for (String c : range(container, i)) {
                addExpose(c + proto, i);
            }
            return;
        }
        if (parts.length != 2) {
            problems.error(i.node(), i.path(), Compose.PORT, "port " + Rules.quote(text) + " must be [IP:]HOST:CONTAINER[/PROTOCOL]");
            return;
        }
        List<String> hosts = range(parts[0], i);
        List<String> containers = range(parts[1], i);
        if (hosts.size() != containers.size()) {
            problems.error(i.node(), i.path(), Compose.PORT, "port " + Rules.quote(text) + ": the host and container ranges differ in size");
            return;
        }
        for (int n = 0; n < hosts.size(); n++) {
            addPort(hosts.get(n) + ":" + containers.get(n) + proto, i);
        }
    }

    private List<String> range(String text, Item i) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return List.of(text);
        }
        try {
            int from = Integer.parseInt(text.substring(0, dash));
            int to = Integer.parseInt(text.substring(dash + 1));
            if (from < 1 || to > 65535 || to < from || to - from > 1000) {
                throw new NumberFormatException();
            }
            List<String> out = new ArrayList<>();
            for (int n = from; n <= to; n++) {
                out.add(Integer.toString(n));
            }
            return out;
        } catch (NumberFormatException e) {
            problems.error(i.node(), i.path(), Compose.PORT, "port range " + Rules.quote(text) + " must be FROM-TO, at most 1001 ports in 1-65535");
            return List.of();
        }
    }

    private void longPort(Item i) {
        Map<String, NodeTuple> m = nodes.mapping(i.node(), i.path(), "a port");
        String target = m.containsKey("target") ? nodes.scalarText(m.get("target").getValueNode(), i.path() + ".target") : null;
        if (target == null) {
            problems.error(i.node(), i.path(), Compose.PORT, "a port mapping needs \"target\" (the container port)");
            return;
        }
        String proto = m.containsKey("protocol") ? nodes.scalarText(m.get("protocol").getValueNode(), i.path() + ".protocol") : null;
        String suffix = proto == null || proto.equals("tcp") ? "" : "/" + proto;
        if (m.containsKey("host_ip")) {
            problems.warn(m.get("host_ip").getKeyNode(), i.path() + ".host_ip", Compose.PARTIAL, "the host address is not carried");
        }
        String published = m.containsKey("published") ? nodes.scalarText(m.get("published").getValueNode(), i.path() + ".published") : null;
        if (published == null) {
            problems.warn(i.node(), i.path(), Compose.PARTIAL, "a port without \"published\" is carried as expose");
            addExpose(target + suffix, i);
            return;
        }
        List<String> hosts = range(published, i);
        if (hosts.size() == 1) {
            addPort(hosts.get(0) + ":" + target + suffix, i);
        } else {
            problems.error(i.node(), i.path(), Compose.PORT, "a published range needs a target range: use the short form \"A-B:C-D\"");
        }
    }

    private void addExpose(String port, Item i) {
        problems.error(i.node(), i.path(), Rules.checkExpose(port));
        expose.add(port);
    }

    private void addPort(String port, Item i) {
        problems.error(i.node(), i.path(), Rules.checkPort(port));
        if (!ports.contains(port)) {
            ports.add(port);
        }
    }
}
