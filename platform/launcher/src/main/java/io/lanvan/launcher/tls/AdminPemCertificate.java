package io.lanvan.launcher.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin's PEM certificate and key, as most CAs and ACME clients hand them out, turned into
 * {@code tls/admin-server.p12} on each start, so a renewed certificate is picked up by a restart.
 */
final class AdminPemCertificate {

    private AdminPemCertificate() {
    }

    static TlsMaterial convert(Path certificateFile, Path keyFile, TlsDirectory dir, char[] password, Instant now)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = Pem.readCertificates(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        List<X509Certificate> chain = serverFirst(key, certificates).orElseThrow(() -> new GeneralSecurityException(
                "The private key in " + keyFile + " belongs to none of the certificates in " + certificateFile));
        AdminCertificateChain.warnIfExpiring(chain.get(0), certificateFile, now);
        dir.writePrivate(dir.adminKeyStore(), Pkcs12.encode(ServerKeyStore.ALIAS, new CertifiedKey(key, chain), password));
        return new TlsMaterial(dir.adminKeyStore(), password, Pkcs12.TYPE, AdminCertificateChain.publishRoot(chain, dir));
    }

    /** The chain with the key's own certificate first, whatever order the admin pasted the file in. */
    private static Optional<List<X509Certificate>> serverFirst(PrivateKey key, List<X509Certificate> certificates)
            throws GeneralSecurityException {
        for (X509Certificate candidate : certificates) {
            if (belongsTo(key, candidate)) {
                List<X509Certificate> chain = new ArrayList<>(certificates);
                chain.remove(candidate);
                chain.add(0, candidate);
                return Optional.of(chain);
            }
        }
        return Optional.empty();
    }

    /** Proves the pair by signing with the key and verifying with the certificate. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(signatureAlgorithm(key));
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm(key));
        try {
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(PrivateKey key) throws GeneralSecurityException {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new GeneralSecurityException("Unsupported private key algorithm " + key.getAlgorithm()
                    + "; use an RSA, EC or Ed25519 key");
        };
    }
}
