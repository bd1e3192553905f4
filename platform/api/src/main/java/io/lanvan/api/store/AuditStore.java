package io.lanvan.api.store;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the audit log keeps its records. It stores what it is given: sequences and hashes are
 * computed by the one writer of the chain (the audit bundle), and the sequence is the primary key,
 * so a second writer's conflicting append fails instead of forking the chain. Registered only once
 * the database is migrated; every method fails with a {@link StoreException} when the database does.
 */
@ProviderType
public interface AuditStore {
    /** Service property: which database holds the records, {@code h2} or {@code postgresql}. */
    String DATABASE = "lanvan.store.database";
    /**
     * Service property: which database this is, as an address without credentials or parameters
     * (the JDBC URL up to any {@code ?}, and the schema), so that what the audit log keeps about the
     * chain outside the database can say which database it was made for.
     *
     * @since 1.1
     */
    String LOCATION = "lanvan.store.location";

    /** Inserts the records, in one transaction: all of them or none. */
    void append(List<AuditRecord> records);

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
