package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.audit.AuditVerification.BrokenLink;
import io.lanvan.audit.internal.store.RealDatabase;
import io.lanvan.testing.Eventually;
import io.lanvan.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log with its checkpoints anchored outside the database, attacked as someone with write
 * access to the database (but not to the data folder) would: edit a record and recompute every hash
 * after it, delete the end of the log, forge the anchors file. On a real database; the subclasses
 * pick H2 or PostgreSQL.
 */
abstract class AnchoredAuditLogContract {
    static final Instant START = Instant.parse("2026-01-10T08:00:00.000001Z");
    static final int EVERY_RECORDS = 10;

    @TempDir
    Path scratch;
    Path anchorFolder;
    RealDatabase database;
    MutableClock clock;
    ChainedAuditLog log;

    abstract RealDatabase openDatabase(Path folder);

    @BeforeEach
    void start() {
        database = openDatabase(scratch.resolve("db"));
        anchorFolder = scratch.resolve("data").resolve("audit");
        clock = new MutableClock(START);
        log = newLog();
    }

    @AfterEach
    void stop() throws Exception {
        log.close(Duration.ofSeconds(10));
        database.close();
    }

    @Test
    void anUntouchedChainIsAnchoredThroughItsLastCheckpointWithTheKeysFingerprint() throws Exception {
        recordEvents(35);

        AuditVerification verification = log.verify();

        assertTrue(verification.intact(), verification.toString());
        assertEquals(35, verification.verifiedRecords());
        assertEquals(30, verification.anchoredThrough());
        assertEquals(AnchorKey.loadOrCreate(anchorFolder, new SecureRandom()).fingerprint(),
                verification.anchorKeyFingerprint().orElseThrow());
    }

    @Test
    void aChainEditedAndRecomputedInTheDatabaseIsReportedAtTheFirstAnchorAfterTheEdit() throws Exception {
        recordEvents(35);

        rewriteWithRecomputedHashes(17, "forged");
        AuditVerification verification = log.verify();

        BrokenLink broken = verification.broken().orElseThrow();
        assertEquals(20, broken.sequence(), verification.toString());
        assertTrue(broken.reason().contains("rewritten and its hashes recomputed after record 10"), broken.reason());
        assertEquals(10, verification.anchoredThrough());
        assertEquals(10, verification.verifiedRecords(), "only what an anchor still vouches for");
    }

    @Test
    void withoutAnchorsTheSameRewriteVerifiesAsIntactWhichIsWhyTheyExist() throws Exception {
        log.close(Duration.ofSeconds(10));
        log = new ChainedAuditLog(clock, 100, false).start();
        log.attach(database.store());
        recordEvents(35);

        rewriteWithRecomputedHashes(17, "forged");

        assertTrue(log.verify().intact());
        assertFalse(log.verify().anchored());
    }

    @Test
    void recordsDeletedFromTheEndWhileTheServerWasDownAreReportedFromTheAnchor() throws Exception {
        recordEvents(20);
        log.close(Duration.ofSeconds(10)); // anchors record 20 on the way down

        database.sql("delete from audit_record where seq > 14");
        log = newLog();
        AuditVerification verification = log.verify();

        BrokenLink broken = verification.broken().orElseThrow();
        assertEquals(15, broken.sequence(), verification.toString());
        assertTrue(broken.reason().startsWith("records 15-20 are missing: record 20 was anchored"), broken.reason());
    }

    @Test
    void aForgedAnchorLineIsReported() throws Exception {
        recordEvents(25);
        AnchorKey forger = AnchorKey.loadOrCreate(scratch.resolve("forger"), new SecureRandom());
        AuditRecord last = database.store().last().orElseThrow();
        Files.writeString(anchorFolder.resolve("anchors.log"), Anchor.of(new ChainHead(25, last.hash(), last.timestamp()),
                Anchor.databaseId(database.location()), clock.instant(), forger).line() + "\n", StandardOpenOption.APPEND);

        AuditVerification verification = log.verify();

        BrokenLink broken = verification.broken().orElseThrow();
        assertEquals(25, broken.sequence(), verification.toString());
        assertTrue(broken.reason().startsWith("anchors.log line 3 names the key " + forger.fingerprint()), broken.reason());
        assertEquals(20, verification.anchoredThrough(), "the genuine anchors still count");
    }

    @Test
    void aMissingAnchorsFileMeansNotAnchoredRatherThanAFailure() throws Exception {
        recordEvents(25);
        Files.delete(anchorFolder.resolve("anchors.log"));

        AuditVerification verification = log.verify();

        assertTrue(verification.intact(), verification.toString());
        assertEquals(0, verification.anchoredThrough());
        assertFalse(verification.anchored());
        assertTrue(verification.anchorKeyFingerprint().isPresent());
        assertEquals(25, verification.verifiedRecords());
    }

    @Test
    void aRecordIsAnchoredOnceItWaitedTheIntervalEvenWhenNothingElseHappens() throws Exception {
        recordEvents(3);
        clock.advance(Duration.ofSeconds(61));

        AuditVerification anchored = Eventually.within(Duration.ofSeconds(10), "record 3 anchored by the idle writer",
                log::verify, verification -> verification.anchoredThrough() == 3);

        assertTrue(anchored.intact(), anchored.toString());
    }

    @Test
    void purgedRecordsAnchorsArePassedOverAndTheRestStillVerifies() throws Exception {
        log.close(Duration.ofSeconds(10));
        log = newLog(Duration.ofDays(1000)); // records an hour apart: anchored by count only, at 10, 20 and 30
        for (int i = 1; i <= 30; i++) {
            recorded(AuditEvent.of("bundle.started", "system", "bundle-" + i));
            clock.advance(Duration.ofHours(1));
        }
        clock.advance(Duration.ofDays(365).minusHours(10));

        assertEquals(20, log.purge(365));
        AuditVerification verification = log.verify();

        assertTrue(verification.intact(), verification.toString());
        assertEquals(30, verification.anchoredThrough());
    }

    @Test
    void anchorsOfTheDatabaseTheLogUsedBeforeDoNotCountAgainstTheNewOne() throws Exception {
        recordEvents(25);
        log.close(Duration.ofSeconds(10));
        database.close();
        database = RealDatabase.h2(scratch.resolve("moved")); // the audit log moved to another database

        log = newLog();
        recordEvents(12);
        AuditVerification verification = log.verify();

        assertTrue(verification.intact(), verification.toString());
        assertEquals(12, verification.verifiedRecords());
        assertEquals(10, verification.anchoredThrough(), "its own anchor, not record 25 of the old chain");
    }

    ChainedAuditLog newLog() {
        return newLog(Duration.ofSeconds(60));
    }

    ChainedAuditLog newLog(Duration every) {
        ChainAnchors anchors = ChainAnchors.in(anchorFolder, clock, EVERY_RECORDS, every);
        assertTrue(anchors.enabled());
        ChainedAuditLog started = new ChainedAuditLog(clock, 100, false, anchors).start();
        started.attach(database.store(), database.location());
        return started;
    }

    AuditRecord recorded(AuditEvent event) throws Exception {
        return log.record(event).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void recordEvents(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            recorded(AuditEvent.of("transfer.completed", "peer-" + (i % 3), "report-" + i + ".pdf").with("n", "" + i));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /**
     * What someone with write access to the database can do: change record {@code sequence}'s subject
     * and recompute its hash and every later record's link and hash, with SQL.
     */
    void rewriteWithRecomputedHashes(long sequence, String subject) throws Exception {
        List<AuditRecord> tail = new ArrayList<>();
        database.store().scan(AuditFilter.ALL, sequence - 1, 1000, tail::addAll);
        String previousHash = tail.get(0).previousHash();
        for (AuditRecord record : tail) {
            String newSubject = record.sequence() == sequence ? subject : record.subject();
            String hash = AuditChain.hash(record.sequence(), record.timestamp(), record.action(), record.actor(), newSubject,
                    record.details(), previousHash);
            database.sql("update audit_record set subject = '" + newSubject + "', previous_hash = '" + previousHash
                    + "', hash = '" + hash + "' where seq = " + record.sequence());
            previousHash = hash;
        }
    }
}
