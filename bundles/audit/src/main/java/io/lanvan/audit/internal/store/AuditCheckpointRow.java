package io.lanvan.audit.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row of {@code audit_checkpoint}: the last purged record's sequence and hash. */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpointRow {
    static final short ID = 1;

    @Id
    @Column(name = "id")
    private short id;

    @Column(name = "seq", nullable = false)
    private long sequence;

    @Column(name = "hash", nullable = false, length = 64)
    private String hash;

    @Column(name = "purged_at", nullable = false)
    private Instant purgedAt;

    protected AuditCheckpointRow() {
    }

    AuditCheckpointRow(long sequence, String hash, Instant purgedAt) {
        this.id = ID;
        move(sequence, hash, purgedAt);
    }

    void move(long toSequence, String toHash, Instant at) {
        this.sequence = toSequence;
        this.hash = toHash;
        this.purgedAt = at;
    }

    long sequence() {
        return sequence;
    }

    String hash() {
        return hash;
    }

    Instant purgedAt() {
        return purgedAt;
    }
}
