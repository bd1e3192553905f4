package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditExportFormat;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditUnavailableException;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.audit.internal.store.AuditStore;
import io.lanvan.audit.internal.store.SubjectKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log over whichever store is attached: records go through the {@link GroupCommitWriter}
 * (and wait in its queue while no store is attached); reads, verification and export read the store
 * in batches, and fail with {@link AuditUnavailableException} while there is none; a purge moves
 * the checkpoint and is itself recorded. Verification and purges exclude each other, so a purge
 * never pulls records from under a check.
 */
final class ChainedAuditLog implements AuditLog {
    static final int QUEUE_CAPACITY = 100_000;
    static final int READ_BATCH = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(ChainedAuditLog.class);
    private static final long PURGE_RECORD_WAIT_SECONDS = 30;

    private final Clock clock;
    private final GroupCommitWriter writer;
    private final ChainAnchors anchors;
    private final ReadWriteLock retention = new ReentrantReadWriteLock();
    private volatile Attachment attachment;
    private volatile boolean recordsFileNames;

    ChainedAuditLog(Clock clock, int maxBatchSize, boolean recordsFileNames) {
        this(clock, maxBatchSize, recordsFileNames, ChainAnchors.NONE);
    }

    ChainedAuditLog(Clock clock, int maxBatchSize, boolean recordsFileNames, ChainAnchors anchors) {
        this.clock = clock;
        this.anchors = anchors;
        this.writer = new GroupCommitWriter(clock, maxBatchSize, QUEUE_CAPACITY, anchors);
        this.recordsFileNames = recordsFileNames;
    }

    /** The store to write to and read from from now on; queued events go to it. */
    void attach(AuditStore target) {
        attach(target, "");
    }

    /**
     * The store at {@code location} (its {@link io.lanvan.api.persistence.Schema#LOCATION}) to write to and read from from
     * now on; queued events go to it. Anchors made for another location do not count for its chain.
     */
    void attach(AuditStore target, String location) {
        String databaseId = Anchor.databaseId(location);
        SubjectKeys keys = new SubjectKeys(target, clock);
        attachment = new Attachment(target, databaseId, keys);
        writer.attach(target, databaseId, keys);
    }

    /** Stops using {@code target} (its database is closing); events queue until another store is attached. */
    void detach(AuditStore target) throws InterruptedException {
        writer.detach(target);
        Attachment current = attachment;
        if (current != null && current.store() == target) {
            attachment = null;
        }
    }

    /** Starts the writer thread; nothing blocks here. */
    ChainedAuditLog start() {
        writer.start();
        return this;
    }

    /** Writes what is queued (waiting at most {@code wait}), anchors where the chain ends, and stops. */
    void close(Duration wait) throws InterruptedException {
        writer.close(wait.toMillis());
        writer.anchorHead();
    }

    void settings(int maxBatchSize, boolean fileNames) {
        writer.maxBatchSize(maxBatchSize);
        this.recordsFileNames = fileNames;
    }

    @Override
    public CompletionStage<AuditRecord> record(AuditEvent event) {
        return writer.submit(Objects.requireNonNull(event, "event"));
    }

    @Override
    public AuditPage query(AuditQuery query) {
        Attachment current = attachedWithDatabase();
        AuditPage page = current.store().page(query);
        return new AuditPage(page.records().stream().map(current.keys()::open).toList(), page.next());
    }

    @Override
    public AuditVerification verify() {
        Attachment current = attachedWithDatabase();
        AuditStore store = current.store();
        retention.readLock().lock();
        try {
            // Anchors first: each one is written after its record is committed, so every anchor read is checkable.
            AnchorFile.Reading anchored = readAnchors();
            long writtenThrough = writer.committedSequence();
            Optional<AuditCheckpoint> checkpoint = store.checkpoint();
            ChainVerifier verifier = new ChainVerifier(checkpoint, anchored.of(current.databaseId()), anchors.keyFingerprint());
            store.scan(AuditFilter.ALL, checkpoint.map(AuditCheckpoint::sequence).orElse(0L), READ_BATCH, verifier::accept);
            return verifier.result(writtenThrough);
        } finally {
            retention.readLock().unlock();
        }
    }

    private AnchorFile.Reading readAnchors() {
        try {
            return anchors.read();
        } catch (IOException e) {
            return new AnchorFile.Reading(true, List.of(), Optional.of(new AuditVerification.BrokenLink(0,
                    AnchorFile.FILE + " could not be read (" + e + "): the checkpoints outside the database were not checked")));
        }
    }

    @Override
    public long export(AuditExportFormat format, AuditFilter filter, OutputStream out) throws IOException {
        Attachment current = attachedWithDatabase();
        AuditStore store = current.store();
        RecordExport export = RecordExport.of(format, out);
        long written;
        try {
            written = store.scan(filter, 0, READ_BATCH, batch -> {
                try {
                    for (AuditRecord record : batch) {
                        export.write(current.keys().open(record));
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        export.finish();
        return written;
    }

    @Override
    public long purge(int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1, was " + retentionDays);
        }
        AuditStore store = attached();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long purged;
        retention.writeLock().lock();
        try {
            purged = store.purgeBefore(now.minus(Duration.ofDays(retentionDays)), now);
        } finally {
            retention.writeLock().unlock();
        }
        if (purged > 0) {
            recordPurge(store, purged, retentionDays);
        }
        return purged;
    }

    /** Puts the purge itself on record, waiting for it so that the purge is on record once this returns. */
    private void recordPurge(AuditStore store, long purged, int retentionDays) {
        long through = store.checkpoint().map(AuditCheckpoint::sequence).orElse(0L);
        AuditEvent event = AuditEvent.of("audit.purged", AuditEvent.SYSTEM, "")
                .with("records", Long.toString(purged))
                .with("throughSequence", Long.toString(through))
                .with("retentionDays", Integer.toString(retentionDays));
        try {
            record(event).toCompletableFuture().get(PURGE_RECORD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Purged {} audit records through sequence {}, but could not record that: {}", purged, through, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the log holds about {@code deviceId}: its data key's pseudonym and the records naming it
     * (opened), sealed ones found by the key's ref and ones from before sealing by the id in clear;
     * at most {@code limit} records, oldest first.
     */
    Map<String, Object> personalData(String deviceId, int limit) {
        Attachment current = attachedWithDatabase();
        Optional<SubjectKey> key = current.keys().current(deviceId);
        TreeMap<Long, AuditRecord> found = new TreeMap<>();
        key.ifPresent(present -> collect(current.store(), present.ref(), limit, found));
        collect(current.store(), deviceId, limit, found);
        Map<String, Object> data = new LinkedHashMap<>();
        key.ifPresent(present -> data.put("dataKey", Map.of("createdAt", present.createdAt().toString(),
                "pseudonymOnceErased", SealedText.pseudonym(present.ref()))));
        List<Map<String, Object>> records = new ArrayList<>();
        for (AuditRecord record : found.values()) {
            if (records.size() == limit) {
                data.put("truncatedAt", limit);
                break;
            }
            records.add(RecordExport.fields(current.keys().open(record)));
        }
        data.put("records", records);
        return data;
    }

    /**
     * Erases what the log says about {@code deviceId}: deletes its data key, so every text sealed under it
     * reads as erased from now on, while the chain (which hashes texts as stored) still verifies. Records
     * from before sealing that name the device in clear cannot be changed without breaking the chain:
     * they are counted, not changed.
     */
    Map<String, Long> erase(String deviceId) throws InterruptedException {
        Attachment current = attachedWithDatabase();
        Optional<SubjectKey> key = current.keys().current(deviceId);
        long sealed = key.map(present -> count(current.store(), present.ref())).orElse(0L);
        Optional<SubjectKey> erased = writer.betweenBatches(() -> current.keys().erase(deviceId));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("dataKeys", erased.isPresent() ? 1L : 0L);
        counts.put("recordsMadeUnreadable", erased.isPresent() ? sealed : 0L);
        counts.put("recordsInClearKept", count(current.store(), deviceId));
        return counts;
    }

    private static void collect(AuditStore store, String text, int limit, Map<Long, AuditRecord> into) {
        store.scan(AuditFilter.ALL.withText(text), 0, READ_BATCH, batch -> {
            batch.forEach(record -> into.put(record.sequence(), record));
            return into.size() <= limit;
        });
    }

    private static long count(AuditStore store, String text) {
        return store.scan(AuditFilter.ALL.withText(text), 0, READ_BATCH, batch -> true);
    }

    @Override
    public boolean recordsFileNames() {
        return recordsFileNames;
    }

    private AuditStore attached() {
        return attachedWithDatabase().store();
    }

    private Attachment attachedWithDatabase() {
        Attachment current = attachment;
        if (current == null) {
            throw new AuditUnavailableException("The audit log's database is not open (yet); events are kept until it is", null);
        }
        return current;
    }

    /** The store in use and the {@link Anchor#databaseId} of its database. */
    private record Attachment(AuditStore store, String databaseId, SubjectKeys keys) {
    }
}
