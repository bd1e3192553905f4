package io.lanvan.signaling.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A device is its identity key (docs/security.md, "Device identity"): its id is the SHA-256 of the
 * key, and a hello counts only once the device has signed a fresh challenge with that key. The
 * signed bytes name the protocol, the nonce, the host the device connected to and its id, so a
 * signature made for another connection, another server or another device is worthless.
 * Signatures are ECDSA P-256 with SHA-256 in the IEEE P1363 form (r ‖ s) that WebCrypto makes.
 */
final class DeviceProof {
    /** The first line of the signed bytes; changes with what they mean. */
    static final String LABEL = "LANVan hello v2";
    static final Duration CHALLENGE_LIFETIME = Duration.ofSeconds(30);
    private static final int NONCE_BYTES = 32;
    private static final int SIGNATURE_BYTES = 64;
    private static final ECParameterSpec P256 = p256();

    private final Clock clock;
    private final SecureRandom random;
    private final int protocol;

    /** {@code protocol} is the version of the hello the signed bytes name. */
    DeviceProof(Clock clock, SecureRandom random, int protocol) {
        this.clock = clock;
        this.random = random;
        this.protocol = protocol;
    }

    /** An identity key checked to be a P-256 public key in its one DER spelling, with the device id it gives. */
    record DeviceKey(String deviceId, ECPublicKey key) {
    }

    /** One challenge, for one connection, usable once and only until {@code expiresAt}. */
    static final class Challenge {
        private final DeviceKey device;
        private final String host;
        private final String nonce;
        private final Instant expiresAt;
        private final AtomicBoolean used = new AtomicBoolean();

        private Challenge(DeviceKey device, String host, String nonce, Instant expiresAt) {
            this.device = device;
            this.host = host;
            this.nonce = nonce;
            this.expiresAt = expiresAt;
        }

        String nonce() {
            return nonce;
        }

        DeviceKey device() {
            return device;
        }
    }

    /** Why a device was not believed; the message is for the client. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A key that is not an ECDSA P-256 SubjectPublicKeyInfo in base64url (the message names the field). */
    static final class MalformedKey extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedKey(String message) {
            super(message, null, false, false);
        }
    }

    /** The device id of an identity key: base64url (no padding) of the SHA-256 of its DER SubjectPublicKeyInfo. */
    static String deviceIdOf(byte[] spki) {
        try {
            return base64url(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }

    /**
     * Reads {@code identityKey} (base64url SPKI). Only the encoding WebCrypto exports is taken
     * (named curve, uncompressed point): one key, one spelling, one id.
     */
    static DeviceKey keyOf(String identityKey) throws MalformedKey {
        String rule = "Field 'identityKey' must be base64url (no padding) of the DER SubjectPublicKeyInfo of an ECDSA P-256 key";
        byte[] spki;
        try {
            spki = identityKey.indexOf('=') >= 0 ? null : Base64.getUrlDecoder().decode(identityKey);
        } catch (IllegalArgumentException notBase64) {
            spki = null;
        }
        if (spki == null) {
            throw new MalformedKey(rule);
        }
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)) instanceof ECPublicKey key
                    && sameCurve(key.getParams(), P256) && onCurve(key.getW()) && Arrays.equals(key.getEncoded(), spki)) {
                return new DeviceKey(deviceIdOf(spki), key);
            }
        } catch (GeneralSecurityException | RuntimeException notAKey) {
            // the same refusal as a key of another kind
        }
        throw new MalformedKey(rule);
    }

    /**
     * A fresh challenge for a device that claims {@code claimedId} with {@code device}'s key, on a
     * connection addressed to {@code host} ({@link io.lanvan.api.socket.SocketSession#host}).
     */
    Challenge challenge(DeviceKey device, String claimedId, String host) throws Refused {
        if (!device.deviceId().equals(claimedId)) {
            throw new Refused("Field 'deviceId' is not the id of this identity key: a device's id is the SHA-256 of its key ("
                    + device.deviceId() + ")");
        }
        if (host == null || host.isEmpty()) {
            throw new Refused("This connection was addressed to a host this server does not answer for; "
                    + "open LANVan by one of the server's names");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Challenge(device, host, base64url(nonce), clock.instant().plus(CHALLENGE_LIFETIME));
    }

    /** Checks the answer to a challenge; a challenge is spent by its first answer, right or wrong. */
    DeviceKey verify(Challenge challenge, String signature) throws Refused {
        if (!challenge.used.compareAndSet(false, true)) {
            throw new Refused("This challenge was already answered; say hello again");
        }
        if (clock.instant().isAfter(challenge.expiresAt)) {
            throw new Refused("The challenge expired (it lives " + CHALLENGE_LIFETIME.toSeconds() + " s); say hello again");
        }
        byte[] raw = decodeSignature(signature);
        if (raw == null || !verifies(challenge.device.key(), signedBytes(challenge.nonce, protocol, challenge.host,
                challenge.device.deviceId()), raw)) {
            throw new Refused("The signature does not prove this device's key: it must be the identity key's ECDSA P-256 "
                    + "signature (64 bytes r||s, base64url) of the challenge for this server address");
        }
        return challenge.device;
    }

    /** The exact bytes a device signs: the label, nonce, protocol, host and device id, one per line (UTF-8). */
    static byte[] signedBytes(String nonce, int protocol, String host, String deviceId) {
        return String.join("\n", LABEL, nonce, Integer.toString(protocol), host, deviceId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decodeSignature(String signature) {
        if (signature == null || signature.length() > 128 || signature.indexOf('=') >= 0) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(signature);
            return raw.length == SIGNATURE_BYTES ? raw : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean verifies(ECPublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException invalid) {
            return false;
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    /** y² = x³ + ax + b (mod p): the JDK builds a key from any pair of numbers. */
    private static boolean onCurve(ECPoint point) {
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x == null || y == null || x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
        return y.modPow(BigInteger.TWO, p).equals(right);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("Every Java runtime has P-256", impossible);
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
