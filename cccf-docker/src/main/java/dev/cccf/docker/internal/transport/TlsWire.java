package dev.cccf.docker.internal.transport;

import com.github.dockerjava.core.util.CertificateUtils;
import dev.cccf.docker.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * One TLS connection to an engine, on a blocking {@link SSLSocket}: used only for TLS endpoints,
 * so that no TLS class is loaded for a unix socket or plain TCP ({@link EngineHttpClient} reaches
 * this class only through {@link Connector}). The engine's certificate is verified against the
 * given CA (else the JDK's trusted ones) and must name the host of the URL (DNS name or IP
 * address, as HTTPS does); the client certificate is sent when the engine asks for it. A PKCS#8
 * key ({@code BEGIN PRIVATE KEY}, what openssl 3 writes) and the certificates are read by the
 * JDK; other keys (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, SEC1 {@code BEGIN EC PRIVATE KEY}) by
 * docker-java's {@link CertificateUtils}, whose BouncyCastle parser costs some 300 ms of start-up
 * more (and whose reader of certificates needs BouncyCastle registered as a provider).
 */
final class TlsWire implements Wire {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Connector connector;

    private TlsWire(SSLSocket socket, Connector connector) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.connector = connector;
    }

    /** Makes TLS connections to one engine with one set of material (read once, when made). */
    static final class Connector {
        private final Endpoint.Tls tls;
        private final SSLSocketFactory factory;

        Connector(Endpoint.Tls tls) throws IOException {
            this.tls = tls;
            this.factory = context(tls).getSocketFactory();
        }

        /** A connection to {@code target}, verified for {@code host}, every wait bounded. */
        TlsWire open(InetSocketAddress target, String host, int connectTimeoutMillis, int timeoutMillis) throws IOException {
            Socket plain = new Socket();
            SSLSocket ssl = null;
            try {
                plain.connect(target, connectTimeoutMillis);
                plain.setSoTimeout(timeoutMillis);
                plain.setTcpNoDelay(true);
                ssl = (SSLSocket) factory.createSocket(plain, host, target.getPort(), true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                TlsWire wire = new TlsWire(ssl, this);
                ssl = null;
                plain = null;
                return wire;
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (SSLException e) {
                throw explain(e, host);
            } finally {
                if (ssl != null) {
                    ssl.close();
                } else if (plain != null) {
                    plain.close();
                }
            }
        }

        /** A TLS failure told in terms of the files the user gave. */
        IOException explain(SSLException e, String host) {
            String m = String.valueOf(e.getMessage());
            String what;
            if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)) {
                what = "the engine's certificate is not signed by " + (tls.ca() == null ? "a CA the JDK trusts (no ca.pem)"
                        : "the CA of " + tls.ca());
            } else if (m.contains("subject alternative") || m.contains("No name matching") || m.contains("No subject")) {
                what = "the engine's certificate is not for " + host + " (" + m + ")";
            } else if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("unknown_ca")
                    || m.contains("certificate_unknown")) {
                what = tls.cert() == null
                        ? "the engine wants a client certificate and none was given (cert.pem and key.pem)"
                        : "the engine refused the client certificate " + tls.cert() + " (" + m + ")";
            } else {
                what = "TLS failed: " + m;
            }
            return new SSLHandshakeException(what);
        }

        private static boolean has(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        try {
            int n = in.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
            if (n > 0) {
                into.position(into.position() + n);
            }
            return n;
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("the engine did not answer within " + socket.getSoTimeout() + " ms");
        } catch (SSLException e) {
            throw connector.explain(e, socket.getInetAddress().getHostAddress());
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (SSLException e) {
            throw connector.explain(e, socket.getInetAddress().getHostAddress());
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // with TLS 1.3 the engine checks the client's certificate after the handshake: its
            // refusal (an alert) is there to read once the request hits a closed connection
            try {
                in.read();
            } catch (SSLException alert) {
                throw connector.explain(alert, socket.getInetAddress().getHostAddress());
            } catch (IOException other) {
                // nothing more to learn
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone either way
        }
    }

    private static SSLContext context(Endpoint.Tls tls) throws IOException {
        try {
            KeyManagerFactory keys = null;
            if (tls.cert() != null) {
                PrivateKey key = privateKey(tls.key());
                if (key == null) {
                    throw new IOException(tls.key() + " holds no private key cccf can read");
                }
                // in memory only, so JKS: a PKCS#12 store (the default type) encrypts the key as it takes it
                // and decrypts it for the key manager, some 20,000 rounds of PBKDF2 (100 ms and more of start-up)
                KeyStore store = KeyStore.getInstance("JKS");
                store.load(null, null);
                store.setKeyEntry("docker", key, "docker".toCharArray(), certificates(tls.cert()).toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, "docker".toCharArray());
            }
            TrustManagerFactory trust = null;
            if (tls.ca() != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(tls.ca())) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException("cannot use the TLS material " + files(tls) + ": " + message(e), e);
        }
    }

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    /** A PKCS#8 key by the JDK (RSA, EC, Ed25519), any other PEM key by docker-java; null when it holds none. */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = read(file);
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            return CertificateUtils.loadPrivateKey(pem);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a valid PEM key: " + e.getMessage(), e);
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // another algorithm's key
            }
        }
        return CertificateUtils.loadPrivateKey(pem);
    }

    private static List<Certificate> certificates(Path file) throws IOException, CertificateException {
        read(file);
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> all = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (all.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return all;
        }
    }

    private static String read(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN ")) {
            throw new IOException(file + " is not a PEM file");
        }
        return pem;
    }

    private static String files(Endpoint.Tls tls) {
        StringBuilder s = new StringBuilder();
        for (Path p : new Path[] {tls.ca(), tls.cert(), tls.key()}) {
            if (p != null) {
                s.append(s.length() == 0 ? "" : ", ").append(p);
            }
        }
        return s.toString();
    }

    private static String message(Exception e) {
        if (e instanceof CertificateException || e.getMessage() == null) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage();
    }
}
