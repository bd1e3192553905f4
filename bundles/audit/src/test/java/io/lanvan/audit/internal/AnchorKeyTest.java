package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key that signs checkpoints: made once, owner-only, outside the database, and checked with its public half. */
class AnchorKeyTest {
    @TempDir
    Path data;

    @Test
    void theFirstStartMakesAnOwnerOnlyKeyAndItsPublicHalfBesideIt() throws Exception {
        Path folder = data.resolve("audit");

        AnchorKey key = AnchorKey.loadOrCreate(folder, new SecureRandom());

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("anchor.key"))));
        assertTrue(Files.readString(folder.resolve("anchor.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(folder.resolve("anchor.pub")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(key.halvesMatch());
        byte[] pkcs8 = Base64.getDecoder().decode(Files.readString(folder.resolve("anchor.key")).replaceAll("-----[A-Z ]+-----|\\s", ""));
        assertEquals(48, pkcs8.length, "PKCS#8 version 1, the private key alone, as OpenSSL 3.0 reads it");
    }

    @Test
    void laterStartsUseTheSameKey() throws Exception {
        Path folder = data.resolve("audit");
        AnchorKey first = AnchorKey.loadOrCreate(folder, new SecureRandom());
        String signature = first.sign("lanvan.audit.anchor.v1 1 x");

        AnchorKey again = AnchorKey.loadOrCreate(folder, new SecureRandom());

        assertEquals(first.fingerprint(), again.fingerprint());
        assertTrue(again.verifies("lanvan.audit.anchor.v1 1 x", signature));
        assertFalse(again.verifies("lanvan.audit.anchor.v1 2 x", signature));
    }

    @Test
    void theFingerprintIsTheSha256OfThePublicKeyFileAsDer() throws Exception {
        Path folder = data.resolve("audit");
        AnchorKey key = AnchorKey.loadOrCreate(folder, new SecureRandom());

        String pem = Files.readString(folder.resolve("anchor.pub")).replaceAll("-----[A-Z ]+-----|\\s", "");
        byte[] der = Base64.getDecoder().decode(pem);

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)), key.fingerprint());
        assertEquals(44, der.length, "an Ed25519 SubjectPublicKeyInfo");
    }

    @Test
    void aDeletedPublicKeyIsWrittenAgainFromThePrivateOne() throws Exception {
        Path folder = data.resolve("audit");
        String fingerprint = AnchorKey.loadOrCreate(folder, new SecureRandom()).fingerprint();
        Files.delete(folder.resolve("anchor.pub"));

        assertEquals(fingerprint, AnchorKey.loadOrCreate(folder, new SecureRandom()).fingerprint());
        assertTrue(Files.exists(folder.resolve("anchor.pub")));
    }

    @Test
    void aPublicKeyFromAnotherPairDoesNotCheckThisKeysSignatures() throws Exception {
        Path folder = data.resolve("audit");
        Path other = data.resolve("other");
        AnchorKey.loadOrCreate(folder, new SecureRandom());
        AnchorKey.loadOrCreate(other, new SecureRandom());
        Files.copy(other.resolve("anchor.pub"), folder.resolve("anchor.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        AnchorKey mixed = AnchorKey.loadOrCreate(folder, new SecureRandom());

        assertFalse(mixed.halvesMatch());
        assertFalse(mixed.verifies("text", mixed.sign("text")));
        assertNotEquals(AnchorKey.loadOrCreate(other, new SecureRandom()).fingerprint(), "");
    }
}
