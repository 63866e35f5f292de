package dev.cccf.instructions.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import dev.cccf.instructions.Changes;
import dev.cccf.instructions.Instructions;
import dev.cccf.instructions.Options;
import dev.cccf.instructions.Plan;
import dev.cccf.instructions.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of cccf-instructions/README.md, compiled and run. */
class ReadmeExamplesTest {

    @Test
    void runInstructions() {
        // README: run
        List<Container> containers = Cccf.parse("""
                [{"id": "db", "image": "postgres:16"},
                 {"id": "web", "image": "nginx", "ports": ["80:80"], "links": ["db"], "env": ["GREETING=it's $(not run)"]}]
                """).containers();
        Plan plan = Instructions.run(containers, Options.defaults());
        List<String> lines = plan.lines();
        // [docker run -d --name=db postgres:16,
        //  docker run -d --name=web -p=80:80 '--env=GREETING=it'\''s $(not run)' --link=db nginx]
        List<List<String>> argv = plan.commands();
        // README: end

        assertThat(lines).containsExactly("docker run -d --name=db postgres:16",
                "docker run -d --name=web -p=80:80 '--env=GREETING=it'\\''s $(not run)' --link=db nginx");
        assertThat(argv.get(1)).contains("--env=GREETING=it's $(not run)");
    }

    @Test
    void planInstructions() {
        // README: plan
        Container old = Container.of("web", "nginx:1.26");
        Container now = Container.of("web", "nginx:1.27").withHost("tcp://10.0.0.2:2375");
        Changes diff = new Changes(List.of(now), List.of(old.withHost("a")), List.of());
        Options options = Options.defaults().withHosts(Map.of("a", "ssh://admin@10.0.0.1"));
        List<String> lines = Instructions.plan(diff, options).lines();
        // [docker -H=ssh://admin@10.0.0.1 stop web,
        //  docker -H=ssh://admin@10.0.0.1 rm web,
        //  docker -H=tcp://10.0.0.2:2375 run -d --name=web nginx:1.27]
        List<String> swarm = Instructions.plan(diff, options.withTarget(Target.SWARM)).lines();
        // [docker -H=ssh://admin@10.0.0.1 service rm web,
        //  docker -H=tcp://10.0.0.2:2375 service create --name=web nginx:1.27]
        // README: end

        assertThat(lines).containsExactly("docker -H=ssh://admin@10.0.0.1 stop web", "docker -H=ssh://admin@10.0.0.1 rm web",
                "docker -H=tcp://10.0.0.2:2375 run -d --name=web nginx:1.27");
        assertThat(swarm).containsExactly("docker -H=ssh://admin@10.0.0.1 service rm web",
                "docker -H=tcp://10.0.0.2:2375 service create --name=web nginx:1.27");
    }
}
