package io.lanvan.signaling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What it takes to be believed as a device: its key, and a fresh signature made with it for this server. */
class DeviceProofTest {
    private static final String HOST = "lanvan.corp.example:8443";
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final DeviceProof proofs = proofsAt(NOW);
    private final TestDevice ana = TestDevice.generate();

    @Test
    void aDevicesIdIsTheSha256OfItsKey() throws Exception {
        DeviceProof.DeviceKey key = DeviceProof.keyOf(ana.identityKey);
        assertEquals(ana.deviceId, key.deviceId());
        assertEquals(43, key.deviceId().length());
        // SHA-256 of the empty string, base64url: the encoding is the standard one, not Java's alone
        assertEquals("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", DeviceProof.deviceIdOf(new byte[0]));
    }

    @Test
    void aSignatureByTheDevicesKeyOverItsChallengeProvesTheDevice() throws Exception {
        DeviceProof.Challenge challenge = challengeFor(ana);
        assertEquals(43, challenge.nonce().length(), "32 random bytes");
        assertEquals(ana.deviceId, proofs.verify(challenge, ana.sign(challenge.nonce(), HOST)).deviceId());
    }

    @Test
    void anotherDevicesIdIsNotGivenToThisKey() throws Exception {
        TestDevice approved = TestDevice.generate();
        DeviceProof.Refused refused = assertThrows(DeviceProof.Refused.class,
                () -> proofs.challenge(DeviceProof.keyOf(ana.identityKey), approved.deviceId, HOST));
        assertTrue(refused.getMessage().contains("'deviceId'"), refused.getMessage());
    }

    @Test
    void anotherDevicesKeyCannotProveThisDevice() throws Exception {
        TestDevice mallory = TestDevice.generate();
        DeviceProof.Challenge challenge = challengeFor(ana);
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(challenge, mallory.sign(challenge.nonce(), HOST)));
    }

    @Test
    void aSignatureOverAnotherChallengeIsRefused() throws Exception {
        String oldSignature = ana.sign(challengeFor(ana).nonce(), HOST);
        DeviceProof.Challenge fresh = challengeFor(ana);
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(fresh, oldSignature));
    }

    @Test
    void aChallengeIsSpentByItsFirstAnswer() throws Exception {
        DeviceProof.Challenge challenge = challengeFor(ana);
        String signature = ana.sign(challenge.nonce(), HOST);
        proofs.verify(challenge, signature);
        DeviceProof.Refused replayed = assertThrows(DeviceProof.Refused.class, () -> proofs.verify(challenge, signature));
        assertTrue(replayed.getMessage().contains("already answered"), replayed.getMessage());

        DeviceProof.Challenge guessed = challengeFor(ana);
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(guessed, TestDevice.generate().sign(guessed.nonce(), HOST)));
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(guessed, ana.sign(guessed.nonce(), HOST)),
                "a wrong answer spends the challenge too");
    }

    @Test
    void aChallengeAnsweredAfterThirtySecondsIsRefused() throws Exception {
        DeviceProof.Challenge challenge = challengeFor(ana);
        DeviceProof.Refused late = assertThrows(DeviceProof.Refused.class,
                () -> proofsAt(NOW.plusSeconds(31)).verify(challenge, ana.sign(challenge.nonce(), HOST)));
        assertTrue(late.getMessage().contains("expired"), late.getMessage());
        DeviceProof.Challenge inTime = challengeFor(ana);
        proofsAt(NOW.plusSeconds(30)).verify(inTime, ana.sign(inTime.nonce(), HOST));
    }

    @Test
    void aSignatureMadeForAnotherServerIsRefused() throws Exception {
        DeviceProof.Challenge challenge = challengeFor(ana);
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(challenge, ana.sign(challenge.nonce(), "evil.example:8443")));
    }

    @Test
    void aSignatureOfTheBareNonceOrOfAnotherProtocolIsRefused() throws Exception {
        DeviceProof.Challenge bare = challengeFor(ana);
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(bare, ana.sign(bare.nonce())));
        DeviceProof.Challenge otherProtocol = challengeFor(ana);
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(otherProtocol,
                ana.sign(String.join("\n", "LANVan hello v2", otherProtocol.nonce(), "1", HOST, ana.deviceId))));
    }

    @Test
    void aConnectionToAHostThatIsNotThisServersCannotBeProven() throws Exception {
        DeviceProof.Refused refused = assertThrows(DeviceProof.Refused.class,
                () -> proofs.challenge(DeviceProof.keyOf(ana.identityKey), ana.deviceId, ""));
        assertTrue(refused.getMessage().contains("does not answer for"), refused.getMessage());
    }

    @Test
    void malformedSignaturesAreRefused() throws Exception {
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(ana.keys.getPrivate());
        DeviceProof.Challenge derChallenge = challengeFor(ana);
        der.update(DeviceProof.signedBytes(derChallenge.nonce(), 2, HOST, ana.deviceId));
        String derSignature = Base64.getUrlEncoder().withoutPadding().encodeToString(der.sign());
        assertThrows(DeviceProof.Refused.class, () -> proofs.verify(derChallenge, derSignature), "ASN.1 DER is not P1363");
        String valid = "A".repeat(86);
        for (String signature : new String[] {"", "not base64!", valid + "==", "A".repeat(85), "A".repeat(88), "A".repeat(2000), null}) {
            DeviceProof.Challenge challenge = challengeFor(ana);
            assertThrows(DeviceProof.Refused.class, () -> proofs.verify(challenge, signature), String.valueOf(signature));
        }
    }

    @Test
    void keysThatAreNotP256PublicKeysInTheirOneSpellingAreRefused() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] spki = ana.keys.getPublic().getEncoded();
        byte[] flipped = spki.clone();
        flipped[flipped.length - 1] ^= 1;
        byte[] trailing = java.util.Arrays.copyOf(spki, spki.length + 1);
        for (byte[] key : new byte[][] {p384.generateKeyPair().getPublic().getEncoded(), rsa.generateKeyPair().getPublic().getEncoded(),
                flipped, trailing, java.util.Arrays.copyOf(spki, 40), new byte[0]}) {
            assertThrows(DeviceProof.MalformedKey.class, () -> DeviceProof.keyOf(Base64.getUrlEncoder().withoutPadding().encodeToString(key)));
        }
        assertThrows(DeviceProof.MalformedKey.class, () -> DeviceProof.keyOf(ana.identityKey + "="));
        assertThrows(DeviceProof.MalformedKey.class, () -> DeviceProof.keyOf(Base64.getEncoder().encodeToString(spki)));
        assertThrows(DeviceProof.MalformedKey.class, () -> DeviceProof.keyOf("not a key"));
    }

    private DeviceProof.Challenge challengeFor(TestDevice device) throws Exception {
        return proofs.challenge(DeviceProof.keyOf(device.identityKey), device.deviceId, HOST);
    }

    private static DeviceProof proofsAt(Instant now) {
        return new DeviceProof(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom(), 2);
    }
}
