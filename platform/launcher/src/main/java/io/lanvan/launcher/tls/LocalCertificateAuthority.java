package io.lanvan.launcher.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate authority LANVan creates on its first start, so browsers can trust the server once
 * users install {@code ca.crt}. It may only vouch for this network's names and addresses ({@link LanScope},
 * a critical Name Constraints extension), lives {@value #VALIDITY_DAYS} days, and its key is locked with a
 * password of its own ({@code ca.password}) that is never handed to the web server. It is kept for as
 * long as it is valid: a new CA would make every user install a certificate again. A CA without Name
 * Constraints, made by a version before them, is replaced at once: its key could sign for any web site.
 */
final class LocalCertificateAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCertificateAuthority.class);
    private static final String ALIAS = "lanvan-ca";
    static final int VALIDITY_DAYS = 730;
    private static final Duration VALIDITY = Duration.ofDays(VALIDITY_DAYS);
    /** Certificates start an hour early, so a client whose clock is a little behind still accepts them. */
    static final Duration CLOCK_SKEW = Duration.ofHours(1);
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Frames the one log message an admin must not miss: devices have to trust a new CA. */
    private static final String BANNER = System.lineSeparator() + "=".repeat(100) + System.lineSeparator();

    private final CertifiedKey authority;
    private final LanScope scope;

    private LocalCertificateAuthority(CertifiedKey authority, LanScope scope) {
        this.authority = authority;
        this.scope = scope;
    }

    /**
     * @param legacyPassword the key stores' password, which locked {@code ca.p12} before it had its own
     */
    static LocalCertificateAuthority loadOrCreate(TlsDirectory dir, char[] legacyPassword, HostIdentity host, Instant now)
            throws IOException, GeneralSecurityException {
        if (Files.exists(dir.caKeyStore())) {
            boolean ownPassword = Files.exists(dir.caPasswordFile());
            String passwordSource = ownPassword ? "the password in " + dir.caPasswordFile()
                    : "the password in " + dir.passwordFile() + " (" + dir.caPasswordFile() + " is missing)";
            CertifiedKey existing = load(dir, ownPassword ? KeyStorePassword.read(dir.caPasswordFile(), dir) : legacyPassword,
                    passwordSource);
            Optional<LanScope> scope = LanScope.of(existing.certificate());
            Instant expiry = existing.certificate().getNotAfter().toInstant();
            if (scope.isEmpty()) {
                LOG.warn("{}The local certificate authority in {} could sign certificates for any web site; it is replaced by"
                        + " one that can only vouch for this network's names and addresses.{}EVERY DEVICE MUST TRUST THE NEW"
                        + " CA: open http://<this server>/trust on each device and install it (and remove the old"
                        + " 'LANVan Local CA' from the device's trusted certificates).{}", BANNER, dir.caCertificate(),
                        System.lineSeparator(), BANNER);
            } else if (expiry.isAfter(now.plus(ServerKeyStore.RENEW_BEFORE))) {
                LocalCertificateAuthority authority = new LocalCertificateAuthority(existing, scope.get());
                authority.publishCertificate(dir);
                return authority;
            } else {
                LOG.warn("The local certificate authority expires on {}; creating a new one. Users must install the new {}",
                        expiry, dir.caCertificate());
            }
        }
        LanScope scope = LanScope.forHost(host);
        LocalCertificateAuthority created = new LocalCertificateAuthority(createAuthority(host, scope, now), scope);
        char[] password = KeyStorePassword.create(dir.caPasswordFile(), dir);
        dir.writePrivate(dir.caKeyStore(), Pkcs12.encode(ALIAS, created.authority, password));
        created.publishCertificate(dir);
        LOG.info("Created the local certificate authority '{}', valid until {} for {}; users install {} to trust this server",
                created.certificate().getSubjectX500Principal().getName(), created.certificate().getNotAfter().toInstant(),
                scope.dnsNames(), dir.caCertificate());
        return created;
    }

    X509Certificate certificate() {
        return authority.certificate();
    }

    /** Whether this CA issued {@code certificate}, checked by its signature, not by names. */
    boolean issued(X509Certificate certificate) {
        try {
            certificate.verify(certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** What of {@code host} this CA may vouch for. */
    HostIdentity servable(HostIdentity host) {
        return scope.servable(host);
    }

    /** A server certificate for every name and address of {@code host}, never outliving the CA. */
    CertifiedKey issueServerCertificate(HostIdentity host, Instant now) throws GeneralSecurityException, IOException {
        KeyPair keys = newKeyPair();
        Instant notBefore = now.minus(CLOCK_SKEW);
        Instant notAfter = earliest(notBefore.plus(ServerKeyStore.VALIDITY), certificate().getNotAfter().toInstant());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate(), serialNumber(),
                Date.from(notBefore), Date.from(notAfter), name(host.primaryName()), keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate()));
        ServerKeyStore.addServerExtensions(builder, extensions, keys.getPublic(), host);
        X509Certificate server = sign(builder, authority.key());
        return new CertifiedKey(keys.getPrivate(), List.of(server, certificate()));
    }

    private static CertifiedKey load(TlsDirectory dir, char[] password, String passwordSource)
            throws IOException, GeneralSecurityException {
        try {
            return Pkcs12.keyEntry(Pkcs12.load(dir.caKeyStore(), password), ALIAS, password)
                    .orElseThrow(() -> new KeyStoreException(dir.caKeyStore() + " holds no '" + ALIAS + "' key entry"));
        } catch (IOException | GeneralSecurityException e) {
            // Never replace a CA users may have installed just because it does not open: an admin must decide.
            throw new KeyStoreException("The local CA in " + dir.caKeyStore() + " cannot be opened with "
                    + passwordSource + " (" + e.getMessage() + "); restore both files, or delete the folder "
                    + dir.root() + " to create a new CA (users must then install the new ca.crt)", e);
        }
    }

    private static CertifiedKey createAuthority(HostIdentity host, LanScope scope, Instant now)
            throws GeneralSecurityException, IOException {
        KeyPair keys = newKeyPair();
        X500Name subject = name("LANVan Local CA " + host.primaryName());
        Instant notBefore = now.minus(CLOCK_SKEW);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)), subject, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        // pathLen 0: this CA signs server certificates only, never another CA.
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        // critical: a client that cannot apply the constraints must refuse the CA rather than ignore them
        builder.addExtension(Extension.nameConstraints, true, scope.toExtension());
        return new CertifiedKey(keys.getPrivate(), List.of(sign(builder, keys.getPrivate())));
    }

    /** Rewrites {@code ca.crt} when it is missing or differs, so users always download the CA that is in use. */
    private void publishCertificate(TlsDirectory dir) throws IOException {
        byte[] pem = Pem.encode(certificate());
        if (!Files.exists(dir.caCertificate()) || !Arrays.equals(Files.readAllBytes(dir.caCertificate()), pem)) {
            dir.writePrivate(dir.caCertificate(), pem);
        }
    }

    private static X500Name name(String commonName) {
        // O before CN in the encoding, so Java and OpenSSL print "CN=..., O=LANVan".
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "LANVan").addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serialNumber() {
        // Positive and at most 20 octets (RFC 5280 4.1.2.2); random so no two certificates share one.
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(CryptoProvider.BOUNCY_CASTLE).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign with " + SIGNATURE_ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
