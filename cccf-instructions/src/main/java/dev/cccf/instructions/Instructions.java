package dev.cccf.instructions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Declarations;
import dev.cccf.core.Dependencies;
import dev.cccf.instructions.internal.Common;
import dev.cccf.instructions.internal.Compose;
import dev.cccf.instructions.internal.DockerRun;
import dev.cccf.instructions.internal.Issues;
import dev.cccf.instructions.internal.Swarm;
import dev.cccf.instructions.internal.Systemd;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers (or a diff) to instructions: pure functions that return the commands as argv lists,
 * never run anything.
 *
 * <pre>{@code
 * Plan p = Instructions.run(containers, Options.defaults());
 * p.lines();     // ["docker run -d --name=web -p=80:80 nginx", ...], quoted for sh
 * p.commands();  // [["docker", "run", "-d", "--name=web", "-p=80:80", "nginx"], ...]
 * }</pre>
 *
 * Containers that link to or depend on ({@code depends_on}) others come after them; stopping and
 * removing go the other way. Every function throws {@link InstructionsException} listing every
 * issue when the containers cannot be rendered (an unknown host, a dependency cycle ...).
 */
public final class Instructions {
    private Instructions() {
    }

    /** {@code docker run} (swarm: {@code docker service create}) for each container, dependencies first. */
    public static Plan run(List<Container> containers, Options options) {
        Issues issues = new Issues();
        containers.forEach(c -> Common.checkNames(c, issues));
        List<List<String>> commands = new ArrayList<>();
        for (Container c : Common.dependencyOrder(containers, issues)) {
            commands.addAll(switch (options.target()) {
                case DOCKER -> DockerRun.commands(c, options, options.detach(), issues);
                case SWARM -> List.of(Swarm.create(c, options, issues));
                default -> throw unsupported("run", options.target());
            });
        }
        issues.throwIfErrors();
        return new Plan(commands, issues.warnings());
    }

    /** {@code docker start NAME} for each container, dependencies first. */
    public static Plan start(List<Container> containers, Options options) {
        return byName("start", containers, options, false);
    }

    /** {@code docker stop NAME} for each container, dependents first. */
    public static Plan stop(List<Container> containers, Options options) {
        return byName("stop", containers, options, true);
    }

    /** {@code docker kill NAME} for each container, dependents first. */
    public static Plan kill(List<Container> containers, Options options) {
        return byName("kill", containers, options, true);
    }

    /** {@code docker rm NAME} (swarm: {@code docker service rm NAME}) for each container, dependents first. */
    public static Plan rm(List<Container> containers, Options options) {
        return byName("rm", containers, options, true);
    }

    /**
     * The instructions that take the current containers to the wanted ones: first the removed
     * containers are stopped and removed (dependents first), then the added ones run (dependencies
     * first), so a replaced container (same id in {@code remove} and {@code add}) is gone before
     * its new configuration runs. Swarm: {@code service rm}, then {@code service update} for a
     * replaced service whose image, env, ports or replicas changed, {@code service create}
     * otherwise. An added container that needs one neither added nor kept gets a warning.
     */
    public static Plan plan(Changes changes, Options options) {
        Issues issues = new Issues();
        changes.remove().forEach(c -> Common.checkNames(c, issues));
        changes.add().forEach(c -> Common.checkNames(c, issues));
        List<Container> removals = new ArrayList<>(Common.dependencyOrder(changes.remove(), issues));
        Collections.reverse(removals);
        List<Container> additions = Common.dependencyOrder(changes.add(), issues);
        warnMissing(changes, issues);
        List<List<String>> commands = new ArrayList<>();
        switch (options.target()) {
            case DOCKER -> {
                for (Container c : removals) {
                    commands.add(byName("stop", c, options, issues));
                    commands.add(byName("rm", c, options, issues));
                }
                additions.forEach(c -> commands.addAll(DockerRun.commands(c, options, options.detach(), issues)));
            }
            case SWARM -> {
                Map<String, Container> replaced = new LinkedHashMap<>();
                Set<String> added = names(changes.add());
                removals.stream().filter(c -> added.contains(c.name())).forEach(c -> replaced.put(c.name(), c));
                removals.stream().filter(c -> !added.contains(c.name()))
                        .forEach(c -> commands.add(Swarm.rm(c, options, issues)));
                for (Container c : additions) {
                    Container old = replaced.get(c.name());
                    if (old == null) {
                        commands.add(Swarm.create(c, options, issues));
                    } else {
                        commands.addAll(Swarm.replace(old, c, options, issues));
                    }
                }
            }
            default -> throw unsupported("plan", options.target());
        }
        issues.throwIfErrors();
        return new Plan(commands, issues.warnings());
    }

    /**
     * The wanted state of a diff: the kept and the added containers, dependencies first; what the
     * declarative targets (compose, systemd) render for {@code plan}.
     */
    public static List<Container> wanted(Changes changes) {
        List<Container> all = new ArrayList<>(changes.keep());
        all.addAll(changes.add());
        return dependencyOrder(all);
    }

    /**
     * The containers, each after the ones it links to or depends on; otherwise in input order.
     *
     * @throws InstructionsException naming a dependency cycle
     */
    public static List<Container> dependencyOrder(List<Container> containers) {
        Issues issues = new Issues();
        List<Container> ordered = Common.dependencyOrder(containers, issues);
        issues.throwIfErrors();
        return ordered;
    }

    /** A compose document per host (key {@code "default"} for containers without one). */
    public static Map<String, ObjectNode> compose(List<Container> containers, Options options) {
        return compose(containers, Declarations.NONE, options);
    }

    /**
     * A compose document per host, with the top-level {@code networks} and {@code volumes} its
     * services use, as {@code declared} declares them (compose's defaults for the others).
     */
    public static Map<String, ObjectNode> compose(List<Container> containers, Declarations declared, Options options) {
        Issues issues = new Issues();
        Map<String, ObjectNode> docs = Compose.documents(dependencyOrder(containers), declared, options, issues);
        issues.throwIfErrors();
        return docs;
    }

    /**
     * The containers as one compose file, hosts ignored, that {@code docker compose config}
     * accepts and {@code cccf compose} reads back as the same document: {@code declared}'s
     * {@code name}, the services, every network and named volume it declares (each with its
     * {@code name}, so that compose does not put the project's before it) and the named volumes
     * the services use; a network the services join that it does not declare is {@code external}.
     *
     * @throws InstructionsException a dependency cycle, or what the compose target refuses
     */
    public static ObjectNode composeFile(List<Container> containers, Declarations declared) {
        Issues issues = new Issues();
        ObjectNode file = Compose.file(dependencyOrder(containers), declared, Options.defaults(), issues);
        issues.throwIfErrors();
        return file;
    }

    /** A systemd unit per container: file name ({@code NAME.service}) to text, dependencies first. */
    public static Map<String, String> systemd(List<Container> containers, Options options) {
        Issues issues = new Issues();
        Set<String> present = names(containers);
        Map<String, String> units = new LinkedHashMap<>();
        for (Container c : dependencyOrder(containers)) {
            Common.checkNames(c, issues);
            Set<String> deps = new LinkedHashSet<>(Dependencies.of(c).keySet());
            deps.retainAll(present);
            units.put(Systemd.unitName(c), Systemd.unit(c, deps, options, issues));
        }
        issues.throwIfErrors();
        return units;
    }

    private static Plan byName(String verb, List<Container> containers, Options options, boolean reverse) {
        Issues issues = new Issues();
        containers.forEach(c -> Common.checkNames(c, issues));
        List<Container> ordered = new ArrayList<>(Common.dependencyOrder(containers, issues));
        if (reverse) {
            Collections.reverse(ordered);
        }
        List<List<String>> commands = new ArrayList<>();
        for (Container c : ordered) {
            commands.add(switch (options.target()) {
                case DOCKER -> byName(verb, c, options, issues);
                case SWARM -> {
                    if (!verb.equals("rm")) {
                        throw unsupported(verb, options.target());
                    }
                    yield Swarm.rm(c, options, issues);
                }
                default -> throw unsupported(verb, options.target());
            });
        }
        issues.throwIfErrors();
        return new Plan(commands, issues.warnings());
    }

    private static List<String> byName(String verb, Container c, Options options, Issues issues) {
        List<String> argv = new ArrayList<>(Common.docker(Common.endpoint(c, options, issues)));
        argv.add(verb);
        argv.add(c.name());
        return argv;
    }

    private static void warnMissing(Changes changes, Issues issues) {
        Set<String> wanted = names(changes.keep());
        wanted.addAll(names(changes.add()));
        Set<String> removed = names(changes.remove());
        for (Container c : changes.add()) {
            Dependencies.of(c).forEach((dep, field) -> {
                if (!wanted.contains(dep)) {
                    issues.warning(c, field, InstructionRules.MISSING_DEPENDENCY, c.name() + " needs " + dep + ", which the plan "
                            + (removed.contains(dep) ? "removes" : "neither adds nor keeps") + ": make sure it runs before "
                            + c.name() + " does");
                }
            });
        }
    }

    private static Set<String> names(List<Container> containers) {
        Set<String> names = new HashSet<>();
        containers.forEach(c -> names.add(c.name()));
        return names;
    }

    private static IllegalArgumentException unsupported(String verb, Target target) {
        return new IllegalArgumentException("the " + target.cliName() + " target has no " + verb
                + (target == Target.SWARM ? " (it has run, rm and plan)" : " (it renders files: use compose or systemd)"));
    }
}
