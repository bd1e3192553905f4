package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");
    private static final String ZEROS = AuditRecord.GENESIS_HASH;

    @Test
    void theEncodingIsTheDocumentedByteLayout() {
        byte[] encoded = AuditChain.encode(1, Instant.EPOCH, "a", "b", "", Map.of(), ZEROS);

        String expected = "0000000f" + hex("lanvan.audit.v1") // format tag
                + "0000000000000001"                          // sequence
                + "0000000000000000"                          // microseconds since the epoch
                + "00000001" + hex("a") + "00000001" + hex("b") + "00000000" // action, actor, empty subject
                + "00000000"                                  // no details
                + "00000040" + hex(ZEROS);                    // previous hash as its 64 characters
        assertEquals(expected, HexFormat.of().formatHex(encoded));
    }

    @Test
    void aKnownRecordHashesToTheValueAnIndependentImplementationComputes() {
        // computed from the documented encoding with Python's hashlib and struct, not with this code
        Map<String, String> details = Map.of("route", "relay", "bytes", "1048576", "Zeta", "ä", "émoji", "📄");

        String hash = AuditChain.hash(42, AT, "transfer.completed", "peer-7f3a", "Überweisung.pdf", details, ZEROS);

        assertEquals("149de1f936b89cc4c385ae2a774785f2a98e97a4a077b6f5f7ae2c8e7ffe0356", hash);
        assertEquals("ce92c0ea1616f9a36636718134a50be7cb8b31a8ca96df66cc90cbe949190a6a",
                AuditChain.hash(1, Instant.EPOCH, "a", "b", "", Map.of(), ZEROS));
    }

    @Test
    void movingTextAcrossAFieldBoundaryChangesTheHash() {
        Set<String> hashes = List.of(
                AuditChain.hash(1, AT, "ab", "c", "d", Map.of(), ZEROS),
                AuditChain.hash(1, AT, "a", "bc", "d", Map.of(), ZEROS),
                AuditChain.hash(1, AT, "a", "b", "cd", Map.of(), ZEROS),
                AuditChain.hash(1, AT, "a", "b", "c", Map.of("d", ""), ZEROS),
                AuditChain.hash(1, AT, "a", "b", "c", Map.of("d", "e"), ZEROS),
                AuditChain.hash(1, AT, "a", "b", "c", Map.of("de", ""), ZEROS),
                AuditChain.hash(1, AT, "a", "b", "c", Map.of("d", "", "e", ""), ZEROS)).stream().collect(Collectors.toSet());

        assertEquals(7, hashes.size());
    }

    @Test
    void everyFieldIsCoveredByTheHash() {
        AuditRecord record = AuditChain.link(AuditEvent.of("bundle.stopped", "system", "io.lanvan.relay").with("k", "v"), 7, AT, ZEROS);
        String hash = record.hash();

        assertEquals(hash, AuditChain.hashOf(record));
        for (AuditRecord changed : List.of(
                new AuditRecord(8, AT, record.action(), record.actor(), record.subject(), record.details(), ZEROS, hash),
                new AuditRecord(7, AT.plusNanos(1000), record.action(), record.actor(), record.subject(), record.details(), ZEROS, hash),
                new AuditRecord(7, AT, "bundle.started", record.actor(), record.subject(), record.details(), ZEROS, hash),
                new AuditRecord(7, AT, record.action(), "admin", record.subject(), record.details(), ZEROS, hash),
                new AuditRecord(7, AT, record.action(), record.actor(), "io.lanvan.signaling", record.details(), ZEROS, hash),
                new AuditRecord(7, AT, record.action(), record.actor(), record.subject(), Map.of("k", "w"), ZEROS, hash),
                new AuditRecord(7, AT, record.action(), record.actor(), record.subject(), Map.of(), ZEROS, hash),
                new AuditRecord(7, AT, record.action(), record.actor(), record.subject(), record.details(), "1" + ZEROS.substring(1), hash))) {
            assertNotEquals(hash, AuditChain.hashOf(changed), changed.toString());
        }
    }

    @Test
    void detailsAreHashedInKeyOrderWhateverOrderTheMapHas() {
        Map<String, String> forwards = new LinkedHashMap<>();
        forwards.put("a", "1");
        forwards.put("b", "2");
        Map<String, String> backwards = new LinkedHashMap<>();
        backwards.put("b", "2");
        backwards.put("a", "1");

        assertArrayEquals(AuditChain.encode(1, AT, "x", "y", "z", forwards, ZEROS),
                AuditChain.encode(1, AT, "x", "y", "z", backwards, ZEROS));
    }

    @Test
    void aLinkedRecordPointsAtThePreviousHashAndKeepsMicroseconds() {
        AuditRecord first = AuditChain.link(AuditEvent.of("admin.signin", "alice", "console"), 1,
                Instant.parse("2026-11-25T10:00:00.123456789Z"), ZEROS);
        AuditRecord second = AuditChain.link(AuditEvent.of("admin.signout", "alice", "console"), 2, AT, first.hash());

        assertEquals(Instant.parse("2026-11-25T10:00:00.123456Z"), first.timestamp());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(64, second.hash().length());
        assertEquals(second.hash(), second.hash().toLowerCase());
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
