package dev.cccf.core.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cccf.core.Container;
import dev.cccf.core.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Problem> check(String value) throws Exception {
        return FieldTable.check("networks", JSON.readTree(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"front\"]", "{\"front\": null}", "{\"front\": {}}", "{\"front\": \"\"}",
            "{\"front\": {\"aliases\": [\"www\", \"web.local\"], \"ipv4_address\": \"172.20.0.5\"}}",
            "[\"front\", \"back\"]", "{\"front\": {\"aliases\": [\"www\"]}, \"back\": {\"aliases\": [\"api\"]}, \"ops\": null}"})
    void networksAsNamesOrWithTheirSettingsAreValid(String value) throws Exception {
        assertThat(check(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            []                                                | ''                  | at least one network
            ["front", "host"]                                 | [1]                 | give it as "network"
            ["front", "back", "front"]                        | [2]                 | "front" is named twice
            "front"                                           | ''                  | a list of network names
            {}                                                | ''                  | an empty object
            ["host"]                                          | [0]                 | give it as "network"
            ["a b"]                                           | [0]                 | a network name is
            {"front": {"alias": ["x"]}}                       | .front.alias        | aliases and ipv4_address
            {"front": {"aliases": "x"}}                       | .front.aliases      | an array of names
            {"front": {"aliases": ["-x"]}}                    | .front.aliases[0]   | an alias is a name
            {"front": {"ipv4_address": "fe80::1"}}            | .front.ipv4_address | an IPv4 address
            {"front": 3}                                      | .front              | an object {aliases, ipv4_address}
            """)
    void aBadValueIsADockerNetworksProblemAtItsPath(String value, String path, String message) throws Exception {
        assertThat(check(value)).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("docker-networks");
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void aContainerIsCreatedOnTheFirstNetworkAndJoinsTheOthersWithTheirAliasesBeforeItStarts() throws Exception {
        Container c = Container.builder("api", "busybox").extension("networks", JSON.readTree("""
                {"front": {"aliases": ["www"]}, "back": {"aliases": ["api", "v1"], "ipv4_address": "172.20.0.5"}, "ops": null}""")).build();
        DockerField field = FieldTable.get("networks");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode host = JSON.createObjectNode();
        field.create().write(c.extensions().get("networks"), body, host);

        assertThat(field.run().of(c.extensions().get("networks"))).containsExactly("--network=front", "--network-alias=www");
        assertThat(host.toString()).isEqualTo("{\"NetworkMode\":\"front\"}");
        assertThat(body.toString()).isEqualTo("{\"NetworkingConfig\":{\"EndpointsConfig\":{\"front\":{\"Aliases\":[\"www\"]}}}}");
        assertThat(Networks.joined(c)).extracting(Networks.Attachment::network).containsExactly("back", "ops");
        assertThat(Networks.connectFlags(Networks.joined(c).get(0))).containsExactly("--alias=api", "--alias=v1", "--ip=172.20.0.5");
        assertThat(Networks.endpoint(Networks.joined(c).get(0)).toString())
                .isEqualTo("{\"Aliases\":[\"api\",\"v1\"],\"IPAMConfig\":{\"IPv4Address\":\"172.20.0.5\"}}");
        assertThat(Networks.connectFlags(Networks.joined(c).get(1))).isEmpty();
        assertThat(Networks.endpoint(Networks.joined(c).get(1)).toString()).isEqualTo("{}");
    }

    @Test
    void aContainerOnOneNetworkJoinsNoOther() throws Exception {
        Container c = Container.builder("api", "busybox").extension("networks", JSON.readTree("[\"front\"]")).build();
        assertThat(Networks.joined(c)).isEmpty();
        assertThat(Networks.joined(Container.builder("x", "busybox").build())).isEmpty();
    }
}
