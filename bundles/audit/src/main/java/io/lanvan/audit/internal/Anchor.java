package io.lanvan.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed checkpoint of the chain: at {@code at}, the record at {@code sequence} of the chain in
 * {@code database} had {@code hash}. One line of {@code anchors.log}:
 *
 * <pre>lanvan.audit.anchor.v1 &lt;sequence&gt; &lt;hash&gt; &lt;at, ISO-8601 UTC&gt; &lt;database&gt; &lt;key fingerprint&gt; &lt;signature&gt;</pre>
 *
 * where {@code database} is {@link #databaseId} of the database's address (its chain is another one
 * when the audit log moves to another database, and anchors of the old one must not count against it),
 * and
 * where the signature is the base64 Ed25519 signature of the UTF-8 bytes of everything before the
 * last space (the line without {@code " <signature>"}), so a line can be checked with any Ed25519
 * tool and {@code anchor.pub}.
 */
record Anchor(long sequence, String hash, Instant at, String database, String keyFingerprint, String signature) {
    static final String TAG = "lanvan.audit.anchor.v1";
    private static final Pattern LINE = Pattern.compile(Pattern.quote(TAG)
            + " ([1-9][0-9]{0,18}) ([0-9a-f]{64}) (\\S+) ([0-9a-f]{16}) ([0-9a-f]{64}) ([A-Za-z0-9+/]{86}==)");

    Anchor {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(signature, "signature");
    }

    /** A checkpoint of {@code head} of the chain in {@code database} (a {@link #databaseId}), signed with {@code key}. */
    static Anchor of(ChainHead head, String database, Instant at, AnchorKey key) {
        String signed = signedText(head.sequence(), head.hash(), at, database, key.fingerprint());
        return new Anchor(head.sequence(), head.hash(), at, database, key.fingerprint(), key.sign(signed));
    }

    /**
     * A short name for the database at {@code location} (its address without credentials): the first
     * 16 hex digits of its SHA-256, so the file does not spell out where the database is.
     */
    static String databaseId(String location) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The line as written, without its line break. */
    String line() {
        return signedText(sequence, hash, at, database, keyFingerprint) + " " + signature;
    }

    /** Whether {@code key} signed this line (and not another key). */
    boolean signedBy(AnchorKey key) {
        return keyFingerprint.equals(key.fingerprint()) && key.verifies(signedText(sequence, hash, at, database, keyFingerprint), signature);
    }

    /** The anchor a line holds; {@link IllegalArgumentException} when it is not one. */
    static Anchor parse(String line) {
        Matcher fields = LINE.matcher(line);
        if (!fields.matches()) {
            throw new IllegalArgumentException("not a " + TAG + " line");
        }
        Anchor anchor;
        try {
            anchor = new Anchor(Long.parseLong(fields.group(1)), fields.group(2), Instant.parse(fields.group(3)),
                    fields.group(4), fields.group(5), fields.group(6));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a " + TAG + " line: " + e.getMessage());
        }
        if (!anchor.line().equals(line)) {
            // the signature is checked over the text as this class writes it: one spelling of each line
            throw new IllegalArgumentException("not written as LANVan writes anchors (time " + fields.group(3) + ")");
        }
        return anchor;
    }

    private static String signedText(long sequence, String hash, Instant at, String database, String keyFingerprint) {
        return TAG + " " + sequence + " " + hash + " " + at + " " + database + " " + keyFingerprint;
    }
}
