package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks shared by both kinds of admin material: the root users may install, and a timely expiry warning. */
final class AdminCertificateChain {

    private static final Logger LOG = LoggerFactory.getLogger(AdminCertificateChain.class);

    private AdminCertificateChain() {
    }

    /**
     * Writes the chain's root to {@code tls/admin-ca.crt} when the chain ends in a self-signed certificate;
     * a chain ending in an intermediate has a root the clients must already trust.
     */
    static Optional<Path> publishRoot(List<X509Certificate> chain, TlsDirectory dir) throws IOException {
        X509Certificate last = chain.get(chain.size() - 1);
        if (!isSelfSigned(last)) {
            Files.deleteIfExists(dir.adminCaCertificate());
            return Optional.empty();
        }
        dir.writePrivate(dir.adminCaCertificate(), Pem.encode(last));
        return Optional.of(dir.adminCaCertificate());
    }

    /** Warns rather than fails: an expired certificate still lets an admin reach the console to replace it. */
    static void warnIfExpiring(X509Certificate certificate, Path source, Instant now) {
        Instant expiry = certificate.getNotAfter().toInstant();
        if (expiry.isBefore(now)) {
            LOG.warn("The TLS certificate in {} expired on {}; browsers will refuse it", source, expiry);
        } else if (expiry.isBefore(now.plus(ServerKeyStore.RENEW_BEFORE))) {
            LOG.warn("The TLS certificate in {} expires in {} days, on {}", source,
                    Duration.between(now, expiry).toDays(), expiry);
        }
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
