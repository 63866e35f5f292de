package dev.cccf.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client keys docker users have: openssl 3's PKCS#8 (read by the JDK), and the older PKCS#1
 * RSA and SEC1 EC forms of docker's documentation and docker-machine (read by docker-java).
 * Throwaway keys, made for this test with openssl.
 */
class TlsWireTest {
    @ParameterizedTest
    @CsvSource({
        "rsa-pkcs8.pem, RSA",
        "rsa-pkcs1.pem, RSA",
        "ec-pkcs8.pem, EC",
        "ec-sec1.pem, EC",
    })
    void readsTheKeyFormatsOfDockerUsers(String file, String algorithm) throws Exception {
        PrivateKey key = TlsWire.privateKey(Path.of("src/test/resources/tls", file));

        assertThat(key.getAlgorithm()).isEqualTo(algorithm);
    }

    @Test
    void aFileThatIsNoPemIsNamed(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key");

        assertThatThrownBy(() -> TlsWire.privateKey(key)).isInstanceOf(IOException.class).hasMessage(key + " is not a PEM file");
    }
}
