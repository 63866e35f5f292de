package dev.cccf.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Container;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A container on several networks, in every target: docker creates it on the first and joins the
 * others before it starts (engines before API 1.44 refuse a create on several); swarm and compose
 * carry every network in one service.
 */
class SeveralNetworksTest {
    private static final List<Container> API = Cccf.parse("""
            [{"id": "api", "image": "busybox", "cmd": "httpd -f",
              "networks": {"front": {"aliases": ["www"]}, "back": {"aliases": ["api-v1", "v1"], "ipv4_address": "172.20.0.5"},
                           "ops": null}}]""").containers();

    @Test
    void dockerCreatesOnTheFirstNetworkJoinsEachOtherThenStarts() {
        assertThat(Instructions.run(API, Options.defaults()).lines()).containsExactly(
                "docker create --name=api --network=front --network-alias=www busybox httpd -f",
                "docker network connect --alias=api-v1 --alias=v1 --ip=172.20.0.5 back api",
                "docker network connect ops api",
                "docker start api");
    }

    @Test
    void inThePlanTheJoinsStandAfterTheCreateAndBeforeTheStart() {
        Plan plan = Instructions.plan(new Changes(API, List.of(), List.of()), Options.defaults().withDetach(false));

        assertThat(plan.lines()).containsExactly(
                "docker create --name=api --network=front --network-alias=www busybox httpd -f",
                "docker network connect --alias=api-v1 --alias=v1 --ip=172.20.0.5 back api",
                "docker network connect ops api",
                "docker start -a api");
    }

    @Test
    void oneNetworkIsStillOneDockerRunAndExcludedNetworksJoinNothing() {
        List<Container> one = Cccf.parse("""
                [{"id": "web", "image": "nginx", "networks": ["front"]}]""").containers();

        assertThat(Instructions.run(one, Options.defaults()).lines()).containsExactly("docker run -d --name=web --network=front nginx");
        assertThat(Instructions.run(API, Options.defaults().withExclude(Set.of("networks"))).lines())
                .containsExactly("docker run -d --name=api busybox httpd -f");
    }

    @Test
    void systemdCreatesAndJoinsBeforeItStartsTheContainerAttached() {
        String unit = Instructions.systemd(API, Options.defaults()).get("api.service");

        assertThat(unit).contains("""
                ExecStartPre=-/usr/bin/docker rm -f api
                ExecStartPre=/usr/bin/docker create --name=api --network=front --network-alias=www busybox httpd -f
                ExecStartPre=/usr/bin/docker network connect --alias=api-v1 --alias=v1 --ip=172.20.0.5 back api
                ExecStartPre=/usr/bin/docker network connect ops api
                ExecStart=/usr/bin/docker start -a api
                ExecStop=/usr/bin/docker stop api
                """);
    }

    @Test
    void swarmJoinsTheServiceToEveryNetworkWithItsAliases() {
        assertThat(Instructions.run(API, Options.defaults().withTarget(Target.SWARM)).lines()).singleElement().asString()
                .contains("--network=name=front,alias=www --network=name=back,alias=api-v1,alias=v1 --network=ops ");
    }

    @Test
    void composeGivesTheServiceEveryNetworkAndDeclaresEach() {
        ObjectNode doc = Instructions.compose(API, Options.defaults()).get("default");

        assertThat(doc.path("services").path("api").get("networks").toString()).isEqualTo(
                "{\"front\":{\"aliases\":[\"www\"]},\"back\":{\"aliases\":[\"api-v1\",\"v1\"],\"ipv4_address\":\"172.20.0.5\"},\"ops\":null}");
        assertThat(doc.path("networks").properties()).extracting(e -> e.getKey()).containsExactly("front", "back", "ops");
    }
}
