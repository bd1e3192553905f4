package io.lanvan.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device with a real ECDSA P-256 identity key that says hello and proves it as the web client
 * does (docs/protocol.md, hello): its id is the SHA-256 of its key, and it signs the server's
 * challenge in the P1363 form (r || s) WebCrypto makes. Its own code, not the server's, so a
 * mistake on either side shows.
 */
public final class TestDevice {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([A-Za-z0-9_-]+)\"");

    public final KeyPair keys;
    /** base64url of the DER SubjectPublicKeyInfo, as hello carries it. */
    public final String identityKey;
    /** base64url of the SHA-256 of that SPKI. */
    public final String deviceId;

    private TestDevice(KeyPair keys) {
        this.keys = keys;
        byte[] spki = keys.getPublic().getEncoded();
        this.identityKey = base64url(spki);
        try {
            this.deviceId = base64url(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    public static TestDevice generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestDevice(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** One device per label, made on first use: a test's "ana-device" is the same key each time it connects. */
    public static final class Keyring {
        private final Map<String, TestDevice> devices = new HashMap<>();

        public synchronized TestDevice get(String label) {
            return devices.computeIfAbsent(label, unused -> generate());
        }
    }

    /** Sends one text frame. */
    public interface Sender {
        void send(String frame) throws Exception;
    }

    /** Returns the next frame that {@code wanted} accepts, skipping others. */
    public interface Receiver {
        String next(Predicate<String> wanted) throws Exception;
    }

    /** A hello of protocol 2 claiming {@code claimedId} (normally this device's own id). */
    public String helloFrame(String claimedId, String name) {
        return "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"" + claimedId + "\",\"name\":\"" + name
                + "\",\"platform\":\"linux\",\"identityKey\":\"" + identityKey + "\"}";
    }

    public String helloFrame(String name) {
        return helloFrame(deviceId, name);
    }

    /** The hello.proof answering a hello.challenge frame (its JSON text), for a connection addressed to {@code host}. */
    public String proofFrame(String challenge, String host) {
        Matcher nonce = NONCE.matcher(challenge);
        if (!nonce.find()) {
            throw new AssertionError("Not a challenge: " + challenge);
        }
        return "{\"type\":\"hello.proof\",\"id\":\"p\",\"signature\":\"" + sign(nonce.group(1), host) + "\"}";
    }

    /**
     * Says hello and proves it; returns the frame that answered (a welcome, or the error that
     * refused the hello or its proof).
     */
    public String hello(Sender send, Receiver next, String name, String host) throws Exception {
        send.send(helloFrame(name));
        String challenge = next.next(frame -> frame.contains("\"type\":\"hello.challenge\"") || frame.contains("\"inReplyTo\":\"h\""));
        if (!challenge.contains("\"type\":\"hello.challenge\"")) {
            return challenge;
        }
        send.send(proofFrame(challenge, host));
        return next.next(frame -> frame.contains("\"type\":\"welcome\"") || frame.contains("\"inReplyTo\":\"p\""));
    }

    /** base64url P1363 signature of the hello lines: label, nonce, protocol, host, device id. */
    public String sign(String nonce, String host) {
        return sign(String.join("\n", "LANVan hello v2", nonce, "2", host, deviceId));
    }

    /** base64url P1363 (r || s) signature of {@code text}, as WebCrypto makes it. */
    public String sign(String text) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return base64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
