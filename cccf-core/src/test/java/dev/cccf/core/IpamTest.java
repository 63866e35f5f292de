package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A network's {@code ipam} declaration (its subnets, as compose writes it): read, checked, written back. */
class IpamTest {

    @Test
    void aNetworkDeclaresItsSubnetsRangesGatewaysAndAuxiliaryAddresses() throws IOException {
        Document doc = Cccf.parse("""
                name: dns
                networks:
                  dns-net:
                    ipam:
                      driver: default
                      config:
                        - subnet: 172.20.0.0/24
                          ip_range: 172.20.0.128/25
                          gateway: 172.20.0.1
                          aux_addresses: {router: 172.20.0.2}
                        - subnet: "fd00:20::/64"
                      options: {foo: bar}
                  plain: {}
                containers:
                  - {id: dns, image: cloudflared, networks: {dns-net: {ipv4_address: 172.20.0.3}}}
                """);

        Declarations.Ipam ipam = doc.declarations().network("dns-net").ipam();
        assertThat(ipam).isEqualTo(new Declarations.Ipam("default", List.of(
                new Declarations.Ipam.Pool("172.20.0.0/24", "172.20.0.128/25", "172.20.0.1", Map.of("router", "172.20.0.2")),
                new Declarations.Ipam.Pool("fd00:20::/64", null, null, Map.of())), Map.of("foo", "bar")));
        assertThat(doc.declarations().network("plain").ipam()).isNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CccfWriter.write(doc.declarations(), doc.containers(), false, out, OutputFormat.COMPACT);
        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("{\"name\":\"dns\",\"networks\":{\"dns-net\":{\"ipam\":{\"driver\":\"default\",\"config\":"
                + "[{\"subnet\":\"172.20.0.0/24\",\"ip_range\":\"172.20.0.128/25\",\"gateway\":\"172.20.0.1\","
                + "\"aux_addresses\":{\"router\":\"172.20.0.2\"}},{\"subnet\":\"fd00:20::/64\"}],\"options\":{\"foo\":\"bar\"}}},"
                + "\"plain\":{}}");
        assertThat(Cccf.parse(written).declarations()).isEqualTo(doc.declarations());
    }

    @Test
    void whatIsNotAnAddressIsToldWhereItStands() {
        List<Problem> problems = CccfReaderTest.problemsOf("""
                networks:
                  front:
                    ipam:
                      config:
                        - {subnet: 172.20.0.0, gateway: 172.20.0.1}
                        - {subnet: 10.0.0.0/33}
                        - {subnet: 10.1.0.0/16, ip_range: 10.1.0.0, gateway: gateway.example, aux_addresses: {a: 10.1.0.999}}
                        - {gateway: 10.2.0.1}
                        - {subnet: "fd00::1::/64", mask: 8}
                containers: []
                """);
        assertThat(problems).extracting(Problem::path, Problem::code).containsExactlyInAnyOrder(
                tuple("$.networks.front.ipam.config[0].subnet", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[1].subnet", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[2].ip_range", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[2].gateway", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[2].aux_addresses.a", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[3].subnet", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[4].subnet", Rules.DECLARATION_TYPE),
                tuple("$.networks.front.ipam.config[4].mask", Rules.DECLARATION_KEY));
        assertThat(problems).extracting(Problem::format).contains(
                "<string>:2:3: $.networks.front.ipam.config[0].subnet: [declaration-type] subnet must be an address and a prefix"
                        + " length (172.20.0.0/24, fd00::/64), not \"172.20.0.0\"",
                "<string>:2:3: $.networks.front.ipam.config[3].subnet: [declaration-type] an address pool needs its subnet"
                        + " (172.20.0.0/24, say)");
    }

    @Test
    void theShapeOfIpamIsChecked() {
        assertThat(CccfReaderTest.problemsOf("""
                {"networks": {"a": {"ipam": "172.20.0.0/24"}, "b": {"ipam": {"config": {"subnet": "10.0.0.0/8"}}},
                              "c": {"ipam": {"subnets": []}}, "d": {"ipam": {"driver": "", "options": {"x": 1}}}},
                 "containers": []}""")).extracting(Problem::path, Problem::code).containsExactlyInAnyOrder(
                tuple("$.networks.a.ipam", Rules.DECLARATION_TYPE),
                tuple("$.networks.b.ipam.config", Rules.DECLARATION_TYPE),
                tuple("$.networks.c.ipam.subnets", Rules.DECLARATION_KEY),
                tuple("$.networks.d.ipam.driver", Rules.DECLARATION_TYPE),
                tuple("$.networks.d.ipam.options.x", Rules.DECLARATION_TYPE));
    }

    @Test
    void addressesAreDigitsOnlyNeverNamesToLookUp() {
        for (String good : List.of("0.0.0.0", "255.255.255.255", "172.20.0.1", "::", "::1", "fd00::", "fd00:20::1",
                "2001:db8:0:0:0:0:0:1", "::ffff:10.0.0.1")) {
            assertThat(Declarations.Ipam.isAddress(good)).as(good).isTrue();
        }
        for (String bad : List.of("", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4x", "localhost", "fd00::1::", ":::",
                "2001:db8:0:0:0:0:0:0:1", "12345::1", "fd00:g::1")) {
            assertThat(Declarations.Ipam.isAddress(bad)).as(bad).isFalse();
        }
        assertThat(Declarations.Ipam.isCidr("10.0.0.0/8")).isTrue();
        assertThat(Declarations.Ipam.isCidr("fd00::/128")).isTrue();
        assertThat(Declarations.Ipam.isCidr("fd00::/129")).isFalse();
        assertThat(Declarations.Ipam.isCidr("10.0.0.0/")).isFalse();
        assertThat(Declarations.Ipam.isCidr("10.0.0.0/1234")).isFalse();
    }
}
