package io.lanvan.itest;

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
 * challenge in the P1363 form (r || s) WebCrypto makes.
 */
final class TestDevice {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([A-Za-z0-9_-]+)\"");

    final KeyPair keys;
    final String identityKey;
    final String deviceId;

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

    static TestDevice generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestDevice(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** One device per label, made on first use: a test's "ana-device" is the same key each time it connects. */
    static final class Keyring {
        private final Map<String, TestDevice> devices = new HashMap<>();

        synchronized TestDevice get(String label) {
            return devices.computeIfAbsent(label, unused -> generate());
        }
    }

    /** A hello of protocol 2 claiming {@code claimedId}. */
    String helloFrame(String claimedId, String name) {
        return "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"" + claimedId + "\",\"name\":\"" + name
                + "\",\"platform\":\"linux\",\"identityKey\":\"" + identityKey + "\"}";
    }

    String helloFrame(String name) {
        return helloFrame(deviceId, name);
    }

    /** The hello.proof answering a hello.challenge frame, for a connection addressed to {@code host}. */
    String proofFrame(String challenge, String host) {
        Matcher nonce = NONCE.matcher(challenge);
        if (!nonce.find()) {
            throw new AssertionError("Not a challenge: " + challenge);
        }
        return "{\"type\":\"hello.proof\",\"id\":\"p\",\"signature\":\"" + sign(nonce.group(1), host) + "\"}";
    }

    /**
     * Says hello on {@code client} and proves it; returns the frame that answered (a welcome, or
     * the error that refused the hello or its proof).
     */
    String hello(SocketClient client, String name, String host) throws Exception {
        return hello(client::send, client::next, name, host);
    }

    /** The same over any socket: {@code next} returns the next frame that matches, skipping others. */
    String hello(Sender send, Receiver next, String name, String host) throws Exception {
        send.send(helloFrame(name));
        String challenge = next.next(frame -> frame.contains("\"type\":\"hello.challenge\"") || frame.contains("\"inReplyTo\":\"h\""));
        if (!challenge.contains("\"type\":\"hello.challenge\"")) {
            return challenge;
        }
        send.send(proofFrame(challenge, host));
        return next.next(frame -> frame.contains("\"type\":\"welcome\"") || frame.contains("\"inReplyTo\":\"p\""));
    }

    interface Sender {
        void send(String frame) throws Exception;
    }

    interface Receiver {
        String next(Predicate<String> wanted) throws Exception;
    }

    /** base64url P1363 signature of the hello lines: label, nonce, protocol, host, device id. */
    String sign(String nonce, String host) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(String.join("\n", "LANVan hello v2", nonce, "2", host, deviceId).getBytes(StandardCharsets.UTF_8));
            return base64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
