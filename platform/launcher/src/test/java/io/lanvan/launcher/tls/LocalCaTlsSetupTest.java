package io.lanvan.launcher.tls;

import static io.lanvan.launcher.tls.TestCertificates.loadKeyStore;
import static io.lanvan.launcher.tls.TestCertificates.readCertificate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.util.IPAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTlsSetupTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void serverCertificateNamesEveryHostNameAndAddress() throws Exception {
        X509Certificate server = serverCertificate(prepare(host("lanvan-box", "localhost", "192.168.1.20", "::1"), CLOCK));

        Set<String> names = server.getSubjectAlternativeNames().stream()
                .map(name -> name.get(0) + ":" + name.get(1)).collect(Collectors.toSet());
        assertEquals(Set.of("2:lanvan-box", "2:localhost", "7:192.168.1.20", "7:0:0:0:0:0:0:0:1"), names);
        assertEquals("CN=lanvan-box,O=LANVan", server.getSubjectX500Principal().getName());
    }

    @Test
    void serverCertificateIsForServersOnlyAndValidFor397Days() throws Exception {
        X509Certificate server = serverCertificate(prepare(localhost(), CLOCK));

        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage(), "serverAuth");
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        assertEquals(Duration.ofDays(397), Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant()));
        assertTrue(server.getNotBefore().toInstant().isBefore(NOW));
    }

    @Test
    void caCertificateMaySignServerCertificatesOnly() throws Exception {
        X509Certificate ca = readCertificate(prepare(localhost(), CLOCK).caCertificatePem().orElseThrow());

        assertEquals(0, ca.getBasicConstraints(), "CA with pathLen 0");
        assertTrue(ca.getKeyUsage()[5] && ca.getKeyUsage()[6], "keyCertSign and cRLSign");
        assertEquals("CN=LANVan Local CA localhost,O=LANVan", ca.getSubjectX500Principal().getName());
        assertEquals(Duration.ofDays(730), Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()),
                "valid two years");
    }

    @Test
    void localCaSignsTheServerCertificateAndTheChainValidates() throws Exception {
        TlsMaterial material = prepare(localhost(), CLOCK);
        X509Certificate ca = readCertificate(material.caCertificatePem().orElseThrow());
        X509Certificate server = serverCertificate(material);

        server.verify(ca.getPublicKey());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(server));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    @Test
    void keyStoreHoldsTheServerKeyWithItsChainUnderTheLanvanAlias() throws Exception {
        TlsMaterial material = prepare(localhost(), CLOCK);
        KeyStore store = loadKeyStore(material);

        assertEquals("PKCS12", material.keyStoreType());
        assertEquals(dataDir.resolve("tls/server.p12"), material.keyStore());
        assertTrue(store.isKeyEntry("lanvan"));
        assertEquals(2, store.getCertificateChain("lanvan").length);
        assertEquals(readCertificate(material.caCertificatePem().orElseThrow()), store.getCertificateChain("lanvan")[1]);
    }

    @Test
    void secondStartReusesTheCaAndTheServerCertificate() throws Exception {
        TlsMaterial first = prepare(localhost(), CLOCK);
        byte[] caFingerprint = fingerprint(readCertificate(first.caCertificatePem().orElseThrow()));
        X509Certificate firstServer = serverCertificate(first);

        TlsMaterial second = prepare(localhost(), Clock.offset(CLOCK, Duration.ofDays(1)));

        assertArrayEquals(caFingerprint, fingerprint(readCertificate(second.caCertificatePem().orElseThrow())));
        assertEquals(firstServer, serverCertificate(second));
        assertArrayEquals(first.keyStorePassword(), second.keyStorePassword());
    }

    @Test
    void aNewAddressGetsANewServerCertificateFromTheSameCa() throws Exception {
        TlsMaterial first = prepare(localhost(), CLOCK);
        X509Certificate ca = readCertificate(first.caCertificatePem().orElseThrow());
        X509Certificate firstServer = serverCertificate(first);

        TlsMaterial second = prepare(host("localhost", "127.0.0.1", "10.1.2.3"), CLOCK);

        X509Certificate secondServer = serverCertificate(second);
        assertNotEquals(firstServer, secondServer);
        assertEquals(ca, readCertificate(second.caCertificatePem().orElseThrow()));
        secondServer.verify(ca.getPublicKey());
        assertTrue(secondServer.getSubjectAlternativeNames().contains(List.of(7, "10.1.2.3")));
    }

    @Test
    void aServerCertificateExpiringWithin30DaysIsReissuedByTheSameCa() throws Exception {
        TlsMaterial first = prepare(localhost(), CLOCK);
        X509Certificate ca = readCertificate(first.caCertificatePem().orElseThrow());
        X509Certificate firstServer = serverCertificate(first);

        Clock nearExpiry = Clock.offset(CLOCK, Duration.ofDays(370));
        TlsMaterial second = prepare(localhost(), nearExpiry);

        X509Certificate secondServer = serverCertificate(second);
        assertNotEquals(firstServer, secondServer);
        secondServer.verify(ca.getPublicKey());
        // 397 days, or less when the CA ends sooner: a server certificate never outlives its CA
        assertEquals(ca.getNotAfter(), secondServer.getNotAfter());
    }

    @Test
    void aServerCertificateWithMoreThan30DaysLeftIsKept() throws Exception {
        X509Certificate first = serverCertificate(prepare(localhost(), CLOCK));

        X509Certificate later = serverCertificate(prepare(localhost(), Clock.offset(CLOCK, Duration.ofDays(360))));

        assertEquals(first, later);
    }

    @Test
    void everyTlsFileIsReadableByTheServerUserOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        prepare(localhost(), CLOCK);
        Path tls = dataDir.resolve("tls");

        assertEquals("rwx------", permissions(tls));
        assertEquals("rw-------", permissions(tls.resolve("keystore.password")));
        assertEquals("rw-------", permissions(tls.resolve("ca.p12")));
        assertEquals("rw-------", permissions(tls.resolve("ca.password")));
        assertEquals("rw-------", permissions(tls.resolve("server.p12")));
        assertEquals("rw-------", permissions(tls.resolve("ca.crt")));
    }

    @Test
    void passwordIsLongAndRandom() throws Exception {
        char[] password = prepare(localhost(), CLOCK).keyStorePassword();

        assertEquals(43, password.length, "32 random bytes in unpadded base64url");
        assertEquals(new String(password), Files.readString(dataDir.resolve("tls/keystore.password")));
    }

    @Test
    void aLostCaPasswordFileStopsTheStartRatherThanReplacingTheCa() throws Exception {
        prepare(localhost(), CLOCK);
        Files.delete(dataDir.resolve("tls/ca.password"));

        var failure = assertThrows(GeneralSecurityException.class, () -> prepare(localhost(), CLOCK));

        assertTrue(failure.getMessage().contains("ca.password"), failure.getMessage());
        assertTrue(Files.exists(dataDir.resolve("tls/ca.p12")));
    }

    @Test
    void aLostKeyStorePasswordFileGetsANewOneAndAServerCertificateFromTheSameCa() throws Exception {
        TlsMaterial first = prepare(localhost(), CLOCK);
        X509Certificate ca = readCertificate(first.caCertificatePem().orElseThrow());
        Files.delete(dataDir.resolve("tls/keystore.password"));

        TlsMaterial second = prepare(localhost(), CLOCK);

        assertEquals(ca, readCertificate(second.caCertificatePem().orElseThrow()));
        serverCertificate(second).verify(ca.getPublicKey());
    }

    @Test
    void aDeletedCaCertificateIsWrittenAgainFromTheCa() throws Exception {
        TlsMaterial first = prepare(localhost(), CLOCK);
        X509Certificate ca = readCertificate(first.caCertificatePem().orElseThrow());
        Files.delete(first.caCertificatePem().orElseThrow());

        TlsMaterial second = prepare(localhost(), CLOCK);

        assertEquals(ca, readCertificate(second.caCertificatePem().orElseThrow()));
    }

    private TlsMaterial prepare(HostIdentity host, Clock clock) throws Exception {
        return TlsSetup.prepare(TlsSettings.localCa(), dataDir, host, clock);
    }

    static HostIdentity localhost() throws Exception {
        return host("localhost", "127.0.0.1", "::1");
    }

    /** Names are the arguments that are not IP literals; parsing literals does no DNS lookup. */
    static HostIdentity host(String... namesAndAddresses) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String item : namesAndAddresses) {
            if (IPAddress.isValid(item)) {
                addresses.add(InetAddress.getByName(item));
            } else {
                names.add(item);
            }
        }
        return new HostIdentity(names, addresses);
    }

    static X509Certificate serverCertificate(TlsMaterial material) throws Exception {
        return (X509Certificate) loadKeyStore(material).getCertificate("lanvan");
    }

    private static byte[] fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
