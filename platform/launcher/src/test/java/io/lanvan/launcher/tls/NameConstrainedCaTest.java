package io.lanvan.launcher.tls;

import static io.lanvan.launcher.tls.LocalCaTlsSetupTest.host;
import static io.lanvan.launcher.tls.LocalCaTlsSetupTest.serverCertificate;
import static io.lanvan.launcher.tls.TestCertificates.readCertificate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone who has taken over the server can do with the local CA that every employee's device
 * trusts: sign certificates with its key. Each device's validator (here Java's PKIX, given the CA's
 * Name Constraints as browsers take them from a root) must refuse anything but the LAN's own names.
 */
class NameConstrainedCaTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String NAME_CONSTRAINTS = Extension.nameConstraints.getId();

    @TempDir
    Path dataDir;

    @Test
    void theCaCarriesCriticalNameConstraints() throws Exception {
        X509Certificate ca = readCertificate(prepare(office()).caCertificatePem().orElseThrow());

        assertTrue(ca.getCriticalExtensionOIDs().contains(NAME_CONSTRAINTS), "critical NameConstraints");
    }

    @Test
    void aCertificateForAPublicSiteSignedWithTheStolenCaKeyIsRejected() throws Exception {
        prepare(office());
        X509Certificate ca = caCertificate();

        for (String name : List.of("www.google.com", "login.microsoftonline.com", "local.example.com")) {
            X509Certificate forged = forge(dnsName(name));
            assertThrows(CertPathValidatorException.class, () -> validate(forged, ca), name);
        }
    }

    @Test
    void aCertificateForAPublicAddressSignedWithTheStolenCaKeyIsRejected() throws Exception {
        prepare(office());
        X509Certificate ca = caCertificate();

        for (String address : List.of("8.8.8.8", "2001:4860:4860::8888", "172.32.0.1")) {
            X509Certificate forged = forge(ipAddress(address));
            assertThrows(CertPathValidatorException.class, () -> validate(forged, ca), address);
        }
    }

    @Test
    void theServersOwnCertificateIsAccepted() throws Exception {
        TlsMaterial material = prepare(office());

        validate(serverCertificate(material), caCertificate());
    }

    @Test
    void namesTheCaCannotVouchForAreLeftOutOfTheServerCertificate() throws Exception {
        TlsMaterial material = prepare(host("lanvan-box", "localhost", "192.168.1.20", "2001:db8::20", "::1"));

        X509Certificate server = serverCertificate(material);
        Set<String> names = server.getSubjectAlternativeNames().stream()
                .map(name -> name.get(0) + ":" + name.get(1)).collect(Collectors.toSet());
        assertFalse(names.contains("7:2001:db8:0:0:0:0:0:20"), names.toString());
        assertTrue(names.contains("7:192.168.1.20"), names.toString());
        validate(server, caCertificate());
    }

    @Test
    void aNameTheAdminConfiguredIsInTheCaScopeAndTheServerCertificate() throws Exception {
        HostIdentity host = office().withNames(List.of("lanvan.corp.example.com"));

        X509Certificate server = serverCertificate(prepare(host));

        assertTrue(server.getSubjectAlternativeNames().contains(List.of(2, "lanvan.corp.example.com")));
        assertEquals("CN=lanvan.corp.example.com,O=LANVan", server.getSubjectX500Principal().getName());
        validate(server, caCertificate());
        assertThrows(CertPathValidatorException.class, () -> validate(forge(dnsName("corp.example.com")), caCertificate()));
    }

    @Test
    void theCaLivesTwoYearsAndItsKeyIsNotLockedWithThePasswordGivenToTheWebServer() throws Exception {
        TlsMaterial material = prepare(office());
        X509Certificate ca = caCertificate();

        assertTrue(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()).toDays() <= 3 * 365,
                "CA valid " + ca.getNotBefore() + " to " + ca.getNotAfter());
        KeyStore caStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("tls/ca.p12"))) {
            assertThrows(Exception.class, () -> caStore.load(in, material.keyStorePassword()));
        }
    }

    @Test
    void anUnconstrainedCaFromAnOlderVersionIsReplaced() throws Exception {
        Path tls = Files.createDirectories(dataDir.resolve("tls"));
        KeyPair keys = TestCertificates.ecKeys();
        X509Certificate old = TestCertificates.selfSigned(keys, "LANVan Local CA lanvan-box", true);
        char[] password = "old-password".toCharArray();
        Files.writeString(tls.resolve("keystore.password"), new String(password));
        Files.write(tls.resolve("ca.p12"), Pkcs12.encode("lanvan-ca", new CertifiedKey(keys.getPrivate(), List.of(old)), password));
        TestCertificates.writeCertificates(tls.resolve("ca.crt"), old);

        TlsMaterial material = prepare(office());

        X509Certificate ca = caCertificate();
        assertNotEquals(old, ca);
        assertTrue(ca.getCriticalExtensionOIDs().contains(NAME_CONSTRAINTS));
        validate(serverCertificate(material), ca);
    }

    private TlsMaterial prepare(HostIdentity host) throws Exception {
        return TlsSetup.prepare(TlsSettings.localCa(), dataDir, host, CLOCK);
    }

    private static HostIdentity office() throws Exception {
        return host("lanvan-box", "localhost", "10.1.2.3", "192.168.1.20", "127.0.0.1", "::1");
    }

    private X509Certificate caCertificate() throws Exception {
        return readCertificate(dataDir.resolve("tls/ca.crt"));
    }

    /** The CA's key, read the way anyone running as the server's user can. */
    private PrivateKey stolenCaKey() throws Exception {
        Path tls = dataDir.resolve("tls");
        Path password = Files.exists(tls.resolve("ca.password")) ? tls.resolve("ca.password") : tls.resolve("keystore.password");
        char[] secret = Files.readString(password).strip().toCharArray();
        return Pkcs12.keyEntry(Pkcs12.load(tls.resolve("ca.p12"), secret), "lanvan-ca", secret).orElseThrow().key();
    }

    private X509Certificate forge(GeneralName name) throws Exception {
        X509Certificate ca = caCertificate();
        KeyPair keys = TestCertificates.ecKeys();
        var builder = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(ca).getSubject(), BigInteger.TEN,
                Date.from(NOW.minus(Duration.ofHours(1))), Date.from(NOW.plus(Duration.ofDays(30))),
                new X500Name("CN=forged"), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(stolenCaKey());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /**
     * PKIX with the CA as trust anchor, its Name Constraints applied as browsers apply a root's. Java's
     * validator reads no extension of the anchor itself (and refuses constraints given beside it), so the
     * CA is also the path's last certificate, which it signed itself: there its constraints are applied.
     */
    private static void validate(X509Certificate leaf, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, ca)), parameters);
    }

    private static GeneralName dnsName(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ipAddress(String address) throws Exception {
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(address).getAddress()));
    }
}
