package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Instant;

/** The admin's own PKCS#12 file, used where it lies once it proved to hold the server's key. */
final class AdminKeyStore {

    private AdminKeyStore() {
    }

    static TlsMaterial check(Path file, char[] password, TlsDirectory dir, Instant now)
            throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the configured TLS PKCS#12 file does not exist");
        }
        KeyStore store;
        try {
            store = Pkcs12.load(file, password);
        } catch (IOException e) {
            throw new IOException("The TLS PKCS#12 file " + file + " cannot be opened; is the password right and is it"
                    + " PKCS#12? (" + e.getMessage() + ")", e);
        }
        CertifiedKey entry;
        try {
            entry = Pkcs12.firstKeyEntry(store, password).orElseThrow(() -> new KeyStoreException(
                    "The TLS PKCS#12 file " + file + " holds no private key entry; it needs the server's private key"
                            + " with its certificate, not certificates alone"));
        } catch (KeyStoreException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // Jetty opens the key with the store password too, so a key locked with another one is unusable.
            throw new KeyStoreException("The private key in the TLS PKCS#12 file " + file
                    + " cannot be opened with the file's password (" + e.getMessage() + ")", e);
        }
        AdminCertificateChain.warnIfExpiring(entry.certificate(), file, now);
        return new TlsMaterial(file, password, Pkcs12.TYPE, AdminCertificateChain.publishRoot(entry.chain(), dir));
    }
}
