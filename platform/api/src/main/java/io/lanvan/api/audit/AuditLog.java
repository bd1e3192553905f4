package io.lanvan.api.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's audit log: an append-only, hash-chained record of what admins, devices and the
 * server itself did. Present while the audit capability runs. While its database is not open (at
 * boot, or while it is switched or restarted) events wait in a bounded queue and are written once
 * it is; reads fail with {@link AuditUnavailableException} meanwhile.
 */
@ProviderType
public interface AuditLog {
    /**
     * Queues the event and returns at once; the stage completes with the record once it is
     * committed to the database, or with an {@link AuditUnavailableException} if it could not be
     * (queue full, log stopping, database error). Events are recorded in the order this method is
     * called, stamped with the time of the call. Stages complete on the log's single writer
     * thread: chain only short work to them, or use the {@code *Async} variants.
     */
    CompletionStage<AuditRecord> record(AuditEvent event);

    /** One page of records (committed records only). */
    AuditPage query(AuditQuery query);

    /**
     * Checks every kept record against the one before it (or the purge checkpoint) and its own hash,
     * reading the database in batches, and checks the signed checkpoints kept outside the database
     * against the records they anchor (see {@link AuditVerification}). Takes seconds for a million records.
     */
    AuditVerification verify();

    /**
     * Writes the records matching {@code filter}, oldest first, to {@code out} (left open), reading
     * the database in batches. Returns how many records were written.
     */
    long export(AuditExportFormat format, AuditFilter filter, OutputStream out) throws IOException;

    /**
     * Deletes the records older than {@code retentionDays} days and moves the checkpoint to the
     * last deleted one, in one transaction, so the rest still verifies. Returns how many were deleted.
     */
    long purge(int retentionDays);

    /** Whether events may name the files transferred (an admin's privacy setting); when not, callers leave names out. */
    boolean recordsFileNames();
}
