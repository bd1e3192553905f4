package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How a record is linked into the chain: {@code hash = hex(SHA-256(canonical encoding))}, lower-case.
 *
 * <p>The canonical encoding (format 1) is the concatenation of, in this order:
 * <ol>
 *   <li>the format tag, as a string: {@code lanvan.audit.v1}</li>
 *   <li>sequence: 8 bytes, signed big-endian</li>
 *   <li>timestamp: microseconds since 1970-01-01T00:00:00Z, 8 bytes, signed big-endian</li>
 *   <li>action, actor, subject: each a string</li>
 *   <li>details: the number of entries, 4 bytes big-endian; then for each entry, in ascending
 *       unsigned byte order of the keys' UTF-8 encodings, the key and the value as strings</li>
 *   <li>previousHash: as a string (the 64 hex characters as stored)</li>
 * </ol>
 * where a string is the 4-byte big-endian length of its UTF-8 encoding followed by those bytes.
 * Every field has a fixed size or a length prefix, so two different records never encode alike,
 * and the encoding needs nothing but SHA-256 and UTF-8 to be recomputed in another language.
 */
final class AuditChain {
    static final String FORMAT_TAG = "lanvan.audit.v1";
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TAG = FORMAT_TAG.getBytes(StandardCharsets.UTF_8);

    private AuditChain() {
    }

    /** The record {@code event} becomes at {@code sequence}, after the record (or checkpoint) whose hash is {@code previousHash}. */
    static AuditRecord link(AuditEvent event, long sequence, Instant timestamp, String previousHash) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MICROS);
        String hash = hash(sequence, at, event.action(), event.actor(), event.subject(), event.details(), previousHash);
        return new AuditRecord(sequence, at, event.action(), event.actor(), event.subject(), event.details(), previousHash, hash);
    }

    /** The record an event stored as {@code actor}, {@code subject} and {@code details} (sealed, see {@link SubjectKeys}) becomes. */
    static AuditRecord link(String action, String actor, String subject, Map<String, String> details, long sequence,
                            Instant timestamp, String previousHash) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MICROS);
        String hash = hash(sequence, at, action, actor, subject, details, previousHash);
        return new AuditRecord(sequence, at, action, actor, subject, details, previousHash, hash);
    }

    /** The hash {@code record} should carry, recomputed from its other fields. */
    static String hashOf(AuditRecord record) {
        return hash(record.sequence(), record.timestamp(), record.action(), record.actor(), record.subject(),
                record.details(), record.previousHash());
    }

    static String hash(long sequence, Instant timestamp, String action, String actor, String subject,
                       Map<String, String> details, String previousHash) {
        MessageDigest sha256 = sha256();
        sha256.update(encode(sequence, timestamp, action, actor, subject, details, previousHash));
        return HEX.formatHex(sha256.digest());
    }

    static byte[] encode(long sequence, Instant timestamp, String action, String actor, String subject,
                         Map<String, String> details, String previousHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        string(out, TAG);
        number(out, sequence);
        number(out, ChronoUnit.MICROS.between(Instant.EPOCH, timestamp));
        string(out, utf8(action));
        string(out, utf8(actor));
        string(out, utf8(subject));
        List<byte[][]> entries = new ArrayList<>(details.size());
        details.forEach((key, value) -> entries.add(new byte[][] {utf8(key), utf8(value)}));
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        out.writeBytes(ByteBuffer.allocate(4).putInt(entries.size()).array());
        for (byte[][] entry : entries) {
            string(out, entry[0]);
            string(out, entry[1]);
        }
        string(out, utf8(previousHash));
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, byte[] utf8) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }

    private static void number(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
