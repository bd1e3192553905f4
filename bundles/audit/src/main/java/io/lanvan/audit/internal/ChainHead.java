package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.audit.internal.store.AuditStore;
import java.time.Instant;

/** The end of the chain a new record attaches to: the last sequence, its hash, and the time it was recorded. */
record ChainHead(long sequence, String hash, Instant timestamp) {
    static final ChainHead EMPTY = new ChainHead(0, AuditRecord.GENESIS_HASH, Instant.EPOCH);

    static ChainHead of(AuditRecord record) {
        return new ChainHead(record.sequence(), record.hash(), record.timestamp());
    }

    /** The last record kept, else the purge checkpoint, else the start of an empty log. */
    static ChainHead readFrom(AuditStore store) {
        return store.last().map(ChainHead::of)
                .or(() -> store.checkpoint().map(ChainHead::of))
                .orElse(EMPTY);
    }

    private static ChainHead of(AuditCheckpoint checkpoint) {
        return new ChainHead(checkpoint.sequence(), checkpoint.hash(), Instant.EPOCH);
    }
}
