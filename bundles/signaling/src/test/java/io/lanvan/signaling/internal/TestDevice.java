package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A device with a real ECDSA P-256 identity key, as the web client makes one, that answers hello
 * challenges the way the client does: its own code, not the server's, so a mistake on either side shows.
 */
final class TestDevice {
    /** The host every recorded session was addressed to. */
    static final String HOST = "lanvan.test:8443";
    final KeyPair keys;
    final String identityKey;
    final String deviceId;

    private TestDevice(KeyPair keys) {
        this.keys = keys;
        byte[] spki = keys.getPublic().getEncoded();
        this.identityKey = base64url(spki);
        this.deviceId = base64url(sha256(spki));
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

    /** A hello of protocol 2 claiming {@code claimedId} (normally this device's own id). */
    String helloFrame(String claimedId, String name) {
        return "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":2,\"deviceId\":\"" + claimedId + "\",\"name\":\"" + name
                + "\",\"platform\":\"linux\",\"identityKey\":\"" + identityKey + "\"}";
    }

    String helloFrame(String name) {
        return helloFrame(deviceId, name);
    }

    /** The answer to a {@code hello.challenge} frame, for a connection addressed to {@code host}. */
    String proofFrame(JsonNode challenge, String host) {
        return "{\"type\":\"hello.proof\",\"id\":\"p\",\"signature\":\"" + sign(challenge.get("nonce").asText(), host) + "\"}";
    }

    /** base64url P1363 (r || s) signature of the hello lines, as WebCrypto makes it. */
    String sign(String nonce, String host) {
        return sign(String.join("\n", "LANVan hello v2", nonce, "2", host, deviceId));
    }

    String sign(String text) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return base64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
