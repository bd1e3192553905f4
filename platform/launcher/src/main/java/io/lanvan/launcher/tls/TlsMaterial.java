package io.lanvan.launcher.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTPS connector needs: a key store holding the server's key and certificate chain, and
 * the CA certificate users may install so browsers trust the server.
 *
 * @param keyStore          the key store file; its key entry uses the same password as the store
 * @param keyStorePassword  password of the store and of its key entry
 * @param keyStoreType      the {@link java.security.KeyStore} type, always {@code "PKCS12"}
 * @param caCertificatePem  a PEM file with the root certificate to offer users, when there is one
 */
public record TlsMaterial(Path keyStore, char[] keyStorePassword, String keyStoreType, Optional<Path> caCertificatePem) {

    public TlsMaterial {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    }

    /** Leaves the password out, so logging this record never leaks it. */
    @Override
    public String toString() {
        return "TlsMaterial[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType
                + ", caCertificatePem=" + caCertificatePem.map(Path::toString).orElse("none") + "]";
    }
}
