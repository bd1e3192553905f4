package io.lanvan.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the kept part of the chain starts after a purge: the sequence and hash of the last purged
 * record, so the first kept record can still be checked against it.
 */
public record AuditCheckpoint(long sequence, String hash, Instant purgedAt) {
    public AuditCheckpoint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(purgedAt, "purgedAt");
    }
}
