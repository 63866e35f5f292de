package dev.cccf.core.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cccf.core.Problem;
import java.util.List;
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
            "{\"front\": {\"aliases\": [\"www\", \"web.local\"], \"ipv4_address\": \"172.20.0.5\"}}"})
    void aNetworkAsANameOrWithItsSettingsIsValid(String value) throws Exception {
        assertThat(check(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            []                                                | ''                  | at least one network
            ["front", "back"]                                 | ''                  | cccf joins a container to one
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
}
