package dev.cccf.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cccf.docker.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client keys docker users have: openssl 3's PKCS#8 (read by the JDK), and the older PKCS#1
 * RSA and SEC1 EC forms of docker's documentation and docker-machine (read by docker-java).
 * Throwaway keys and self-signed certificates for 127.0.0.1, made for this test with openssl
 * ({@code openssl req -new -x509 -key rsa-pkcs8.pem -addext subjectAltName=IP:127.0.0.1 ...}).
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

    @ParameterizedTest
    @CsvSource({"rsa-pkcs8.pem, rsa-cert.pem", "rsa-pkcs1.pem, rsa-cert.pem", "ec-pkcs8.pem, ec-cert.pem", "ec-sec1.pem, ec-cert.pem"})
    void aServerThatWantsTheClientsCertificateTakesItsKey(String keyFile, String certFile) throws Exception {
        Path dir = Path.of("src/test/resources/tls");
        Path cert = dir.resolve(certFile);
        try (SSLServerSocket server = serverTrusting(cert, dir.resolve(keyFile))) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake(); // fails unless the client sent the certificate and proved it has its key
                    s.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    return s.getSession().getPeerCertificates().length + " client certificate";
                } catch (IOException e) {
                    return "refused: " + e.getMessage();
                }
            });
            TlsWire.Connector connector = new TlsWire.Connector(new Endpoint.Tls(cert, cert, dir.resolve(keyFile)));
            try (TlsWire wire = connector.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                    "127.0.0.1", 5000, 5000)) {
                ByteBuffer answer = ByteBuffer.allocate(2);
                while (answer.hasRemaining() && wire.read(answer) > 0) {
                    // until both bytes are in
                }
                assertThat(new String(answer.array(), StandardCharsets.US_ASCII)).isEqualTo("ok");
            }
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("1 client certificate");
        }
    }

    /** A TLS server on loopback with {@code cert} and its key, that wants a client certificate signed by {@code cert}. */
    private static SSLServerSocket serverTrusting(Path cert, Path key) throws Exception {
        Certificate c;
        try (InputStream in = Files.newInputStream(cert)) {
            c = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", TlsWire.privateKey(key), "test".toCharArray(), new Certificate[] {c});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "test".toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        return server;
    }

    @Test
    void aFileThatIsNoPemIsNamed(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key");

        assertThatThrownBy(() -> TlsWire.privateKey(key)).isInstanceOf(IOException.class).hasMessage(key + " is not a PEM file");
    }
}
