package io.lanvan.launcher.tls;

import static io.lanvan.launcher.tls.LocalCaTlsSetupTest.localhost;
import static io.lanvan.launcher.tls.TestCertificates.loadKeyStore;
import static io.lanvan.launcher.tls.TestCertificates.readCertificate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminMaterialTlsSetupTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path adminFiles;

    @Test
    void pemCertificateWithTraditionalEcKeyBecomesTheServerKeyStore() throws Exception {
        KeyPair keys = TestCertificates.opensslStyleEcKeys();
        X509Certificate certificate = TestCertificates.selfSigned(keys, "files.example.org", false);
        Path certFile = adminFiles.resolve("server.crt");
        Path keyFile = adminFiles.resolve("server.key");
        TestCertificates.writeCertificates(certFile, certificate);
        TestCertificates.writeTraditionalKey(keyFile, keys.getPrivate());
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN EC PRIVATE KEY-----"));

        TlsMaterial material = prepare(TlsSettings.pem(certFile, keyFile));

        assertEquals(dataDir.resolve("tls/admin-server.p12"), material.keyStore());
        KeyStore store = loadKeyStore(material);
        assertEquals(certificate, store.getCertificate("lanvan"));
        ECPrivateKey stored = (ECPrivateKey) store.getKey("lanvan", material.keyStorePassword());
        assertEquals(((ECPrivateKey) keys.getPrivate()).getS(), stored.getS());
        assertEquals(Optional.of(dataDir.resolve("tls/admin-ca.crt")), material.caCertificatePem());
        assertEquals(certificate, readCertificate(material.caCertificatePem().orElseThrow()));
    }

    @Test
    void pemChainWithPkcs8RsaKeyKeepsTheServerCertificateFirstAndNoRootToInstall() throws Exception {
        KeyPair caKeys = TestCertificates.rsaKeys();
        X509Certificate ca = TestCertificates.selfSigned(caKeys, "Example Issuing CA", true);
        KeyPair serverKeys = TestCertificates.rsaKeys();
        X509Certificate server = TestCertificates.signedBy(serverKeys, "files.example.org", ca, caKeys.getPrivate());
        KeyPair otherCaKeys = TestCertificates.rsaKeys();
        X509Certificate intermediate = TestCertificates.signedBy(caKeys, "Example Issuing CA",
                TestCertificates.selfSigned(otherCaKeys, "Example Root", true), otherCaKeys.getPrivate());
        Path certFile = adminFiles.resolve("fullchain.pem");
        Path keyFile = adminFiles.resolve("privkey.pem");
        TestCertificates.writeCertificates(certFile, intermediate, server);
        TestCertificates.writePkcs8Key(keyFile, serverKeys.getPrivate());

        TlsMaterial material = prepare(TlsSettings.pem(certFile, keyFile));

        Certificate[] chain = loadKeyStore(material).getCertificateChain("lanvan");
        assertArrayEquals(new Certificate[] {server, intermediate}, chain);
        assertEquals(Optional.empty(), material.caCertificatePem(), "the chain ends in an intermediate");
    }

    @Test
    void pemKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        Path certFile = adminFiles.resolve("server.crt");
        Path keyFile = adminFiles.resolve("server.key");
        TestCertificates.writeCertificates(certFile,
                TestCertificates.selfSigned(TestCertificates.ecKeys(), "files.example.org", false));
        TestCertificates.writePkcs8Key(keyFile, TestCertificates.ecKeys().getPrivate());

        var failure = assertThrows(GeneralSecurityException.class, () -> prepare(TlsSettings.pem(certFile, keyFile)));

        assertTrue(failure.getMessage().contains(certFile.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains(keyFile.toString()), failure.getMessage());
    }

    @Test
    void pemFileWithoutAKeyIsRefusedNamingIt() throws Exception {
        X509Certificate certificate = TestCertificates.selfSigned(TestCertificates.ecKeys(), "files.example.org", false);
        Path certFile = adminFiles.resolve("server.crt");
        TestCertificates.writeCertificates(certFile, certificate);

        var failure = assertThrows(IOException.class, () -> prepare(TlsSettings.pem(certFile, certFile)));

        assertTrue(failure.getMessage().contains(certFile.toString()), failure.getMessage());
    }

    @Test
    void pkcs12WithAKeyEntryIsUsedWhereItLies() throws Exception {
        KeyPair keys = TestCertificates.ecKeys();
        X509Certificate certificate = TestCertificates.selfSigned(keys, "files.example.org", false);
        KeyStore store = emptyStore();
        store.setKeyEntry("admin", keys.getPrivate(), "secret".toCharArray(), new Certificate[] {certificate});
        Path file = save(store, "server.p12", "secret");

        TlsMaterial material = prepare(TlsSettings.pkcs12(file, Optional.of("secret")));

        assertEquals(file, material.keyStore());
        assertArrayEquals("secret".toCharArray(), material.keyStorePassword());
        assertEquals("PKCS12", material.keyStoreType());
        assertFalse(Files.exists(dataDir.resolve("tls/server.p12")), "no local CA certificate is issued");
    }

    @Test
    void pkcs12WithoutAKeyEntryIsRefusedNamingTheFile() throws Exception {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", TestCertificates.selfSigned(TestCertificates.ecKeys(), "Some CA", true));
        Path file = save(store, "certificates-only.p12", "secret");

        var failure = assertThrows(GeneralSecurityException.class,
                () -> prepare(TlsSettings.pkcs12(file, Optional.of("secret"))));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("no private key"), failure.getMessage());
    }

    @Test
    void pkcs12WithTheWrongPasswordIsRefusedNamingTheFile() throws Exception {
        KeyPair keys = TestCertificates.ecKeys();
        KeyStore store = emptyStore();
        store.setKeyEntry("admin", keys.getPrivate(), "secret".toCharArray(),
                new Certificate[] {TestCertificates.selfSigned(keys, "files.example.org", false)});
        Path file = save(store, "server.p12", "secret");

        var failure = assertThrows(IOException.class, () -> prepare(TlsSettings.pkcs12(file, Optional.of("wrong"))));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
    }

    @Test
    void missingPkcs12FileIsRefusedNamingIt() {
        Path file = adminFiles.resolve("absent.p12");

        var failure = assertThrows(IOException.class, () -> prepare(TlsSettings.pkcs12(file, Optional.empty())));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
    }

    private TlsMaterial prepare(TlsSettings settings) throws Exception {
        return TlsSetup.prepare(settings, dataDir, localhost(), Clock.systemUTC());
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private Path save(KeyStore store, String name, String password) throws Exception {
        Path file = adminFiles.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
