package io.lanvan.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditExportFormat;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditUnavailableException;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.audit.internal.store.RealDatabase;
import io.lanvan.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log over the real store on a real database; the subclasses pick H2 or PostgreSQL. */
abstract class ChainedAuditLogContract {
    static final Instant START = Instant.parse("2026-01-10T08:00:00.000001Z");
    static final String ANA = "YW5hLWxhcHRvcC1pZGVudGl0eS1rZXktc3BraS1oYXNo";
    static final String BOB = "Ym9iLXBob25lLWlkZW50aXR5LWtleS1zcGtpLWhhc2gh";

    RealDatabase database;
    MutableClock clock;
    ChainedAuditLog log;

    abstract RealDatabase openDatabase();

    @BeforeEach
    void start() {
        database = openDatabase();
        clock = new MutableClock(START);
        log = newLog();
    }

    @AfterEach
    void stop() throws Exception {
        log.close(Duration.ofSeconds(10));
        database.close();
    }

    @Test
    void aRecordedEventComesBackWithItsSequenceTimeAndChainedHashes() throws Exception {
        AuditRecord first = recorded(AuditEvent.of("admin.signin.failed", "mallory", "console").with("reason", "bad password"));
        clock.advance(Duration.ofMillis(1500));
        AuditRecord second = recorded(AuditEvent.of("transfer.completed", "peer-7f3a", "Q3 «report» 📄.pdf")
                .with("route", "relay").with("bytes", "1048576"));

        assertEquals(1, first.sequence());
        assertEquals(START, first.timestamp());
        assertEquals(AuditRecord.GENESIS_HASH, first.previousHash());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(START.plusMillis(1500), second.timestamp());
        assertEquals(List.of(second, first), log.query(AuditQuery.newestFirst(10)).records());
        assertEquals(AuditChain.hashOf(second), second.hash());
    }

    @Test
    void concurrentCallersGetGapFreeSequencesInOneVerifiableChain() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<AuditRecord>> stages = new ArrayList<>();
        for (int caller = 0; caller < 8; caller++) {
            int id = caller;
            callers.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    CompletionStage<AuditRecord> stage = log.record(AuditEvent.of("transfer.completed", "peer-" + id, "file-" + i));
                    synchronized (stages) {
                        stages.add(stage.toCompletableFuture());
                    }
                }
            });
        }
        callers.shutdown();
        assertTrue(callers.awaitTermination(30, TimeUnit.SECONDS));
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Long> sequences = stages.stream().map(CompletableFuture::join).map(AuditRecord::sequence).sorted().toList();
        assertEquals(LongStream.rangeClosed(1, 2000).boxed().toList(), sequences);
        AuditVerification verification = log.verify();
        assertTrue(verification.intact(), verification.toString());
        assertEquals(2000, verification.verifiedRecords());
    }

    @Test
    void aDetailChangedWithSqlIsFoundAndReportedWithItsSequence() throws Exception {
        recordBundleEvents(50);

        assertEquals(1, database.sql("update audit_record set details = '{\"n\":\"forged\"}' where seq = 37"));
        AuditVerification verification = log.verify();

        assertFalse(verification.intact());
        assertEquals(37, verification.broken().orElseThrow().sequence());
        assertTrue(verification.broken().orElseThrow().reason().contains("altered"), verification.toString());
        assertEquals(36, verification.verifiedRecords());
    }

    @Test
    void anActionChangedWithSqlIsFoundAndReportedWithItsSequence() throws Exception {
        recordBundleEvents(20);

        database.sql("update audit_record set action = 'bundle.started' where seq = 12");

        assertEquals(12, log.verify().broken().orElseThrow().sequence());
    }

    @Test
    void rowsDeletedWithSqlAreReportedAsMissingInTheMiddleAndAtTheEnd() throws Exception {
        recordBundleEvents(20);

        database.sql("delete from audit_record where seq = 19 or seq = 20");
        AuditVerification tail = log.verify();
        database.sql("delete from audit_record where seq = 5");
        AuditVerification middle = log.verify();

        assertEquals(19, tail.broken().orElseThrow().sequence());
        assertTrue(tail.broken().orElseThrow().reason().startsWith("records 19-20 are missing"), tail.toString());
        assertEquals("record 5 is missing: deleted after record 4, record 6 follows", middle.broken().orElseThrow().reason());
    }

    @Test
    void purgingOldRecordsKeepsTheRestVerifiableFromTheCheckpoint() throws Exception {
        recordBundleEvents(30); // one hour apart
        clock.advance(Duration.ofDays(365).minusHours(10));

        long purged = log.purge(365);

        assertEquals(20, purged, "the records older than 365 days");
        assertEquals(20, database.store().checkpoint().orElseThrow().sequence());
        AuditRecord purgeRecord = log.query(AuditQuery.newestFirst(1)).records().get(0);
        assertEquals("audit.purged", purgeRecord.action());
        assertEquals(Map.of("records", "20", "throughSequence", "20", "retentionDays", "365"), purgeRecord.details());
        AuditVerification verification = log.verify();
        assertTrue(verification.intact(), verification.toString());
        assertEquals(21, verification.firstSequence());
        assertEquals(11, verification.verifiedRecords());

        database.sql("update audit_record set subject = 'forged' where seq = 21");
        assertEquals(21, log.verify().broken().orElseThrow().sequence());
    }

    @Test
    void aRestartedLogContinuesTheChainWhereTheDatabaseEnds() throws Exception {
        AuditRecord before = recorded(AuditEvent.of("bundle.stopped", "system", "io.lanvan.relay"));
        log.close(Duration.ofSeconds(10));
        log = newLog();

        AuditRecord after = recorded(AuditEvent.of("bundle.started", "system", "io.lanvan.relay"));

        assertEquals(2, after.sequence());
        assertEquals(before.hash(), after.previousHash());
        assertTrue(log.verify().intact());
    }

    @Test
    void aSecondWriterMakesAnAppendFailInsteadOfForkingTheChain() throws Exception {
        recordBundleEvents(3);
        database.sql("insert into audit_record (seq, recorded_at, action, actor, subject, details, previous_hash, hash)"
                + " values (4, current_timestamp, 'bundle.started', 'intruder', '', '{}', '" + "a".repeat(64) + "', '" + "b".repeat(64) + "')");

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> log.record(AuditEvent.of("bundle.stopped", "system", "x")).toCompletableFuture().get(10, TimeUnit.SECONDS));
        AuditRecord next = recorded(AuditEvent.of("bundle.stopped", "system", "y"));

        assertInstanceOf(AuditUnavailableException.class, refused.getCause());
        assertEquals(5, next.sequence(), "the writer re-read the end of the chain");
        assertEquals(4, log.verify().broken().orElseThrow().sequence(), "the intruder's row does not link");
    }

    @Test
    void eventsRecordedWhileTheStoreIsAwayWaitAndAreWrittenWhenItIsBack() throws Exception {
        AuditRecord before = recorded(AuditEvent.of("bundle.stopped", "system", "io.lanvan.persistence"));
        log.detach(database.store());

        CompletableFuture<AuditRecord> waiting = log.record(AuditEvent.of("bundle.started", "system", "io.lanvan.relay"))
                .toCompletableFuture();
        assertThrows(AuditUnavailableException.class, () -> log.query(AuditQuery.newestFirst(1)));
        assertFalse(waiting.isDone());
        log.attach(database.store());

        AuditRecord after = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(before.sequence() + 1, after.sequence());
        assertEquals(before.hash(), after.previousHash());
        assertTrue(log.verify().intact());
    }

    @Test
    void pagesAndFiltersReachTheDatabase() throws Exception {
        recordBundleEvents(12);
        recorded(AuditEvent.of("admin.signin.failed", "mallory", "console").with("address", "10.9.8.7"));

        AuditPage page = log.query(AuditQuery.newestFirst(5).withFilter(AuditFilter.ALL.withActionPrefix("bundle.")));
        AuditPage next = log.query(AuditQuery.newestFirst(5).withFilter(AuditFilter.ALL.withActionPrefix("bundle.")).after(page.next().orElseThrow()));
        AuditPage found = log.query(AuditQuery.oldestFirst(5).withFilter(AuditFilter.ALL.withText("10.9.8")));

        assertEquals(List.of(12L, 11L, 10L, 9L, 8L), page.records().stream().map(AuditRecord::sequence).toList());
        assertEquals(List.of(7L, 6L, 5L, 4L, 3L), next.records().stream().map(AuditRecord::sequence).toList());
        assertEquals(List.of(13L), found.records().stream().map(AuditRecord::sequence).toList());
    }

    @Test
    void aJsonLinesExportHoldsEveryMatchingRecordAndEachOneStillHashesToItsHash() throws Exception {
        recordBundleEvents(5);
        recorded(AuditEvent.of("transfer.completed", "peer-1", "a,b \"c\"\nd.txt").with("route", "direct"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long all = log.export(AuditExportFormat.JSONL, AuditFilter.ALL, out);
        long transfers = log.export(AuditExportFormat.JSONL, AuditFilter.ALL.withActionPrefix("transfer."), new ByteArrayOutputStream());

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(6, all);
        assertEquals(1, transfers);
        assertEquals(6, lines.length);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            AuditRecord record = fromJson(json.readTree(line));
            assertEquals(record.hash(), AuditChain.hashOf(record), line);
        }
        assertEquals("a,b \"c\"\nd.txt", json.readTree(lines[5]).get("subject").asText());
        assertEquals(log.query(AuditQuery.oldestFirst(1)).records().get(0), fromJson(json.readTree(lines[0])));
    }

    @Test
    void aCsvExportHasAHeaderAndOneQuotedRowPerRecord() throws Exception {
        AuditRecord plain = recorded(AuditEvent.of("bundle.started", "system", "io.lanvan.relay"));
        AuditRecord awkward = recorded(AuditEvent.of("transfer.completed", "peer-1", "a,b \"c\"\nd.txt").with("route", "direct"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = log.export(AuditExportFormat.CSV, AuditFilter.ALL, out);

        assertEquals(2, written);
        assertEquals(RecordExport.Csv.HEADER + "\r\n"
                + "1," + plain.timestamp() + ",bundle.started,system,io.lanvan.relay,{}," + plain.previousHash() + "," + plain.hash() + "\r\n"
                + "2," + awkward.timestamp() + ",transfer.completed,peer-1,\"a,b \"\"c\"\"\nd.txt\",\"{\"\"route\"\":\"\"direct\"\"}\","
                + awkward.previousHash() + "," + awkward.hash() + "\r\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whatAnEventSaysAboutADeviceIsStoredSealedAndReadBackInClear() throws Exception {
        AuditRecord joined = recorded(new AuditEvent("device.joined", AuditEvent.device(ANA), "",
                Map.of("name", "Ana’s laptop", "address", "10.0.0.7", "platform", "Linux")));

        AuditRecord read = log.query(AuditQuery.newestFirst(1)).records().get(0);
        assertEquals(joined, read);
        assertEquals("device:" + ANA, read.actor());
        assertEquals("Ana’s laptop", read.details().get("name"));
        assertEquals("10.0.0.7", read.details().get("address"));
        assertEquals(0, database.queryLong("select count(*) from audit_record where actor like '%" + ANA + "%'"
                + " or details like '%Ana%' or details like '%10.0.0.7%' or details like '%Linux%'"));
        assertEquals(1, database.queryLong("select count(*) from audit_subject_key"));
        assertTrue(log.verify().intact(), log.verify().toString());
    }

    @Test
    void erasingADeviceMakesWhatTheLogSaysAboutItUnreadableAndTheChainStillVerifies() throws Exception {
        recordBundleEvents(3);
        recorded(new AuditEvent("device.joined", AuditEvent.device(ANA), "", Map.of("name", "Ana’s laptop", "address", "10.0.0.7")));
        recorded(new AuditEvent("device.joined", AuditEvent.device(BOB), "", Map.of("name", "Bob’s phone", "address", "10.0.0.8")));
        recorded(new AuditEvent("transfer.offered", AuditEvent.device(ANA), "t-1234567890",
                Map.of("to", AuditEvent.device(BOB), "names", "salaries.xlsx", "bytes", "42")));
        recorded(AuditEvent.of("device.revoked", "admin", AuditEvent.device(ANA)));
        recordBundleEvents(2);

        Map<String, Long> erased = log.erase(ANA);

        assertEquals(Map.of("dataKeys", 1L, "recordsMadeUnreadable", 3L, "recordsInClearKept", 0L), erased);
        AuditVerification verification = log.verify();
        assertTrue(verification.intact(), verification.toString());
        assertEquals(9, verification.verifiedRecords());
        List<AuditRecord> records = log.query(AuditQuery.oldestFirst(20)).records();
        AuditRecord anaJoined = records.get(3);
        AuditRecord bobJoined = records.get(4);
        AuditRecord offered = records.get(5);
        AuditRecord revoked = records.get(6);
        String pseudonym = anaJoined.actor();
        assertTrue(pseudonym.startsWith(AuditEvent.ERASED_DEVICE), pseudonym);
        assertEquals(AuditEvent.ERASED, anaJoined.details().get("name"));
        assertEquals(AuditEvent.ERASED, anaJoined.details().get("address"));
        assertEquals("t-1234567890", offered.subject(), "a transfer id stays in clear, for filtering");
        assertEquals(pseudonym, offered.actor());
        assertEquals(pseudonym, revoked.subject());
        assertEquals("admin", revoked.actor());
        assertEquals(AuditEvent.device(BOB), offered.details().get("to"));
        assertEquals(AuditEvent.ERASED, offered.details().get("names"), "the names were about both devices");
        assertEquals("Bob’s phone", bobJoined.details().get("name"));
        assertEquals("10.0.0.8", bobJoined.details().get("address"));
        assertEquals("bundle-1", records.get(0).subject());
        assertEquals(0, database.queryLong("select count(*) from audit_subject_key where device_id = '" + ANA + "'"));
        assertEquals(List.of(), log.personalData(ANA, 100).get("records"));
        assertEquals(Map.of("dataKeys", 0L, "recordsMadeUnreadable", 0L, "recordsInClearKept", 0L), log.erase(ANA));
    }

    @Test
    void aDeviceRecordedAgainAfterItsErasureGetsANewKeyAndANewPseudonym() throws Exception {
        recorded(AuditEvent.of("device.joined", AuditEvent.device(ANA), "").with("name", "Ana’s laptop"));
        log.erase(ANA);
        recorded(AuditEvent.of("device.joined", AuditEvent.device(ANA), "").with("name", "Ana’s new laptop"));

        List<AuditRecord> records = log.query(AuditQuery.oldestFirst(10)).records();
        assertTrue(records.get(0).actor().startsWith(AuditEvent.ERASED_DEVICE));
        assertEquals(AuditEvent.device(ANA), records.get(1).actor());
        assertEquals("Ana’s new laptop", records.get(1).details().get("name"));
        assertTrue(log.verify().intact());
    }

    @Test
    void aPersonalDataExportListsTheDevicesRecordsInClearAndNoOneElses() throws Exception {
        recorded(AuditEvent.of("device.joined", AuditEvent.device(ANA), "").with("name", "Ana’s laptop").with("address", "10.0.0.7"));
        recorded(AuditEvent.of("device.joined", AuditEvent.device(BOB), "Bob’s phone"));
        recorded(AuditEvent.of("device.approved", "admin", AuditEvent.device(ANA)));
        recorded(AuditEvent.of("device.approved", "admin", ANA)); // as admins recorded it before devices were named device:<id>

        Map<String, Object> data = log.personalData(ANA, 100);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) data.get("records");
        assertEquals(List.of(1L, 3L, 4L), records.stream().map(record -> record.get("sequence")).toList());
        assertEquals(Map.of("name", "Ana’s laptop", "address", "10.0.0.7"), records.get(0).get("details"));
        assertTrue(data.containsKey("dataKey"));
        assertEquals(1L, log.erase(ANA).get("recordsInClearKept"), "a record from before sealing names the device in clear");
    }

    @Test
    void filteringByADeviceFindsItsSealedRecords() throws Exception {
        recorded(AuditEvent.of("device.joined", AuditEvent.device(ANA), "Ana’s laptop"));
        recorded(AuditEvent.of("device.joined", AuditEvent.device(BOB), "Bob’s phone"));
        recorded(AuditEvent.of("device.left", AuditEvent.device(ANA), "Ana’s laptop"));

        AuditPage page = log.query(AuditQuery.oldestFirst(10).withFilter(AuditFilter.ALL.withActor(AuditEvent.device(ANA))));

        assertEquals(List.of(1L, 3L), page.records().stream().map(AuditRecord::sequence).toList());
    }

    ChainedAuditLog newLog() {
        return attached(new ChainedAuditLog(clock, 100, false).start());
    }

    ChainedAuditLog attached(ChainedAuditLog started) {
        started.attach(database.store());
        return started;
    }

    AuditRecord recorded(AuditEvent event) throws Exception {
        return log.record(event).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void recordBundleEvents(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            recorded(AuditEvent.of(i % 2 == 0 ? "bundle.stopped" : "bundle.started", "system", "bundle-" + i).with("n", "" + i));
            clock.advance(Duration.ofHours(1));
        }
    }

    private static AuditRecord fromJson(JsonNode node) {
        Map<String, String> details = new TreeMap<>();
        node.get("details").fields().forEachRemaining(entry -> details.put(entry.getKey(), entry.getValue().asText()));
        return new AuditRecord(node.get("sequence").asLong(), Instant.parse(node.get("timestamp").asText()),
                node.get("action").asText(), node.get("actor").asText(), node.get("subject").asText(), details,
                node.get("previousHash").asText(), node.get("hash").asText());
    }
}
