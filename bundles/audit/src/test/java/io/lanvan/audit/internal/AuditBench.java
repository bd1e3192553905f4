package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.audit.internal.store.RealDatabase;
import io.lanvan.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of the audit log's group commit and the time to verify a long chain, on real H2 and
 * real PostgreSQL, with the real store wired by hand, each without checkpoints anchored outside the
 * database (the anchor of the comparison), with the default anchoring (every 1000 records or 60 s)
 * and with anchoring every 10 records (an fsync'd, signed line that often). Also the rate at which
 * verify checks anchor signatures. Run by {@code bench/audit-bench.sh}; prints figures, asserts nothing.
 *
 * <pre>AuditBench [h2|postgresql|both] [appenders] [appendEvents] [verifyRecords]</pre>
 */
public final class AuditBench {
    /** How many devices the sealed events name (each gets one data key, made on its first event). */
    private static final int DEVICES = 100;
    private static final int IN_FLIGHT_PER_APPENDER = 2000;
    private static final int ANCHOR_LINES = 10_000;

    /** How the chain is anchored outside the database during a run. */
    private enum Anchoring {
        NONE("no anchors", 0), DEFAULT("anchor/1000", 1000), EVERY_10("anchor/10", 10);

        final String label;
        final int everyRecords;

        Anchoring(String label, int everyRecords) {
            this.label = label;
            this.everyRecords = everyRecords;
        }
    }

    private final int appenders;
    private final int appendEvents;
    private final int verifyRecords;

    private AuditBench(int appenders, int appendEvents, int verifyRecords) {
        this.appenders = appenders;
        this.appendEvents = appendEvents;
        this.verifyRecords = verifyRecords;
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        AuditBench bench = new AuditBench(arg(args, 1, 8), arg(args, 2, 200_000), arg(args, 3, 1_000_000));
        System.out.printf(Locale.ROOT, "cores (availableProcessors): %d, max heap: %d MB, java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "appenders: %d, maxBatchSize: %d, events per append run: %d, records verified: %d%n%n",
                bench.appenders, 500, bench.appendEvents, bench.verifyRecords);
        anchorSignatures();
        for (Anchoring anchoring : Anchoring.values()) {
            if (!which.equals("postgresql")) {
                Path folder = Files.createTempDirectory("lanvan-audit-bench");
                try (RealDatabase h2 = RealDatabase.h2(folder.resolve("db"))) {
                    bench.run(h2, anchoring, folder.resolve("audit"));
                } finally {
                    deleteTree(folder);
                }
            }
            if (!which.equals("h2")) {
                if (!LocalPostgres.listening()) {
                    System.out.println("postgresql: skipped, nothing listens on 127.0.0.1:5432");
                    continue;
                }
                Path folder = Files.createTempDirectory("lanvan-audit-bench");
                try (RealDatabase postgres = RealDatabase.postgres(10)) {
                    bench.run(postgres, anchoring, folder.resolve("audit"));
                } finally {
                    deleteTree(folder);
                }
            }
        }
    }

    /** How fast verify checks anchors.log: signed lines read back, each Ed25519 signature verified. */
    private static void anchorSignatures() throws Exception {
        Path folder = Files.createTempDirectory("lanvan-audit-anchors");
        try {
            AnchorKey key = AnchorKey.loadOrCreate(folder.resolve("audit"), new SecureRandom());
            AnchorFile file = new AnchorFile(folder.resolve("audit"));
            Instant at = Instant.now();
            long started = System.nanoTime();
            for (int i = 1; i <= ANCHOR_LINES; i++) {
                file.append(Anchor.of(new ChainHead(i * 1000L, String.format("%064x", i), at), "0123456789abcdef", at.plusSeconds(i), key));
            }
            double appendSeconds = (System.nanoTime() - started) / 1e9;
            for (int round = 1; round <= 2; round++) {
                started = System.nanoTime();
                AnchorFile.Reading reading = file.read(key);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "anchors.log: %,d lines signed and appended (each fsync'd) at %,.0f lines/s;"
                                + " read and checked (run %d) at %,.0f lines/s (%d valid)%n", ANCHOR_LINES,
                        ANCHOR_LINES / appendSeconds, round, ANCHOR_LINES / seconds, reading.anchors().size());
            }
            System.out.println();
        } finally {
            deleteTree(folder);
        }
    }

    private void run(RealDatabase database, Anchoring anchoring, Path anchorFolder) throws Exception {
        String name = database.label() + " " + anchoring.label;
        ChainAnchors anchors = anchoring == Anchoring.NONE ? ChainAnchors.NONE
                : ChainAnchors.in(anchorFolder, Clock.systemUTC(), anchoring.everyRecords, Duration.ofSeconds(60));
        ChainedAuditLog log = new ChainedAuditLog(Clock.systemUTC(), 500, false, anchors).start();
        log.attach(database.store(), database.location());
        try {
            warmUp(log);
            long[] latencies = new long[Math.min(20_000, appendEvents / 5)];
            double waiting = waitingAppenders(log, latencies);
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "%-22s append, %d appenders each waiting for its commit: %,9.0f records/s"
                            + "  (commit latency p50 %.1f ms, p99 %.1f ms)%n", name, appenders, waiting,
                    latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6);
            double streaming = streamingAppenders(log, appendEvents);
            System.out.printf(Locale.ROOT, "%-22s append, %d appenders not waiting (up to %d in flight each): %,9.0f records/s%n",
                    name, appenders, IN_FLIGHT_PER_APPENDER, streaming);
            double sealed = streamingAppenders(log, appendEvents, true);
            System.out.printf(Locale.ROOT, "%-22s append, the same naming 2 of %d devices (sealed): %,9.0f records/s = %.2f x%n",
                    name, DEVICES, sealed, sealed / streaming);
            if (anchoring == Anchoring.EVERY_10) {
                System.out.println();
                return; // the verify figures are those of the default anchoring
            }
            long kept = log.verify().lastSequence();
            double filling = streamingAppenders(log, (int) Math.max(0, verifyRecords - kept));
            System.out.printf(Locale.ROOT, "%-22s filled to %,d records at %,9.0f records/s%n", name, verifyRecords, filling);
            for (int round = 1; round <= 2; round++) {
                long started = System.nanoTime();
                AuditVerification verification = log.verify();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "%-22s verify %,d records (run %d): %.1f s = %,9.0f records/s, intact: %s,"
                                + " anchored through %d%n", name, verification.verifiedRecords(), round, seconds,
                        verification.verifiedRecords() / seconds, verification.intact(), verification.anchoredThrough());
            }
            System.out.println();
        } finally {
            log.close(Duration.ofSeconds(60));
        }
    }

    private void warmUp(ChainedAuditLog log) throws Exception {
        streamingAppenders(log, 20_000);
    }

    /** Each appender records an event and waits for it to be committed before the next one. */
    private double waitingAppenders(ChainedAuditLog log, long[] latencies) throws Exception {
        int perAppender = latencies.length / appenders;
        ExecutorService threads = Executors.newFixedThreadPool(appenders);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int a = 0; a < appenders; a++) {
            int appender = a;
            done.add(threads.submit(() -> {
                for (int i = 0; i < perAppender; i++) {
                    long sent = System.nanoTime();
                    log.record(event(appender, i)).toCompletableFuture().join();
                    latencies[appender * perAppender + i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        return perAppender * appenders / seconds;
    }

    /** Each appender records events without waiting, up to a window of unconfirmed ones (as busy request threads would). */
    private double streamingAppenders(ChainedAuditLog log, int events) throws Exception {
        return streamingAppenders(log, events, false);
    }

    private double streamingAppenders(ChainedAuditLog log, int events, boolean namingDevices) throws Exception {
        if (events == 0) {
            return 0;
        }
        int perAppender = events / appenders;
        ExecutorService threads = Executors.newFixedThreadPool(appenders);
        List<Future<?>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int a = 0; a < appenders; a++) {
            int appender = a;
            done.add(threads.submit(() -> {
                Semaphore window = new Semaphore(IN_FLIGHT_PER_APPENDER);
                List<CompletableFuture<AuditRecord>> last = new ArrayList<>();
                for (int i = 0; i < perAppender; i++) {
                    window.acquire();
                    CompletableFuture<AuditRecord> stage = log.record(namingDevices ? deviceEvent(appender, i)
                            : event(appender, i)).toCompletableFuture();
                    stage.whenComplete((record, failure) -> window.release());
                    if (i >= perAppender - IN_FLIGHT_PER_APPENDER) {
                        last.add(stage);
                    }
                }
                CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).join();
                window.acquire(IN_FLIGHT_PER_APPENDER);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        return perAppender * appenders / seconds;
    }

    private static AuditEvent event(int appender, int i) {
        return AuditEvent.of("transfer.completed", "peer-" + appender, "report-" + i + ".pdf")
                .with("route", i % 3 == 0 ? "relay" : "direct")
                .with("bytes", Integer.toString(1_048_576 + i))
                .with("durationMs", Integer.toString(i % 5000));
    }

    /**
     * The same event as a device reports it, naming its sender and receiver as {@code device:<id>}
     * among {@value #DEVICES} devices: sealed (each text AES-GCM encrypted), with data keys cached.
     */
    private static AuditEvent deviceEvent(int appender, int i) {
        String from = AuditEvent.device("bench-device-" + ((appender * 31 + i) % DEVICES));
        String to = AuditEvent.device("bench-device-" + ((appender * 17 + i * 7 + 1) % DEVICES));
        return new AuditEvent("transfer.completed", from, "report-" + i + ".pdf", Map.of("to", to,
                "route", i % 3 == 0 ? "relay" : "direct", "bytes", Integer.toString(1_048_576 + i),
                "durationMs", Integer.toString(i % 5000)));
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static void deleteTree(Path folder) throws Exception {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
