package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanvan.testing.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the chain's head is anchored: every N records, after a record waited the interval, and when the log stops. */
class ChainAnchorsTest {
    private static final Instant START = Instant.parse("2026-01-10T08:00:00Z");
    private static final String DB = Anchor.databaseId("jdbc:h2:file:/srv/lanvan/data/db/lanvan");

    @TempDir
    Path data;
    MutableClock clock;
    AnchorKey key;
    ChainAnchors anchors;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(START);
        key = AnchorKey.loadOrCreate(data, new SecureRandom());
        anchors = new ChainAnchors(clock, key, new AnchorFile(data), 100, Duration.ofSeconds(60));
    }

    @Test
    void theHeadIsAnchoredOnceEveryHundredRecordsUnderLoad() throws Exception {
        for (long sequence = 1; sequence <= 250; sequence += 5) { // commits of five records
            anchors.committed(head(sequence + 4), DB);
        }

        assertEquals(List.of(100L, 200L), anchoredSequences());
    }

    @Test
    void aRecordThatWaitedTheIntervalIsAnchoredWhileTheWriterIdles() throws Exception {
        anchors.committed(head(1), DB);
        clock.advance(Duration.ofSeconds(59));
        anchors.idle(head(1), DB);
        List<Long> early = anchoredSequences();
        clock.advance(Duration.ofSeconds(1));
        anchors.idle(head(1), DB);
        clock.advance(Duration.ofMinutes(10));
        anchors.idle(head(1), DB);

        assertEquals(List.of(), early);
        assertEquals(List.of(1L), anchoredSequences(), "once, and not again while nothing new was recorded");
    }

    @Test
    void aHeadFromBeforeAStartIsAnchoredWithinTheInterval() throws Exception {
        anchors.idle(head(42), DB);
        clock.advance(Duration.ofSeconds(60));
        anchors.idle(head(42), DB);

        assertEquals(List.of(42L), anchoredSequences());
    }

    @Test
    void stoppingAnchorsTheHeadIfItMovedAndANewRunContinuesFromTheFile() throws Exception {
        anchors.committed(head(7), DB);
        anchors.now(head(7), DB);
        ChainAnchors restarted = new ChainAnchors(clock, key, new AnchorFile(data), 100, Duration.ofSeconds(60));
        restarted.now(head(7), DB);
        restarted.now(head(8), DB);

        assertEquals(List.of(7L, 8L), anchoredSequences());
    }

    @Test
    void aMoveToAnotherDatabaseAnchorsTheNewChainEvenAtTheSameSequence() throws Exception {
        anchors.now(head(5), DB);
        anchors.now(head(5), Anchor.databaseId("jdbc:postgresql://db.example:5432/lanvan"));

        assertEquals(List.of(5L, 5L), anchoredSequences());
    }

    @Test
    void anEmptyChainIsNotAnchored() throws Exception {
        anchors.now(ChainHead.EMPTY, DB);
        anchors.idle(ChainHead.EMPTY, DB);

        assertTrue(anchoredSequences().isEmpty());
    }

    private List<Long> anchoredSequences() throws Exception {
        AnchorFile.Reading reading = anchors.read();
        assertTrue(reading.invalid().isEmpty(), reading.toString());
        return reading.anchors().stream().map(Anchor::sequence).toList();
    }

    private static ChainHead head(long sequence) {
        return new ChainHead(sequence, String.format("%064x", sequence), START);
    }
}
