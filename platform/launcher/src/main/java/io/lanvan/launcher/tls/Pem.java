package io.lanvan.launcher.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** PEM text, the format admins get certificates in and users install CA certificates from. */
final class Pem {

    private Pem() {
    }

    static byte[] encode(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Every certificate in the file, in file order: the server's own, then its chain. */
    static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object item : readObjects(file, "certificate")) {
            if (item instanceof X509CertificateHolder holder) {
                certificates.add(converter.getCertificate(holder));
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("The certificate file " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** A PKCS#8 ({@code PRIVATE KEY}) or traditional ({@code RSA/EC PRIVATE KEY}) unencrypted key. */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object item : readObjects(file, "key")) {
            try {
                if (item instanceof PEMKeyPair pair) {
                    // The public key is optional in a traditional EC key, so read the private part alone.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            } catch (PEMException e) {
                throw new IOException("The private key in " + file + " cannot be read: " + e.getMessage(), e);
            }
            if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new IOException("The private key in " + file + " is encrypted; LANVan needs it unencrypted"
                        + " (protect the file with permissions instead; openssl pkey -in key.pem -out plain.pem decrypts it)");
            }
        }
        throw new IOException("The key file " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static List<Object> readObjects(Path file, String kind) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the configured TLS " + kind + " file does not exist");
        }
        List<Object> items = new ArrayList<>();
        // ISO-8859-1 reads any byte, so stray non-ASCII comments around the PEM blocks cannot fail decoding.
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                items.add(item);
            }
        } catch (IOException e) {
            throw new IOException("The " + kind + " file " + file + " is not valid PEM: " + e.getMessage(), e);
        }
        return items;
    }
}
