package dev.cccf.docker.internal.transport;

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
        "rsa-pkcs8.pem, java.security.interfaces.RSAPrivateKey",
        "rsa-pkcs1.pem, java.security.interfaces.RSAPrivateKey",
        "ec-pkcs8.pem, java.security.interfaces.ECPrivateKey",
        "ec-sec1.pem, java.security.interfaces.ECPrivateKey",
    })
    void readsTheKeyFormatsOfDockerUsers(String file, Class<?> type) throws Exception {
        // BouncyCastle's EC keys (when a test before registered it) say "ECDSA", the JDK's "EC": both are ECPrivateKeys
        PrivateKey key = TlsWire.privateKey(Path.of("src/test/resources/tls", file));

        assertThat(key).isInstanceOf(type);
    }

    @Test
    void aFileThatIsNoPemIsNamed(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key");

        assertThatThrownBy(() -> TlsWire.privateKey(key)).isInstanceOf(IOException.class).hasMessage(key + " is not a PEM file");
    }
}
