package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
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
}
