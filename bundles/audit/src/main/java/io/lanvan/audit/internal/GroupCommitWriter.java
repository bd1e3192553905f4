package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditUnavailableException;
import io.lanvan.audit.internal.store.AuditStore;
import io.lanvan.audit.internal.store.SubjectKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's only writer. Callers' events wait in a bounded queue; one thread takes whatever has
 * queued up (at most {@code maxBatchSize}), links the events into the chain, appends them in one
 * transaction and then completes each caller's stage. Under load one commit carries many events
 * (group commit), so throughput is bounded by the database's batch inserts, not by one commit per
 * event; when idle, an event is written on its own at once.
 *
 * <p>Events wait in the queue while no store is attached (the database is still opening, or being
 * switched), and are written to the next store attached. The head moves only after a commit; when
 * an append fails, that batch's events fail and the head is read back from the store before the
 * next batch. Stages complete on the writer thread: callers chain only short work to them.
 *
 * <p>After each commit, while idle, and before letting go of a store, the head is handed to the
 * {@link ChainAnchors}, which signs it outside the database when due.
 */
final class GroupCommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long IDLE_POLL_MILLIS = 200;
    private static final long DETACH_WAIT_SECONDS = 30;

    private final Clock clock;
    private final ChainAnchors anchors;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final Object gate = new Object();
    /** Held while a store is used for writing, so that it is not detached (and closed) under a batch. */
    private final ReentrantLock storeLock = new ReentrantLock();
    private final Condition attached = storeLock.newCondition();
    private AuditStore store;
    /** The data keys of {@link #store}'s devices: events naming devices are sealed under them. */
    private SubjectKeys keys;
    /** The {@link Anchor#databaseId} of {@link #store}'s database, which its anchors name. */
    private String database;
    private volatile ChainHead head;
    private volatile int maxBatchSize;
    private volatile boolean accepting = true;
    private int failedAppends;
    private volatile int droppedAtStop;

    GroupCommitWriter(Clock clock, int maxBatchSize, int queueCapacity, ChainAnchors anchors) {
        this.clock = clock;
        this.anchors = anchors;
        this.maxBatchSize = maxBatchSize;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "lanvan-audit-writer");
    }

    void start() {
        thread.start();
    }

    void maxBatchSize(int value) {
        this.maxBatchSize = value;
    }

    /** Writes go to {@code target} (in {@code databaseId}) from the next batch on; its head is read before linking anything to it. */
    void attach(AuditStore target, String databaseId, SubjectKeys subjectKeys) {
        storeLock.lock();
        try {
            store = target;
            keys = subjectKeys;
            database = databaseId;
            head = null;
            attached.signalAll();
        } finally {
            storeLock.unlock();
        }
    }

    /** No more writes to {@code target}; waits for a batch being written to it. */
    void detach(AuditStore target) throws InterruptedException {
        boolean locked = storeLock.tryLock(DETACH_WAIT_SECONDS, TimeUnit.SECONDS);
        try {
            if (store == target) {
                anchors.now(head, database); // the database may come back altered: pin where this one ended
                store = null;
                keys = null;
                database = null;
                head = null;
            }
        } finally {
            if (locked) {
                storeLock.unlock();
            }
        }
    }

    /** The last sequence of the attached store's chain as this writer knows it; 0 while unknown. */
    long committedSequence() {
        ChainHead current = head;
        return current == null ? 0 : current.sequence();
    }

    /** Anchors the end of the attached store's chain now (the writer has stopped). */
    void anchorHead() {
        storeLock.lock();
        try {
            anchors.now(head, database);
        } finally {
            storeLock.unlock();
        }
    }

    /**
     * Runs {@code work} while no batch is being written: an erasure must not race a batch that
     * seals under (or inserts) the key being erased.
     */
    <T> T betweenBatches(java.util.function.Supplier<T> work) throws InterruptedException {
        if (!storeLock.tryLock(DETACH_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AuditUnavailableException("The audit writer is busy; try again", null);
        }
        try {
            return work.get();
        } finally {
            storeLock.unlock();
        }
    }

    CompletionStage<AuditRecord> submit(AuditEvent event) {
        Pending pending = new Pending(event, clock.instant(), new CompletableFuture<>());
        synchronized (gate) {
            if (!accepting) {
                pending.fail("the audit log is stopping", null);
            } else if (!queue.offer(pending)) {
                pending.fail("the audit log's queue is full (" + queue.size() + " events waiting for the database)", null);
            }
        }
        return pending.done;
    }

    /**
     * Stops taking events, writes those already queued if a store is attached (waiting at most
     * {@code waitMillis}), and fails whatever could not be written.
     */
    void close(long waitMillis) throws InterruptedException {
        synchronized (gate) {
            accepting = false;
        }
        thread.join(waitMillis);
        if (thread.isAlive()) {
            LOG.warn("The audit writer did not finish within {} ms; failing the events still queued", waitMillis);
            thread.interrupt();
            thread.join(waitMillis);
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.fail("the audit log stopped before the event was written", null));
        int dropped = droppedAtStop + left.size();
        if (dropped > 0) {
            LOG.warn("The audit log stopped with {} events it could not write: its database was not open", dropped);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (true) {
                Pending first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!accepting) {
                        return;
                    }
                    learnHeadWhileIdle();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatchSize - 1);
                writeToAttachedStore(batch);
                batch.clear();
            }
        } catch (InterruptedException stop) {
            batch.forEach(pending -> pending.fail("the audit log stopped before the event was written", null));
            Thread.currentThread().interrupt();
        }
    }

    private void writeToAttachedStore(List<Pending> batch) throws InterruptedException {
        storeLock.lock();
        try {
            while (store == null) {
                if (!accepting) {
                    batch.forEach(pending -> pending.fail("the audit log stopped before its database was open", null));
                    droppedAtStop += batch.size();
                    return;
                }
                attached.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            write(batch, store, keys);
        } finally {
            storeLock.unlock();
        }
    }

    private void write(List<Pending> batch, AuditStore target, SubjectKeys sealing) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        List<SubjectKey> created = new ArrayList<>();
        try {
            ChainHead next = head != null ? head : ChainHead.readFrom(target);
            for (Pending pending : batch) {
                SubjectKeys.Stored stored = sealing.seal(pending.event, created);
                AuditRecord record = AuditChain.link(pending.event.action(), stored.actor(), stored.subject(), stored.details(),
                        next.sequence() + 1, timestampAfter(pending.at, next), next.hash());
                records.add(record);
                next = ChainHead.of(record);
            }
            target.append(records, created);
            head = next;
        } catch (RuntimeException e) {
            sealing.forget(created);
            failedAppends++;
            if (failedAppends == 1) {
                LOG.error("Could not write {} audit events", batch.size(), e);
            } else {
                LOG.warn("Could not write {} audit events: {}", batch.size(), e.getMessage());
            }
            batch.forEach(pending -> pending.fail("the database refused the events", e));
            head = null; // another writer, or a failure half-way: read the truth before linking more
            return;
        }
        failedAppends = 0;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(asRecorded(batch.get(i).event, records.get(i)));
        }
        anchors.committed(head, database);
    }

    /**
     * Reads the head of a newly attached store before anything is written, so verification knows
     * where its log ended; and lets the anchors sign it once a record has waited long enough.
     */
    private void learnHeadWhileIdle() {
        if (!storeLock.tryLock()) {
            return;
        }
        try {
            if (store != null && head == null) {
                head = ChainHead.readFrom(store);
            }
            anchors.idle(head, database);
        } catch (RuntimeException e) {
            LOG.debug("Could not read the end of the audit chain yet: {}", e.getMessage());
        } finally {
            storeLock.unlock();
        }
    }

    /** What the caller recorded, with its place in the chain (whose hash covers the texts as stored, perhaps sealed). */
    private static AuditRecord asRecorded(AuditEvent event, AuditRecord stored) {
        if (stored.actor().equals(event.actor()) && stored.subject().equals(event.subject()) && stored.details().equals(event.details())) {
            return stored;
        }
        return new AuditRecord(stored.sequence(), stored.timestamp(), event.action(), event.actor(), event.subject(),
                event.details(), stored.previousHash(), stored.hash());
    }

    /** When the event was submitted, to the microsecond stored; never before the previous record, even if the clock steps back. */
    private static Instant timestampAfter(Instant submitted, ChainHead previous) {
        Instant at = submitted.truncatedTo(ChronoUnit.MICROS);
        return at.isBefore(previous.timestamp()) ? previous.timestamp() : at;
    }

    private record Pending(AuditEvent event, Instant at, CompletableFuture<AuditRecord> done) {
        void fail(String why, Throwable cause) {
            done.completeExceptionally(new AuditUnavailableException("Not recorded (" + event.action() + "): " + why, cause));
        }
    }
}
