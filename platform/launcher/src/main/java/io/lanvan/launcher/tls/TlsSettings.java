package io.lanvan.launcher.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server's certificate comes from: the admin's PKCS#12 file, the admin's PEM certificate
 * and key, or, when none is set, a local certificate authority the server creates itself.
 */
public record TlsSettings(Optional<Path> pkcs12, Optional<String> pkcs12Password,
                          Optional<Path> certificatePem, Optional<Path> privateKeyPem) {

    public TlsSettings {
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(pkcs12Password, "pkcs12Password");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        if (certificatePem.isPresent() != privateKeyPem.isPresent()) {
            throw new IllegalArgumentException("A PEM certificate and its private key must be configured together");
        }
        if (pkcs12.isPresent() && certificatePem.isPresent()) {
            throw new IllegalArgumentException("Configure either a PKCS#12 file or a PEM certificate and key, not both");
        }
    }

    /** Nothing configured: the server runs its own local certificate authority. */
    public static TlsSettings localCa() {
        return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** PEM certificate (possibly followed by its chain) and unencrypted private key. */
    public static TlsSettings pem(Path certificate, Path privateKey) {
        return new TlsSettings(Optional.empty(), Optional.empty(), Optional.of(certificate), Optional.of(privateKey));
    }

    /** A PKCS#12 file holding the server's key and chain; the password may be absent for an unprotected file. */
    public static TlsSettings pkcs12(Path file, Optional<String> password) {
        return new TlsSettings(Optional.of(file), password, Optional.empty(), Optional.empty());
    }

    public boolean usesLocalCa() {
        return pkcs12.isEmpty() && certificatePem.isEmpty();
    }

    /** Masks the PKCS#12 password: settings get logged at start-up. */
    @Override
    public String toString() {
        return "TlsSettings[pkcs12=" + pkcs12.map(Path::toString).orElse("none")
                + ", pkcs12Password=" + pkcs12Password.map(p -> "***").orElse("none")
                + ", certificatePem=" + certificatePem.map(Path::toString).orElse("none")
                + ", privateKeyPem=" + privateKeyPem.map(Path::toString).orElse("none") + "]";
    }
}
