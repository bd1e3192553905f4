package io.lanvan.audit.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code audit_record}: a record of the chain, with its details as a JSON object. */
@Entity
@Table(name = "audit_record")
public class AuditRecordRow {
    @Id
    @Column(name = "seq")
    private long sequence;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "action", nullable = false, length = 100)
    private String action;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Column(name = "subject", nullable = false, length = 500)
    private String subject;

    @Column(name = "details", nullable = false)
    private String details;

    @Column(name = "previous_hash", nullable = false, length = 64)
    private String previousHash;

    @Column(name = "hash", nullable = false, length = 64)
    private String hash;

    protected AuditRecordRow() {
    }

    long sequence() {
        return sequence;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    String action() {
        return action;
    }

    String actor() {
        return actor;
    }

    String subject() {
        return subject;
    }

    String details() {
        return details;
    }

    String previousHash() {
        return previousHash;
    }

    String hash() {
        return hash;
    }
}
