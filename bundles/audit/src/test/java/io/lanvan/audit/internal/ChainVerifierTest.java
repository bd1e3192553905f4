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

    @Test
    void anAnchorOfThePurgeCheckpointConfirmsItAndLaterAnchorsTheRest() {
        List<AuditRecord> all = chain(0, AuditRecord.GENESIS_HASH, 10);
        AuditCheckpoint checkpoint = new AuditCheckpoint(4, all.get(3).hash(), AT);

        AuditVerification result = verify(Optional.of(checkpoint), all.subList(4, 10), anchorsOf(all, 2, 4, 8));

        assertTrue(result.intact(), result.toString());
        assertEquals(8, result.anchoredThrough());
        assertEquals(6, result.verifiedRecords());
    }

    @Test
    void aPurgeCheckpointRecomputedWithTheRestOfTheChainIsCaughtByItsAnchor() {
        List<AuditRecord> all = chain(0, AuditRecord.GENESIS_HASH, 10);
        String forged = "f".repeat(64);
        AuditCheckpoint checkpoint = new AuditCheckpoint(4, forged, AT);
        List<AuditRecord> recomputed = chain(4, forged, 6);

        AuditVerification result = verify(Optional.of(checkpoint), recomputed, anchorsOf(all, 4));

        assertEquals(4, result.broken().orElseThrow().sequence());
        assertTrue(result.broken().orElseThrow().reason().contains("the purge checkpoint (record 4) is not the record anchored"),
                result.toString());
    }

    @Test
    void aForgedAnchorLineBelowAChainBreakIsTheOneReported() {
        List<AuditRecord> records = chain(0, AuditRecord.GENESIS_HASH, 10).subList(0, 8);
        AnchorFile.Reading forged = new AnchorFile.Reading(true, List.of(),
                Optional.of(new AuditVerification.BrokenLink(3, "anchors.log line 1 (record 3) does not carry a valid signature")));

        ChainVerifier verifier = new ChainVerifier(Optional.empty(), forged, Optional.of("ab".repeat(32)));
        verifier.accept(records);
        AuditVerification result = verifier.result(10);

        assertEquals(3, result.broken().orElseThrow().sequence());
        assertEquals(Optional.of("ab".repeat(32)), result.anchorKeyFingerprint());
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

    /** Anchors of the given records of {@code chain}, as anchors.log holds them once their signatures are checked. */
    private static AnchorFile.Reading anchorsOf(List<AuditRecord> chain, long... sequences) {
        List<Anchor> anchors = new ArrayList<>();
        for (long sequence : sequences) {
            AuditRecord record = chain.get((int) sequence - 1);
            anchors.add(new Anchor(sequence, record.hash(), record.timestamp(), "0123456789abcdef", "ab".repeat(32), "signature"));
        }
        return new AnchorFile.Reading(true, anchors, Optional.empty());
    }

    private static AuditVerification verify(Optional<AuditCheckpoint> checkpoint, List<AuditRecord> records, AnchorFile.Reading anchors) {
        ChainVerifier verifier = new ChainVerifier(checkpoint, anchors, Optional.of("ab".repeat(32)));
        verifier.accept(records);
        return verifier.result(records.isEmpty() ? 0 : records.get(records.size() - 1).sequence());
    }

    private static AuditVerification verify(Optional<AuditCheckpoint> checkpoint, List<AuditRecord> records, long writtenThrough) {
        ChainVerifier verifier = new ChainVerifier(checkpoint);
        verifier.accept(records);
        return verifier.result(writtenThrough);
    }
}
