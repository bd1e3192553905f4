package io.lanvan.launcher.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates an admin might bring, made with BouncyCastle the way a CA or openssl would. */
final class TestCertificates {

    private TestCertificates() {
    }

    static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /**
     * EC keys whose traditional PEM form carries the curve and the public key, as openssl writes it;
     * BouncyCastle's keys keep both in their encoding, the JDK's drop them.
     */
    static KeyPair opensslStyleEcKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair keys, String commonName, boolean ca) throws Exception {
        return issue(keys, commonName, new X500Name("CN=" + commonName), keys.getPrivate(), ca);
    }

    static X509Certificate signedBy(KeyPair keys, String commonName, X509Certificate issuer, PrivateKey issuerKey)
            throws Exception {
        return issue(keys, commonName, new JcaX509CertificateHolder(issuer).getSubject(), issuerKey, false);
    }

    /** Traditional PEM for EC keys ({@code EC PRIVATE KEY}), as openssl ecparam -genkey writes them. */
    static void writeTraditionalKey(Path file, PrivateKey key) throws IOException {
        write(file, key);
    }

    /** PKCS#8 PEM ({@code PRIVATE KEY}), as openssl genpkey and most ACME clients write them. */
    static void writePkcs8Key(Path file, PrivateKey key) throws IOException {
        write(file, new JcaPKCS8Generator(key, null).generate());
    }

    static void writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        write(file, (Object[]) certificates);
    }

    static X509Certificate readCertificate(Path pemFile) throws Exception {
        try (InputStream in = Files.newInputStream(pemFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static KeyStore loadKeyStore(TlsMaterial material) throws Exception {
        KeyStore store = KeyStore.getInstance(material.keyStoreType());
        try (InputStream in = Files.newInputStream(material.keyStore())) {
            store.load(in, material.keyStorePassword());
        }
        return store;
    }

    private static X509Certificate issue(KeyPair keys, String commonName, X500Name issuer,
                                         PrivateKey signingKey, boolean ca) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + commonName), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        String algorithm = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        var signer = new JcaContentSignerBuilder(algorithm).build(signingKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void write(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }
}
