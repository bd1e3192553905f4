package io.lanvan.audit.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditOrder;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.store.StoreException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for the audit store, run against real H2 and real PostgreSQL by the
 * subclasses. The store keeps what it is given, so the hashes here are arbitrary; the chain itself
 * is tested beside it ({@code ChainedAuditLogContract}).
 */
abstract class AuditStoreContract {
    static final Instant START = Instant.parse("2026-11-25T10:00:00.123456Z");

    RealDatabase database;
    AuditStore store;

    abstract RealDatabase open();

    @BeforeEach
    void openDatabase() {
        database = open();
        store = database.store();
    }

    @AfterEach
    void closeDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aFreshDatabaseIsMigratedAndHoldsNoRecordsAndNoCheckpoint() throws Exception {
        assertEquals(Optional.empty(), store.last());
        assertEquals(Optional.empty(), store.checkpoint());
        assertEquals(1, database.queryLong(
                "select count(*) from \"flyway_audit_history\" where \"version\" = '1' and \"success\""));
    }

    @Test
    void appendedRecordsComeBackExactlyAsTheyWere() {
        AuditRecord first = record(1, START, "admin.signin.failed", "admin@example.com", "console",
                Map.of("reason", "bad password", "address", "10.0.0.7"));
        AuditRecord second = record(2, START.plusMillis(1), "transfer.completed", "peer-7f3a", "Überweisung «Q3» 📄.pdf",
                Map.of("bytes", "1048576", "note", "line one\nline \"two\" \\ {}"));
        store.append(List.of(first, second));

        assertEquals(List.of(first, second), all());
        assertEquals(Optional.of(second), store.last());
    }

    @Test
    void aBatchIsStoredInOneTransactionOrNotAtAll() {
        store.append(List.of(record(1, START, "bundle.started", "system", "io.lanvan.relay", Map.of())));
        List<AuditRecord> clashing = List.of(
                record(2, START, "bundle.stopped", "system", "io.lanvan.relay", Map.of()),
                record(1, START, "bundle.started", "system", "io.lanvan.signaling", Map.of()));

        assertThrows(StoreException.class, () -> store.append(clashing));
        assertEquals(1, all().size());
        assertEquals(1, store.last().orElseThrow().sequence());
    }

    @Test
    void pagesWalkTheLogNewestFirstAndOldestFirstWithCursors() {
        appendRecords(25);

        List<Long> newestFirst = walk(new AuditQuery(AuditFilter.ALL, AuditOrder.NEWEST_FIRST, 0, 10));
        List<Long> oldestFirst = walk(new AuditQuery(AuditFilter.ALL, AuditOrder.OLDEST_FIRST, 0, 10));

        assertEquals(LongStream.rangeClosed(1, 25).map(i -> 26 - i).boxed().toList(), newestFirst);
        assertEquals(LongStream.rangeClosed(1, 25).boxed().toList(), oldestFirst);
        AuditPage lastPage = store.page(AuditQuery.newestFirst(10).after(6));
        assertEquals(OptionalLong.empty(), lastPage.next());
        assertEquals(5, lastPage.records().size());
    }

    @Test
    void filtersNarrowByTimeRangeActionPrefixActorSubjectAndText() {
        store.append(List.of(
                record(1, START, "admin.signin.failed", "mallory", "console", Map.of("reason", "Bad Password")),
                record(2, START.plusSeconds(60), "admin.signin", "alice", "console", Map.of()),
                record(3, START.plusSeconds(120), "adminx.other", "alice", "x", Map.of()),
                record(4, START.plusSeconds(180), "transfer.completed", "peer-1", "report_2026.pdf", Map.of("route", "relay")),
                record(5, START.plusSeconds(240), "transfer.completed", "peer-2", "report%2026.pdf", Map.of("route", "direct"))));

        assertEquals(List.of(1L, 2L), sequences(AuditFilter.ALL.withActionPrefix("admin.")));
        assertEquals(List.of(1L, 2L), sequences(AuditFilter.ALL.withActionPrefix("admin.signin")));
        assertEquals(List.of(2L, 3L), sequences(AuditFilter.ALL.withActor("alice")));
        assertEquals(List.of(4L), sequences(AuditFilter.ALL.withSubject("report_2026.pdf")));
        assertEquals(List.of(2L, 3L), sequences(AuditFilter.ALL.withFrom(START.plusSeconds(60)).withTo(START.plusSeconds(180))));
        assertEquals(List.of(1L), sequences(AuditFilter.ALL.withText("bad password")), "details, ignoring case");
        assertEquals(List.of(4L), sequences(AuditFilter.ALL.withText("_2026")), "LIKE wildcards are literal");
        assertEquals(List.of(5L), sequences(AuditFilter.ALL.withText("%2026")), "LIKE wildcards are literal");
        assertEquals(List.of(4L, 5L), sequences(AuditFilter.ALL.withText("TRANSFER").withFrom(START.plusSeconds(1))));
        assertEquals(List.of(), sequences(AuditFilter.ALL.withActor("alice").withActionPrefix("transfer.")));
    }

    @Test
    void aScanHandsOverBatchesInSequenceOrderAndStopsWhenTold() {
        appendRecords(23);
        List<List<Long>> batches = new ArrayList<>();

        long all = store.scan(AuditFilter.ALL, 0, 10, batch -> batches.add(batch.stream().map(AuditRecord::sequence).toList()));
        long fromTwelve = store.scan(AuditFilter.ALL, 11, 5, batch -> false);

        assertEquals(23, all);
        assertEquals(List.of(10, 10, 3), batches.stream().map(List::size).toList());
        assertEquals(LongStream.rangeClosed(1, 23).boxed().toList(), batches.stream().flatMap(List::stream).toList());
        assertEquals(5, fromTwelve);
    }

    @Test
    void purgingDeletesOlderRecordsAndMovesTheCheckpointToTheLastOneDeleted() {
        appendRecords(10); // one minute apart from START
        Instant purgedAt = START.plus(1, ChronoUnit.DAYS);

        long deleted = store.purgeBefore(START.plusSeconds(4 * 60 + 30), purgedAt);

        assertEquals(5, deleted);
        assertEquals(Optional.of(new AuditCheckpoint(5, hash(5), purgedAt)), store.checkpoint());
        assertEquals(LongStream.rangeClosed(6, 10).boxed().toList(), all().stream().map(AuditRecord::sequence).toList());

        assertEquals(0, store.purgeBefore(START, purgedAt.plusSeconds(1)), "nothing older: checkpoint stays");
        assertEquals(5, store.checkpoint().orElseThrow().sequence());
        assertEquals(5, store.purgeBefore(START.plus(2, ChronoUnit.DAYS), purgedAt.plusSeconds(2)));
        assertEquals(Optional.of(new AuditCheckpoint(10, hash(10), purgedAt.plusSeconds(2))), store.checkpoint());
        assertEquals(Optional.empty(), store.last());
    }

    @Test
    void subjectKeysAreStoredWithTheirRecordsFoundByDeviceAndRefAndErased() throws Exception {
        SubjectKey ana = key("0123456789abcdef01234567", "ana-laptop-1");
        store.append(List.of(record(1, START, "device.joined", "sealed:v1:d:" + ana.ref() + ":AAAA", "", Map.of())), List.of(ana));

        assertEquals(ana.ref(), store.subjectKey("ana-laptop-1").orElseThrow().ref());
        assertArrayEquals(ana.key(), store.subjectKeyByRef(ana.ref()).orElseThrow().key());
        assertEquals(START, store.subjectKey("ana-laptop-1").orElseThrow().createdAt());
        assertEquals(ana.ref(), store.eraseSubjectKey("ana-laptop-1").orElseThrow().ref());
        assertEquals(Optional.empty(), store.subjectKey("ana-laptop-1"));
        assertEquals(Optional.empty(), store.subjectKeyByRef(ana.ref()));
        assertEquals(Optional.empty(), store.eraseSubjectKey("ana-laptop-1"));
        assertEquals(0, database.queryLong("select count(*) from audit_subject_key"));
        assertEquals(1, all().size());
        assertEquals(1, database.queryLong(
                "select count(*) from \"flyway_audit_history\" where \"version\" = '2' and \"success\""));
    }

    @Test
    void aKeyIsNotStoredWhenTheRecordsOfItsBatchAreRefused() throws Exception {
        store.append(List.of(record(1, START, "bundle.started", "system", "io.lanvan.relay", Map.of())));
        SubjectKey bob = key("89abcdef0123456789abcdef", "bob-phone-2");

        assertThrows(StoreException.class, () -> store.append(
                List.of(record(1, START, "device.joined", "sealed:v1:d:" + bob.ref() + ":AAAA", "", Map.of())), List.of(bob)));
        assertEquals(Optional.empty(), store.subjectKey("bob-phone-2"));
    }

    @Test
    void aSealedDeviceReferenceIsFoundByTheDevicesReferenceWhenFiltering() {
        SubjectKey ana = key("0123456789abcdef01234567", "ana-laptop-1");
        store.append(List.of(
                record(1, START, "device.joined", "sealed:v1:d:" + ana.ref() + ":AAAA", "", Map.of()),
                record(2, START, "device.joined", "device:ana-laptop-1", "", Map.of()),
                record(3, START, "device.joined", "device:someone-else", "", Map.of())), List.of(ana));

        AuditFilter byAna = AuditFilter.ALL.withActor("device:ana-laptop-1");
        assertEquals(List.of(1L, 2L), store.page(new AuditQuery(byAna, AuditOrder.OLDEST_FIRST, 0, 10)).records().stream()
                .map(AuditRecord::sequence).toList());
    }

    private static SubjectKey key(String ref, String deviceId) {
        byte[] secret = new byte[32];
        secret[0] = (byte) ref.charAt(0);
        return new SubjectKey(ref, deviceId, secret, START);
    }

    @Test
    void detailsEditedIntoSomethingElseThanJsonAreReadBackAsAnUnreadableMarker() throws Exception {
        store.append(List.of(record(1, START, "bundle.started", "system", "io.lanvan.relay", Map.of())));

        database.sql("update audit_record set details = 'not json' where seq = 1");

        assertEquals(Map.of(DetailsJson.UNREADABLE, "not json"), store.last().orElseThrow().details());
    }

    List<AuditRecord> all() {
        List<AuditRecord> records = new ArrayList<>();
        store.scan(AuditFilter.ALL, 0, 100, records::addAll);
        return records;
    }

    void appendRecords(int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            records.add(record(i, START.plusSeconds(60L * (i - 1)), "bundle.started", "system", "bundle-" + i, Map.of("i", "" + i)));
        }
        store.append(records);
    }

    List<Long> walk(AuditQuery first) {
        List<Long> sequences = new ArrayList<>();
        AuditQuery query = first;
        while (true) {
            AuditPage page = store.page(query);
            page.records().forEach(record -> sequences.add(record.sequence()));
            if (page.next().isEmpty()) {
                return sequences;
            }
            query = query.after(page.next().getAsLong());
        }
    }

    List<Long> sequences(AuditFilter filter) {
        return walk(AuditQuery.oldestFirst(2).withFilter(filter));
    }

    static AuditRecord record(long sequence, Instant at, String action, String actor, String subject, Map<String, String> details) {
        return new AuditRecord(sequence, at, action, actor, subject, details, hash(sequence - 1), hash(sequence));
    }

    static String hash(long sequence) {
        return HexFormat.of().toHexDigits(sequence).repeat(4);
    }
}
