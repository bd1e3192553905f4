package io.lanvan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {
    private final PasswordHashing hashing = new PasswordHashing();

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hashing.hash("correct horse battery".toCharArray());
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hashing.verify("correct horse battery".toCharArray(), hash));
        assertFalse(hashing.verify("correct horse batterz".toCharArray(), hash));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hashing.hash("same".toCharArray()), hashing.hash("same".toCharArray()));
    }

    @Test
    void aMalformedOrTamperedHashNeverVerifies() {
        String hash = hashing.hash("secret".toCharArray());
        assertFalse(hashing.verify("secret".toCharArray(), "plain-text"));
        assertFalse(hashing.verify("secret".toCharArray(), null));
        String tampered = hash.substring(0, hash.length() - 2) + (hash.endsWith("A") ? "BB" : "AA");
        assertFalse(hashing.verify("secret".toCharArray(), tampered));
    }
}
