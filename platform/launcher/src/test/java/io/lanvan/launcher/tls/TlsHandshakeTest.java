package io.lanvan.launcher.tls;

import static io.lanvan.launcher.tls.LocalCaTlsSetupTest.localhost;
import static io.lanvan.launcher.tls.TestCertificates.loadKeyStore;
import static io.lanvan.launcher.tls.TestCertificates.readCertificate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that trusts only {@code ca.crt} and checks host names as browsers do, against a real TLS server. */
class TlsHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dataDir;

    private TlsMaterial material;

    @BeforeEach
    void prepareLocalCa() throws Exception {
        material = TlsSetup.prepare(TlsSettings.localCa(), dataDir, localhost(), Clock.systemUTC());
    }

    @Test
    void clientTrustingTheCaAcceptsTheServerAsLocalhost() throws Exception {
        assertEquals(42, handshakeAndRead("localhost"));
    }

    @Test
    void clientTrustingTheCaAcceptsTheServerAsItsIpAddress() throws Exception {
        assertEquals(42, handshakeAndRead("127.0.0.1"));
    }

    @Test
    void clientRefusesTheServerUnderANameTheCertificateDoesNotHold() {
        assertThrows(SSLHandshakeException.class, () -> handshakeAndRead("files.example.org"));
    }

    /** Connects to 127.0.0.1 while checking the certificate against {@code hostName}; returns the byte the server sent. */
    private int handshakeAndRead(String hostName) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        try (SSLServerSocket listener = (SSLServerSocket) serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            listener.setSoTimeout(TIMEOUT_MILLIS);
            Future<?> served = serverThread.submit(() -> {
                try (Socket connection = listener.accept()) {
                    connection.setSoTimeout(TIMEOUT_MILLIS);
                    connection.getOutputStream().write(42);
                    connection.getOutputStream().flush();
                }
                return null;
            });
            int received;
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(loopback, listener.getLocalPort()), TIMEOUT_MILLIS);
                plain.setSoTimeout(TIMEOUT_MILLIS);
                SSLSocket tls = (SSLSocket) clientContext().getSocketFactory()
                        .createSocket(plain, hostName, listener.getLocalPort(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                received = tls.getInputStream().read();
            }
            // Only after the client closed: the server's close waits for the client's close_notify.
            served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return received;
        } finally {
            serverThread.shutdownNow();
        }
    }

    private SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(loadKeyStore(material), material.keyStorePassword());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("lanvan-ca", readCertificate(material.caCertificatePem().orElseThrow()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
