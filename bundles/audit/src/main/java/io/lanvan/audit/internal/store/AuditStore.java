package io.lanvan.audit.internal.store;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the audit log keeps its records. It stores what it is given: sequences and hashes are
 * computed by the one writer of the chain (the audit bundle), and the sequence is the primary key,
 * so a second writer's conflicting append fails instead of forking the chain. Registered only once
 * the audit schema is in service; every method fails with a
 * {@link io.lanvan.api.store.StoreException} when the database does.
 */
public interface AuditStore {
    /** Inserts the records, in one transaction: all of them or none. */
    default void append(List<AuditRecord> records) {
        append(records, List.of());
    }

    /** Inserts the new subject keys and the records sealed under them, in one transaction: all of them or none. */
    void append(List<AuditRecord> records, List<SubjectKey> newKeys);

    /** The data key of {@code deviceId}, if it has one (it gets one with the first event naming it). */
    Optional<SubjectKey> subjectKey(String deviceId);

    /** The data key {@code ref} names, unless it was erased (or never existed). */
    Optional<SubjectKey> subjectKeyByRef(String ref);

    /** Deletes the data key of {@code deviceId}, which makes every text sealed under it unreadable; the key deleted, if any. */
    Optional<SubjectKey> eraseSubjectKey(String deviceId);

    /** The record with the highest sequence, if any is kept. */
    Optional<AuditRecord> last();

    /** One page of records, as {@link io.lanvan.api.audit.AuditLog#query} describes. */
    AuditPage page(AuditQuery query);

    /**
     * Hands the records matching {@code filter} with a sequence above {@code afterSequence} to
     * {@code batches}, in ascending sequence order, at most {@code batchSize} at a time, until none
     * are left or {@code batches} returns false. Memory stays at one batch. Returns the number of
     * records handed over.
     */
    long scan(AuditFilter filter, long afterSequence, int batchSize, Predicate<List<AuditRecord>> batches);

    /** Where the kept chain starts, once anything was purged. */
    Optional<AuditCheckpoint> checkpoint();

    /**
     * Deletes every record up to the last one recorded before {@code cutoff} and makes that one the
     * checkpoint (stamped {@code purgedAt}), in one transaction. Returns how many records were deleted.
     */
    long purgeBefore(Instant cutoff, Instant purgedAt);
}
