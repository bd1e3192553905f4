package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void anUntouchedChainVerifiesWithItsCountAndRange() {
        AuditVerification result = verify(Optional.empty(), chain(0, AuditRecord.GENESIS_HASH, 10), 10);

        assertTrue(result.intact());
        assertEquals(10, result.verifiedRecords());
        assertEquals(1, result.firstSequence());
        assertEquals(10, result.lastSequence());
    }

    @Test
    void anEmptyLogIsIntact() {
        AuditVerification result = verify(Optional.empty(), List.of(), 0);

        assertTrue(result.intact());
        assertEquals(0, result.verifiedRecords());
    }

    @Test
    void aRecordWhoseDetailWasEditedIsReportedAtItsSequence() {
        List<AuditRecord> records = chain(0, AuditRecord.GENESIS_HASH, 10);
        AuditRecord original = records.get(6);
        records.set(6, new AuditRecord(original.sequence(), original.timestamp(), original.action(), original.actor(),
                original.subject(), Map.of("n", "edited"), original.previousHash(), original.hash()));

        AuditVerification result = verify(Optional.empty(), records, 10);

        assertFalse(result.intact());
        assertEquals(7, result.broken().orElseThrow().sequence());
        assertTrue(result.broken().orElseThrow().reason().contains("do not match its hash"));
        assertEquals(6, result.verifiedRecords());
        assertEquals(6, result.lastSequence());
    }

    @Test
    void anEditedRecordGivenAFreshHashBreaksTheLinkOfTheRecordAfterIt() {
        List<AuditRecord> records = chain(0, AuditRecord.GENESIS_HASH, 10);
        AuditRecord original = records.get(3);
        records.set(3, AuditChain.link(AuditEvent.of("bundle.started", "mallory", "x"), 4, original.timestamp(),
                original.previousHash()));

        AuditVerification result = verify(Optional.empty(), records, 10);

        assertEquals(5, result.broken().orElseThrow().sequence());
        assertTrue(result.broken().orElseThrow().reason().contains("not the hash of record 4"));
    }

    @Test
    void aDeletedRecordIsReportedAsMissing() {
        List<AuditRecord> records = chain(0, AuditRecord.GENESIS_HASH, 10);
        records.remove(4);
        records.remove(4);

        AuditVerification result = verify(Optional.empty(), records, 10);

        assertEquals(5, result.broken().orElseThrow().sequence());
        assertEquals("records 5-6 are missing: deleted after record 4, record 7 follows", result.broken().orElseThrow().reason());
    }

    @Test
    void recordsDeletedFromTheEndAreReportedWhenTheWriterKnowsWhereTheLogEnded() {
        List<AuditRecord> records = chain(0, AuditRecord.GENESIS_HASH, 10).subList(0, 8);

        AuditVerification result = verify(Optional.empty(), records, 10);

        assertEquals(9, result.broken().orElseThrow().sequence());
        assertTrue(result.broken().orElseThrow().reason().startsWith("records 9-10 are missing"));
        assertEquals(8, result.verifiedRecords());
    }

    @Test
    void afterAPurgeTheChainVerifiesFromTheCheckpoint() {
        List<AuditRecord> all = chain(0, AuditRecord.GENESIS_HASH, 10);
        AuditCheckpoint checkpoint = new AuditCheckpoint(4, all.get(3).hash(), AT);

        AuditVerification result = verify(Optional.of(checkpoint), all.subList(4, 10), 10);

        assertTrue(result.intact(), result.toString());
        assertEquals(6, result.verifiedRecords());
        assertEquals(5, result.firstSequence());
    }

    @Test
    void aFirstKeptRecordThatDoesNotFollowTheCheckpointIsReported() {
        List<AuditRecord> all = chain(0, AuditRecord.GENESIS_HASH, 10);
        AuditCheckpoint wrongHash = new AuditCheckpoint(4, all.get(2).hash(), AT);

        AuditVerification result = verify(Optional.of(wrongHash), all.subList(4, 10), 10);

        assertEquals(5, result.broken().orElseThrow().sequence());
        assertTrue(result.broken().orElseThrow().reason().contains("the checkpoint (purged record 4)"));
    }

    /** Records 1..count linked from {@code previousHash}, one second apart. */
    static List<AuditRecord> chain(long after, String previousHash, int count) {
        List<AuditRecord> records = new ArrayList<>();
        String previous = previousHash;
        for (long sequence = after + 1; sequence <= after + count; sequence++) {
            AuditRecord record = AuditChain.link(AuditEvent.of("bundle.started", "system", "bundle-" + sequence)
                    .with("n", Long.toString(sequence)), sequence, AT.plusSeconds(sequence), previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    private static AuditVerification verify(Optional<AuditCheckpoint> checkpoint, List<AuditRecord> records, long writtenThrough) {
        ChainVerifier verifier = new ChainVerifier(checkpoint);
        verifier.accept(records);
        return verifier.result(writtenThrough);
    }
}
