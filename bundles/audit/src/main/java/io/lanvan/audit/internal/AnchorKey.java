package io.lanvan.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The Ed25519 key pair that signs checkpoints of the audit chain. It lives in the data folder, never
 * in the database: someone who can only write the database can recompute the chain's hashes but
 * cannot sign a checkpoint for the result. {@code anchor.key} (owner-only) holds the private key as a
 * PKCS#8 PEM; {@code anchor.pub} beside it the public key as a SubjectPublicKeyInfo PEM, which also
 * reads with {@code openssl pkey -pubin}. Signatures are checked with {@code anchor.pub}, so a
 * replaced public key shows up as checkpoints that no longer verify, and as another fingerprint.
 *
 * <p>BouncyCastle's Ed25519, not the JDK's: on the machines LANVan runs on the JDK 17 one took about
 * 2.5 ms to sign and 3 ms to verify, BouncyCastle about 0.1 ms, which decides how long verifying a
 * year of checkpoints takes.
 */
final class AnchorKey {
    static final String PRIVATE_FILE = "anchor.key";
    static final String PUBLIC_FILE = "anchor.pub";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final HexFormat HEX = HexFormat.of();
    /** id-Ed25519 (RFC 8410); BouncyCastle's constant for it is in a package its bundle does not export. */
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private final Ed25519PrivateKeyParameters signing;
    private final Ed25519PublicKeyParameters checking;
    private final String fingerprint;

    private AnchorKey(Ed25519PrivateKeyParameters signing, Ed25519PublicKeyParameters checking) throws IOException {
        this.signing = signing;
        this.checking = checking;
        this.fingerprint = fingerprintOf(checking);
    }

    /**
     * The key pair in {@code folder}, made on first use (the private key file owner-only). A missing
     * {@code anchor.pub} is written again from the private key; a missing {@code anchor.key} means a
     * new pair, whose fingerprint differs, so checkpoints signed before no longer verify (and say so).
     */
    static AnchorKey loadOrCreate(Path folder, SecureRandom random) throws IOException {
        OwnerOnly.folder(folder);
        Path privateFile = folder.resolve(PRIVATE_FILE);
        Path publicFile = folder.resolve(PUBLIC_FILE);
        if (!Files.exists(privateFile)) {
            Ed25519PrivateKeyParameters created = new Ed25519PrivateKeyParameters(random);
            write(publicFile, pem("PUBLIC KEY", publicEncoding(created.generatePublicKey())));
            write(privateFile, pem("PRIVATE KEY", privateEncoding(created)));
        }
        AsymmetricKeyParameter stored = PrivateKeyFactory.createKey(der(privateFile, "PRIVATE KEY"));
        if (!(stored instanceof Ed25519PrivateKeyParameters signing)) {
            throw new IOException(privateFile + " does not hold an Ed25519 private key");
        }
        if (!Files.exists(publicFile)) {
            write(publicFile, pem("PUBLIC KEY", publicEncoding(signing.generatePublicKey())));
        }
        AsymmetricKeyParameter published = PublicKeyFactory.createKey(der(publicFile, "PUBLIC KEY"));
        if (!(published instanceof Ed25519PublicKeyParameters checking)) {
            throw new IOException(publicFile + " does not hold an Ed25519 public key");
        }
        return new AnchorKey(signing, checking);
    }

    /** The lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo encoding (as {@code openssl pkey -pubin -outform DER | sha256sum}). */
    String fingerprint() {
        return fingerprint;
    }

    /** Whether {@code anchor.pub} is the public half of {@code anchor.key}; when not, new checkpoints will not verify. */
    boolean halvesMatch() {
        return Arrays.equals(signing.generatePublicKey().getEncoded(), checking.getEncoded());
    }

    String sign(String text) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signing);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    boolean verifies(String text, String signature) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, checking);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(raw);
    }

    private static String fingerprintOf(Ed25519PublicKeyParameters key) throws IOException {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(publicEncoding(key)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * PKCS#8 version 1 (RFC 8410, the private key alone), as the JDK and OpenSSL write it: BouncyCastle's
     * factory writes version 2 with the public key attached, which OpenSSL 3.0 does not read.
     */
    private static byte[] privateEncoding(Ed25519PrivateKeyParameters key) throws IOException {
        return new PrivateKeyInfo(new AlgorithmIdentifier(ED25519), new DEROctetString(key.getEncoded()))
                .getEncoded();
    }

    private static byte[] publicEncoding(Ed25519PublicKeyParameters key) throws IOException {
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) throws IOException {
        Matcher block = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (block.find()) {
            if (block.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(block.group(2));
            }
        }
        throw new IOException(file + " holds no " + type + " PEM block");
    }

    /** Written to a temporary owner-only file first and moved into place, so a crash never leaves half a key. */
    private static void write(Path target, String content) throws IOException {
        Path temporary = OwnerOnly.newFile(target.resolveSibling(target.getFileName() + ".tmp"));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
