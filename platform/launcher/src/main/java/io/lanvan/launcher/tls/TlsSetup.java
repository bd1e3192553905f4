package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;

/** Prepares the key store the HTTPS connector serves, before the OSGi framework starts. */
public final class TlsSetup {

    private TlsSetup() {
    }

    /**
     * Prepares the server's key store: the admin's own (PKCS#12 or PEM) if configured, else the local CA's.
     *
     * @param settings where the certificate comes from
     * @param dataDir  the data folder; TLS files go to its {@code tls} sub-folder
     * @param host     the names and addresses the local CA's server certificate must cover
     * @param clock    decides certificate validity and when to issue a new one
     * @throws IOException              a configured file is missing or unreadable (the message names it)
     * @throws GeneralSecurityException a key store or key is unusable (the message names the file)
     */
    public static TlsMaterial prepare(TlsSettings settings, Path dataDir, HostIdentity host, Clock clock)
            throws IOException, GeneralSecurityException {
        TlsDirectory dir = TlsDirectory.open(dataDir.resolve("tls"));
        if (settings.pkcs12().isPresent()) {
            char[] password = settings.pkcs12Password().map(String::toCharArray).orElse(new char[0]);
            return AdminKeyStore.check(settings.pkcs12().get(), password, dir, clock.instant());
        }
        char[] password = KeyStorePassword.loadOrCreate(dir);
        if (settings.certificatePem().isPresent()) {
            return AdminPemCertificate.convert(settings.certificatePem().get(), settings.privateKeyPem().orElseThrow(),
                    dir, password, clock.instant());
        }
        LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir, password, host, clock.instant());
        ServerKeyStore.prepare(dir, password, ca, host, clock.instant());
        return new TlsMaterial(dir.serverKeyStore(), password, Pkcs12.TYPE, Optional.of(dir.caCertificate()));
    }
}
