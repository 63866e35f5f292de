package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DB_PASSWORD=hunter2      | DB_PASSWORD=***
            api_key=abc              | api_key=***
            MODE=production          | MODE=production
            DB_PASSWORD:hunter2      | DB_PASSWORD:***
            GITHUB_TOKEN hunter2     | 'GITHUB_TOKEN ***'
            SECRETSAUCE              | ***
            PLAIN:value              | PLAIN:value
            """)
    void masksSecretLookingValuesForMessages(String entry, String shown) {
        assertThat(Secrets.maskEnvForMessage(entry)).isEqualTo(shown);
    }

    /** Each marker, written out here rather than read from {@link Secrets#MARKERS}, in any case and place in the key. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DB_PASSWORD=hunter2          | DB_PASSWORD=***
            LDAP_PASSWD=hunter2          | LDAP_PASSWD=***
            passwd=hunter2               | passwd=***
            APP_SECRET=hunter2           | APP_SECRET=***
            GITHUB_TOKEN=hunter2         | GITHUB_TOKEN=***
            Stripe_Key_Live=hunter2      | Stripe_Key_Live=***
            AWS_CREDENTIALS=hunter2      | AWS_CREDENTIALS=***
            gcp_credential_json={"k":1}  | gcp_credential_json=***
            PRIVATE_PEM=hunter2          | PRIVATE_PEM=***
            BASIC_AUTH=user:hunter2      | BASIC_AUTH=***
            CREDENTIAL=a=b               | CREDENTIAL=***
            MODE=production              | MODE=production
            CRED=hunter2                 | CRED=hunter2
            PASS=hunter2                 | PASS=hunter2
            """)
    void everyMarkerMasksTheValueOfAnEnvEntry(String entry, String shown) {
        assertThat(Secrets.maskEnv(entry)).isEqualTo(shown);
        assertThat(Secrets.maskEnvForMessage(entry)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            LDAP_PASSWD:hunter2          | LDAP_PASSWD:***
            AWS_CREDENTIALS hunter2      | 'AWS_CREDENTIALS ***'
            MY_CREDENTIAL                | ***
            """)
    void passwdAndCredentialAreMaskedInMalformedEntriesToo(String entry, String shown) {
        assertThat(Secrets.maskEnvForMessage(entry)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"id": "a", "image": "b", "env": ["LDAP_PASSWD:hunter2"]}
            {"id": "a", "image": "b", "env": ["AWS-CREDENTIALS=hunter2"]}
            {"id": "a", "image": "b", "env": ["DB_PASSWORD:hunter2"]}
            {"id": "a", "image": "b", "env": ["DB-PASSWORD=hunter2"]}
            """)
    void validationErrorsNeverShowASecret(String doc) {
        assertThatThrownBy(() -> Cccf.parse(doc)).isInstanceOfSatisfying(InvalidDocumentException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.code()).isEqualTo("env-format");
                    assertThat(p.format()).doesNotContain("hunter2").contains("***");
                }));
    }

    /** An engine's message about a container whose env is DB_PASSWORD=hunter2, API_KEY=ab1, MODE=prod, USE_AUTH=1. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            invalid env [DB_PASSWORD=hunter2 MODE=prod]          | invalid env [DB_PASSWORD=*** MODE=prod]
            {"Env":["DB_PASSWORD=hunter2"]} (hunter2)            | {"Env":["DB_PASSWORD=***"]} (***)
            xhunter2x and hunter2hunter2                         | x***x and ******
            key ab1, not cab1 or ab12                            | key ***, not cab1 or ab12
            exit 1 after 10 s: task 518a9ad8                     | exit *** after 10 s: task 518a9ad8
            mode prod                                            | mode prod
            """)
    void secretValuesAreMaskedWhereverAnEngineMessageEchoesThem(String message, String shown) {
        List<String> env = List.of("DB_PASSWORD=hunter2", "API_KEY=ab1", "MODE=prod", "USE_AUTH=1", "EMPTY_TOKEN=");

        assertThat(Secrets.maskValuesIn(message, env)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            serve --password=hunter2 --port=80           | serve --password=*** --port=80
            serve --api-token hunter2 --verbose          | serve --api-token *** --verbose
            env DB_SECRET=hunter2  run                   | env DB_SECRET=***  run
            psql -h db -U shop                           | psql -h db -U shop
            """)
    void secretLookingWordsOfACommandAreMaskedAndItsSpacingKept(String line, String shown) {
        assertThat(Secrets.maskCommandLine(line)).isEqualTo(shown);
        assertThat(Secrets.maskCommand(List.of(line.split(" +")))).containsExactly(shown.split(" +"));
    }
}
