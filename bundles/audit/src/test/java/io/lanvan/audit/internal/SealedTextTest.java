package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.audit.internal.store.SubjectKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SealedTextTest {
    private final SecureRandom random = new SecureRandom();
    private final SubjectKey ana = key("ana-laptop-1");
    private final SubjectKey bob = key("bob-phone-22");

    @Test
    void aSealedTextOpensWithItsKeyAndHidesThePlainText() throws Exception {
        String sealed = SealedText.seal("Ana’s laptop 💻", false, List.of(ana), random);

        assertTrue(sealed.startsWith("sealed:v1:t:" + ana.ref() + ":"), sealed);
        assertFalse(sealed.contains("Ana"));
        assertTrue(SealedText.isSealed(sealed));
        assertEquals(Optional.of("Ana’s laptop 💻"), SealedText.open(sealed, keys(ana)));
    }

    @Test
    void theSameTextSealsDifferentlyEachTime() {
        assertNotEquals(SealedText.seal("device:ana-laptop-1", true, List.of(ana), random),
                SealedText.seal("device:ana-laptop-1", true, List.of(ana), random));
    }

    @Test
    void withoutItsKeyATextReadsAsErasedAndADeviceReferenceAsAStablePseudonym() throws Exception {
        String text = SealedText.seal("10.0.0.7", false, List.of(ana), random);
        String device = SealedText.seal("device:ana-laptop-1", true, List.of(ana), random);
        String again = SealedText.seal("device:ana-laptop-1", true, List.of(ana), random);

        assertEquals(Optional.empty(), SealedText.open(device, keys()));
        assertEquals(AuditEvent.ERASED, SealedText.erased(text));
        assertEquals(AuditEvent.ERASED_DEVICE + ana.ref().substring(0, 12), SealedText.erased(device));
        assertEquals(SealedText.erased(device), SealedText.erased(again));
        assertEquals(SealedText.pseudonym(ana.ref()), SealedText.erased(device));
    }

    @Test
    void aTextAboutTwoDevicesIsUnreadableOnceEitherIsErased() throws Exception {
        String names = SealedText.seal("report.pdf", false, List.of(bob, ana), random);

        assertEquals(Optional.of("report.pdf"), SealedText.open(names, keys(ana, bob)));
        assertEquals(Optional.empty(), SealedText.open(names, keys(ana)));
        assertEquals(Optional.empty(), SealedText.open(names, keys(bob)));
    }

    @Test
    void anAlteredCiphertextOrASwappedRefDoesNotOpen() {
        String sealed = SealedText.seal("10.0.0.7", false, List.of(ana), random);
        int last = sealed.length() - 3;
        String altered = sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A') + sealed.substring(last + 1);
        SubjectKey sameKeyOtherRef = new SubjectKey(bob.ref(), ana.deviceId(), ana.key(), ana.createdAt());
        String swapped = sealed.replace(ana.ref(), bob.ref());

        assertThrows(GeneralSecurityException.class, () -> SealedText.open(altered, keys(ana)));
        assertThrows(GeneralSecurityException.class, () -> SealedText.open(swapped, keys(sameKeyOtherRef)));
    }

    @Test
    void plainTextsAreNotTakenForSealedOnes() {
        assertFalse(SealedText.isSealed("sealed:v1: a device name"));
        assertFalse(SealedText.isSealed("device:ana-laptop-1"));
    }

    private SubjectKey key(String deviceId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new SubjectKey(SealedText.newRef(random), deviceId, secret, Instant.EPOCH);
    }

    private static Function<String, Optional<SubjectKey>> keys(SubjectKey... known) {
        Map<String, SubjectKey> byRef = new java.util.HashMap<>();
        for (SubjectKey key : known) {
            byRef.put(key.ref(), key);
        }
        return ref -> Optional.ofNullable(byRef.get(ref));
    }
}
