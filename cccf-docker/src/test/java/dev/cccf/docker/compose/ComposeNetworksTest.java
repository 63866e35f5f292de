package dev.cccf.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Cccf;
import dev.cccf.core.Declarations;
import dev.cccf.core.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A compose project's networks and volumes as the document's declarations, and its services' networks as their {@code networks}. */
class ComposeNetworksTest {
    private static Compose.Result read(String text) {
        return Compose.read(List.of(new Compose.Input(text, "c.yml", null)),
                new Compose.Options(Map.of(), null, List.of(), List.of(), "shop"));
    }

    private static List<String> containers(Compose.Result r) {
        assertThat(r.errors()).extracting(Problem::format).isEmpty();
        return r.containers().stream().map(Cccf::toJson).toList();
    }

    private static List<String> warnings(Compose.Result r) {
        return r.warnings().stream().map(Problem::format).toList();
    }

    @Test
    void servicesThatNameNoNetworkJoinComposesDefaultNetworkUnderTheNameComposeGivesIt() {
        Compose.Result r = read("""
                services:
                  web: {image: nginx}
                  db: {image: postgres, container_name: shop-db}
                  metrics: {image: node-exporter, network_mode: host}
                """);

        assertThat(containers(r)).containsExactly(
                "{\"id\":\"web\",\"image\":\"nginx\",\"networks\":[\"shop_default\"]}",
                "{\"id\":\"shop-db\",\"image\":\"postgres\",\"networks\":{\"shop_default\":{\"aliases\":[\"db\"]}}}",
                "{\"id\":\"metrics\",\"image\":\"node-exporter\",\"network\":\"host\"}");
        assertThat(r.declarations().networks()).containsOnlyKeys("shop_default");
        assertThat(warnings(r)).isEmpty();
    }

    @Test
    void theDefaultNetworkIsDeclaredOnlyWhenAServiceJoinsIt() {
        Compose.Result r = read("""
                services:
                  web: {image: nginx, networks: [front]}
                networks:
                  front:
                  default: {driver: bridge}
                """);

        assertThat(containers(r)).containsExactly("{\"id\":\"web\",\"image\":\"nginx\",\"networks\":[\"front\"]}");
        assertThat(r.declarations().networks()).containsOnlyKeys("front");
    }

    @Test
    void topLevelNetworksAreDeclaredWithTheirDriverOptionsLabelsInternalAndIpamAndTheRestIsAWarning() {
        Compose.Result r = read("""
                services:
                  db: {image: postgres, networks: [back]}
                  web: {image: nginx}
                networks:
                  back:
                    driver: bridge
                    driver_opts: {com.docker.network.driver.mtu: 1400}
                    labels: [tier=data]
                    internal: true
                    attachable: true
                    ipam: {config: [{subnet: 172.28.0.0/16}]}
                    enable_ipv6: true
                    colour: blue
                  default:
                    driver_opts: {com.docker.network.bridge.name: shop0}
                """);

        assertThat(r.declarations().networks()).containsExactly(
                Map.entry("back", new Declarations.Network("bridge", Map.of("com.docker.network.driver.mtu", "1400"),
                        Map.of("tier", "data"), true, new Declarations.Ipam(null,
                                List.of(new Declarations.Ipam.Pool("172.28.0.0/16", null, null, Map.of())), Map.of()))),
                Map.entry("shop_default", new Declarations.Network(null, Map.of("com.docker.network.bridge.name", "shop0"), Map.of(),
                        false)));
        assertThat(warnings(r)).containsExactly(
                "c.yml:10:17: $.networks.back.attachable: warning: [compose-partial] network \"back\": attachable is not carried:"
                        + " only swarm's overlay networks need it",
                "c.yml:12:18: $.networks.back.enable_ipv6: warning: [compose-partial] network \"back\": enable_ipv6 is not carried:"
                        + " it gets no IPv6 address",
                "c.yml:13:5: $.networks.back.colour: warning: [compose-unsupported] network \"colour\" is not carried into cccf");
    }

    @Test
    void aNetworksOwnNameNamesItAndAnExternalOneIsJoinedAsFoundWithoutBeingDeclared() {
        Compose.Result r = read("""
                services:
                  web: {image: nginx, networks: {front: {aliases: [www], ipv4_address: 172.20.0.5, priority: 10}}}
                  api: {image: api, networks: [proxy]}
                  old: {image: old, networks: [legacy]}
                networks:
                  front: {name: shop-front}
                  proxy: {external: true, name: traefik}
                  legacy: {external: {name: corp-net}}
                """);

        assertThat(containers(r)).containsExactly(
                "{\"id\":\"web\",\"image\":\"nginx\",\"networks\":{\"shop-front\":{\"aliases\":[\"www\"],\"ipv4_address\":\"172.20.0.5\"}}}",
                "{\"id\":\"api\",\"image\":\"api\",\"networks\":[\"traefik\"]}",
                "{\"id\":\"old\",\"image\":\"old\",\"networks\":[\"corp-net\"]}");
        assertThat(r.declarations().networks()).containsOnlyKeys("shop-front");
        assertThat(warnings(r)).containsExactly(
                "c.yml:2:84: $.services.web.networks.front.priority: warning: [compose-unsupported] network \"front\":"
                        + " \"priority\" is not carried into cccf",
                "c.yml:7:11: $.networks.proxy.external: warning: [compose-partial] network \"traefik\" is external: not declared,"
                        + " so cccf neither makes nor removes it; containers join it as they find it (apply makes it, with"
                        + " docker's defaults, when it is missing)",
                "c.yml:8:12: $.networks.legacy.external: warning: [compose-partial] network \"corp-net\" is external: not"
                        + " declared, so cccf neither makes nor removes it; containers join it as they find it (apply makes it,"
                        + " with docker's defaults, when it is missing)");
    }

    @Test
    void aServiceOnSeveralNetworksJoinsEachWithItsAliases() {
        Compose.Result r = read("""
                services:
                  api:
                    image: api
                    container_name: shop-api
                    networks:
                      front: {aliases: [www]}
                      back:
                      default:
                networks:
                  front:
                  back: {internal: true}
                """);

        assertThat(containers(r)).containsExactly("{\"id\":\"shop-api\",\"image\":\"api\",\"networks\":{"
                + "\"front\":{\"aliases\":[\"api\",\"www\"]},\"back\":{\"aliases\":[\"api\"]},\"shop_default\":{\"aliases\":[\"api\"]}}}");
        assertThat(r.declarations().networks()).containsOnlyKeys("front", "back", "shop_default");
        assertThat(warnings(r)).isEmpty();
    }

    @Test
    void twoKeysThatNameOneNetworkAreAnError() {
        Compose.Result r = read("""
                services:
                  api: {image: api, networks: [front, edge]}
                networks:
                  front: {name: edge}
                  edge:
                """);

        assertThat(r.errors()).extracting(Problem::format).containsExactly("c.yml:2:39: $.services.api.networks.edge:"
                + " [compose-network] networks \"front\" and \"edge\" are both the network \"edge\"");
    }

    @Test
    void aNetworkModeWithNetworksIsAnErrorAsComposeRefusesIt() {
        Compose.Result r = read("services:\n  web: {image: nginx, network_mode: host, networks: [front]}\nnetworks: {front: {}}\n");

        assertThat(r.errors()).extracting(Problem::format).containsExactly("c.yml:2:43: $.services.web.networks: [compose-network]"
                + " a service with a network_mode joins no networks: compose refuses network_mode and networks together");
    }

    @Test
    void aNetworkTheFileDoesNotDeclareIsAnErrorAsComposeRefusesIt() {
        Compose.Result r = read("services:\n  web: {image: nginx, networks: [front]}\n");

        assertThat(r.errors()).extracting(Problem::format).containsExactly("c.yml:2:34: $.services.web.networks.front:"
                + " [compose-network] the service joins network \"front\", which the file does not declare under the top-level"
                + " networks (compose refuses it too)");
    }

    @Test
    void aVolumesOwnNameNamesItAndTheMountsFollow() {
        Compose.Result r = read("""
                services:
                  db:
                    image: postgres
                    volumes: ["data:/var/lib/postgresql/data", {type: volume, source: backup, target: /backup}, "./x:/x"]
                    network_mode: none
                volumes:
                  data: {name: shop-pgdata, driver: local}
                  backup: {external: true, name: nightly}
                """);

        assertThat(containers(r)).containsExactly("{\"id\":\"db\",\"image\":\"postgres\","
                + "\"volumes\":[\"shop-pgdata:/var/lib/postgresql/data\",\"nightly:/backup\",\"./x:/x\"],\"network\":\"none\"}");
        assertThat(r.declarations().volumes()).containsExactly(
                Map.entry("shop-pgdata", new Declarations.Volume("local", Map.of(), Map.of())));
        assertThat(warnings(r)).containsExactly("c.yml:8:12: $.volumes.backup.external: warning: [compose-partial] volume"
                + " \"nightly\" is external: not declared, so cccf neither makes nor removes it; containers mount it as they find it");
    }

    @Test
    void aServiceOfSeveralReplicasIsAWarningForTheNameThatReachesOnlyTheFirst() {
        Compose.Result r = read("services:\n  web: {image: nginx, scale: 3}\n");

        assertThat(warnings(r)).containsExactly("c.yml:2:3: $.services.web: warning: [compose-partial] on network \"shop_default\""
                + " compose's name \"web\" reaches each of the 3 replicas; in cccf it names the first container, the others are"
                + " \"web-scale-1\" ...");
    }

    @Test
    void networksAndVolumesAreWrittenBackUnderTheirNamesAndReadAgainAsTheSameDocument() {
        Compose.Result first = read("""
                services:
                  web: {image: nginx, container_name: shop-web, volumes: ["data:/data"]}
                  api: {image: api, networks: {back: {aliases: [backend]}}}
                  edge: {image: traefik, networks: [proxy]}
                networks:
                  back: {driver: bridge, internal: true, labels: {cost: $$5}}
                  proxy: {external: true, name: traefik}
                volumes:
                  data: {name: shop-data}
                """);

        ObjectNode written = ComposeWriter.write(first.declarations(), first.containers());
        Compose.Result again = Compose.read(List.of(new Compose.Input(written.toString(), "written.json", null)),
                new Compose.Options(Map.of(), null, List.of(), List.of(), "shop"));

        assertThat(written.get("networks")).hasToString("{\"back\":{\"name\":\"back\",\"driver\":\"bridge\","
                + "\"labels\":{\"cost\":\"$$5\"},\"internal\":true},\"shop_default\":{\"name\":\"shop_default\"},"
                + "\"traefik\":{\"name\":\"traefik\",\"external\":true}}");
        assertThat(written.get("volumes")).hasToString("{\"shop-data\":{\"name\":\"shop-data\"}}");
        assertThat(again.errors()).isEmpty();
        assertThat(again.declarations()).isEqualTo(first.declarations());
        assertThat(containers(again)).containsExactlyInAnyOrderElementsOf(containers(first));
    }

    @Test
    void anIpamThatIsNotOneIsAnErrorWhereItStandsAndTheNetworkIsNotDeclared() {
        Compose.Result r = read("""
                services:
                  dns: {image: cloudflared, networks: {dns-net: {ipv4_address: 172.20.0.2}}}
                networks:
                  dns-net:
                    ipam:
                      config:
                        - subnet: 172.20.0.0
                """);

        assertThat(r.errors()).extracting(Problem::format).containsExactly("c.yml:6:7: $.networks.dns-net.ipam.config[0].subnet: "
                + "[declaration-type] subnet must be an address and a prefix length (172.20.0.0/24, fd00::/64), not \"172.20.0.0\"");
        assertThat(r.declarations().networks()).doesNotContainKey("dns-net");
    }
}
