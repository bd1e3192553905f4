package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.audit.internal.store.SubjectKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A text of a record sealed under the data keys of the devices it is about (crypto-shredding):
 * {@code sealed:v1:<kind>:<ref>[.<ref>...]:<base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag)>}, where the
 * kind is {@code d} for a device reference ({@code device:<id>}) and {@code t} for any other text, so
 * that an erased device reference can read as the device's pseudonym.
 *
 * <p>One ref: the text is encrypted under that device's key. Several refs (a text about several
 * devices, such as file names sent from one to another): under {@code SHA-256(tag ‖ key₁ ‖ key₂ …)},
 * refs in ascending order, so deleting <em>any</em> of those keys makes the text unreadable. The
 * additional authenticated data is the text's prefix up to the last colon, so the refs cannot be
 * swapped. The chain hashes the sealed form, so records verify whether or not a key still exists.
 */
final class SealedText {
    static final String PREFIX = "sealed:v1:";
    private static final Pattern FORM = Pattern.compile("sealed:v1:([dt]):([0-9a-f]{24}(?:\\.[0-9a-f]{24})*):([A-Za-z0-9_-]+)");
    private static final byte[] KDF_TAG = "lanvan.audit.seal.v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int PSEUDONYM_HEX = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private SealedText() {
    }

    /** A new random ref: 12 bytes as 24 lower-case hex characters. */
    static String newRef(SecureRandom random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** {@code plain} sealed under every key of {@code keys} (at least one). */
    static String seal(String plain, boolean deviceReference, List<SubjectKey> keys, SecureRandom random) {
        return new Sealer(random).seal(plain, deviceReference, keys);
    }

    /**
     * Seals texts on one thread (the writer's), reusing its cipher and the keys derived for sets of
     * devices: a provider look-up and a key derivation per text would cost more than the encryption.
     */
    static final class Sealer {
        private static final int DERIVED = 1024;
        private final SecureRandom random;
        private final Cipher cipher;
        private final byte[] nonce = new byte[NONCE_BYTES];
        private final java.util.Map<String, SecretKeySpec> derived = new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, SecretKeySpec> eldest) {
                return size() > DERIVED;
            }
        };

        Sealer(SecureRandom random) {
            this.random = random;
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Every Java runtime has AES-GCM", e);
            }
        }

        String seal(String plain, boolean deviceReference, List<SubjectKey> keys) {
            List<SubjectKey> sorted = keys;
            if (keys.size() > 1) {
                sorted = new ArrayList<>(keys);
                sorted.sort((a, b) -> a.ref().compareTo(b.ref()));
            }
            StringBuilder refs = new StringBuilder();
            for (int i = 0; i < sorted.size(); i++) {
                refs.append(i == 0 ? "" : ".").append(sorted.get(i).ref());
            }
            String head = PREFIX + (deviceReference ? "d:" : "t:") + refs;
            random.nextBytes(nonce);
            try {
                SecretKeySpec key = derived.get(refs.toString());
                if (key == null) {
                    key = new SecretKeySpec(combined(sorted), "AES");
                    derived.put(refs.toString(), key);
                }
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(head.getBytes(StandardCharsets.US_ASCII));
                byte[] text = plain.getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(text.length)];
                System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
                cipher.doFinal(text, 0, text.length, out, NONCE_BYTES);
                return head + ':' + B64.encodeToString(out);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM refused a 256-bit key and a fresh nonce", e);
            }
        }

        /** Forgets what was derived from an erased key. */
        void forget(String ref) {
            derived.keySet().removeIf(refs -> refs.contains(ref));
        }
    }

    /** Whether {@code text} has the sealed form. */
    static boolean isSealed(String text) {
        return text.startsWith(PREFIX) && FORM.matcher(text).matches();
    }

    /** What a sealed text reads as once one of its keys is erased: the device's pseudonym, or {@code [erased]}. */
    static String erased(String text) {
        Matcher form = FORM.matcher(text);
        if (form.matches() && form.group(1).equals("d")) {
            return AuditEvent.ERASED_DEVICE + form.group(2).substring(0, PSEUDONYM_HEX);
        }
        return AuditEvent.ERASED;
    }

    /** The pseudonym a device with data key {@code ref} has once erased. */
    static String pseudonym(String ref) {
        return AuditEvent.ERASED_DEVICE + ref.substring(0, PSEUDONYM_HEX);
    }

    /**
     * The plain text, when every key it was sealed under is found by {@code keys}; empty when one was
     * erased. Throws when the keys are there but the text does not open (it was altered).
     */
    static Optional<String> open(String text, Function<String, Optional<SubjectKey>> keys) throws GeneralSecurityException {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new GeneralSecurityException("not a sealed text");
        }
        List<SubjectKey> found = new ArrayList<>();
        for (String ref : form.group(2).split("\\.")) {
            Optional<SubjectKey> key = keys.apply(ref);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            found.add(key.get());
        }
        byte[] in = B64D.decode(form.group(3));
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed text too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(combined(found), "AES"), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
        cipher.updateAAD(text.substring(0, text.lastIndexOf(':')).getBytes(StandardCharsets.US_ASCII));
        return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
    }

    /** The one key, or a key derived from all of them (refs ascending). */
    private static byte[] combined(List<SubjectKey> keys) throws GeneralSecurityException {
        if (keys.size() == 1) {
            return keys.get(0).key();
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(KDF_TAG);
        keys.stream().sorted((a, b) -> a.ref().compareTo(b.ref())).forEach(key -> sha256.update(key.key()));
        return sha256.digest();
    }
}
