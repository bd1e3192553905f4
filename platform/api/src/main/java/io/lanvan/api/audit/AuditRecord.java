package io.lanvan.api.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An event as recorded: its place in the log ({@code sequence}, from 1, without gaps), when it was
 * recorded (microsecond precision), and the chain: {@code previousHash} is the hash of the record
 * before it, {@code hash} the SHA-256 of this record's canonical encoding (lower-case hex, 64
 * characters). A record read back from storage is taken as stored, even when it no longer forms a
 * valid event: finding such records is what verification is for.
 */
public record AuditRecord(long sequence, Instant timestamp, String action, String actor, String subject,
                          Map<String, String> details, String previousHash, String hash) {
    /** The previous hash of the first record ever written: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
