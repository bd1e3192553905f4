package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.persistence.Schema;
import io.lanvan.testing.Eventually;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The audit log in real Felix on the embedded H2 database, attacked as issue 9 found it could be: a
 * setting too long for the log (the call failed and nothing was recorded), and a chain rewritten in
 * the database with every hash recomputed (verify said intact). The rewrite uses the database engine
 * the server runs, through its own JDBC driver, and the chain's documented encoding, as anyone with
 * the database file would.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditIT {
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void aSettingOfThousandsOfCharactersIsSavedAndRecordedCutNotRefused() throws Exception {
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        StringJoiner extensions = new StringJoiner("\",\"", "[\"", "\"]");
        for (int i = 0; i < 1100; i++) {
            extensions.add("x" + i);
        }

        HttpResponse<String> saved = admin.call("PUT", "/api/admin/config/io.lanvan.policy", "{\"blockedExtensions\":" + extensions + "}");

        assertEquals(saved.body(), 200, saved.statusCode());
        AuditRecord recorded = Eventually.await(() -> auditLog().query(AuditQuery.newestFirst(1)
                        .withFilter(AuditFilter.ALL.withActionPrefix("admin.config.changed").withSubject("io.lanvan.policy"))).records(),
                records -> !records.isEmpty(), WAIT).get(0);
        String value = recorded.details().get("blockedExtensions");
        assertEquals(AuditEvent.MAX_DETAIL_VALUE_LENGTH, value.length());
        assertTrue(value, value.matches("(?s).*…\\[truncated from [0-9]{4,} characters]"));
        assertEquals(200, admin.call("PUT", "/api/admin/config/io.lanvan.policy", "{\"blockedExtensions\":[]}").statusCode());
    }

    @Test
    public void aChainRewrittenInTheDatabaseWithRecomputedHashesIsReportedAtItsCheckpoint() throws Exception {
        AuditRecord first = record(AuditEvent.of("itest.anchored", "itest", "original").with("n", "1"));
        record(AuditEvent.of("itest.anchored", "itest", "second").with("n", "2"));
        restart(bundleNamed("io.lanvan.audit")); // stopping anchors the chain's end outside the database
        AuditVerification before = auditLog().verify();
        assertTrue(before.toString(), before.intact());
        assertTrue(before.toString(), before.anchoredThrough() >= first.sequence() + 1);
        assertEquals(fingerprintOfAnchorPub(), before.anchorKeyFingerprint().orElseThrow());
        Path key = Path.of(context.getProperty("lanvan.data"), "audit", "anchor.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        rewriteFrom(first.sequence(), "forged");
        AuditVerification after = auditLog().verify();

        AuditVerification.BrokenLink broken = after.broken().orElseThrow(() -> new AssertionError("rewrite not found: " + after));
        assertTrue(after.toString(), broken.sequence() >= first.sequence() && broken.sequence() <= before.anchoredThrough());
        assertTrue(broken.reason(), broken.reason().contains("rewritten and its hashes recomputed"));
        assertTrue(after.toString(), after.anchoredThrough() < first.sequence());
    }

    /** Changes one record's subject and recomputes its hash and every later link and hash, with SQL. */
    private void rewriteFrom(long sequence, String subject) throws Exception {
        List<AuditRecord> tail = new ArrayList<>(auditLog().query(AuditQuery.oldestFirst(AuditQuery.MAX_LIMIT).after(sequence - 1)).records());
        Bundle persistence = bundleNamed("io.lanvan.persistence");
        Driver h2 = (Driver) persistence.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
        Properties login = new Properties();
        login.put("user", "sa");
        login.put("password", "");
        String url = "jdbc:h2:file:" + Path.of(context.getProperty("lanvan.data"), "db", "lanvan");
        try (Connection database = h2.connect(url, login);
             PreparedStatement update = database.prepareStatement(
                     "update audit_record set subject = ?, previous_hash = ?, hash = ? where seq = ?")) {
            String previousHash = tail.get(0).previousHash();
            for (AuditRecord record : tail) {
                String newSubject = record.sequence() == sequence ? subject : record.subject();
                String hash = chainHash(record, newSubject, previousHash);
                update.setString(1, newSubject);
                update.setString(2, previousHash);
                update.setString(3, hash);
                update.setLong(4, record.sequence());
                assertEquals(1, update.executeUpdate());
                previousHash = hash;
            }
        }
    }

    /** The chain's canonical encoding (format 1, as the audit bundle's AuditChain documents it), hashed with SHA-256. */
    private static String chainHash(AuditRecord record, String subject, String previousHash) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, "lanvan.audit.v1");
        out.writeBytes(ByteBuffer.allocate(8).putLong(record.sequence()).array());
        out.writeBytes(ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, record.timestamp())).array());
        string(out, record.action());
        string(out, record.actor());
        string(out, subject);
        List<Map.Entry<String, String>> details = new ArrayList<>(record.details().entrySet());
        details.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8), b.getKey().getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(ByteBuffer.allocate(4).putInt(details.size()).array());
        for (Map.Entry<String, String> entry : details) {
            string(out, entry.getKey());
            string(out, entry.getValue());
        }
        string(out, previousHash);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }

    private String fingerprintOfAnchorPub() throws Exception {
        String pem = Files.readString(Path.of(context.getProperty("lanvan.data"), "audit", "anchor.pub"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private AuditRecord record(AuditEvent event) throws Exception {
        return Eventually.await(() -> auditLog().record(event).toCompletableFuture().get(30, TimeUnit.SECONDS),
                record -> true, WAIT);
    }

    /** The audit log in service now, with its database open (it may just have been restarted). */
    private AuditLog auditLog() throws Exception {
        ServiceTracker<EntityManagerFactory, EntityManagerFactory> store = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")" + Schema.unitFilter("audit") + ")"), null);
        ServiceTracker<AuditLog, AuditLog> log = new ServiceTracker<>(context, AuditLog.class, null);
        store.open();
        log.open();
        try {
            assertNotNull("the database did not open within 60 s", store.waitForService(WAIT.toMillis()));
            AuditLog found = log.waitForService(WAIT.toMillis());
            assertNotNull("no audit log within 60 s", found);
            Eventually.await(() -> found.query(AuditQuery.newestFirst(1)), page -> true, WAIT);
            return found;
        } finally {
            log.close();
            store.close();
        }
    }

    private static void restart(Bundle bundle) throws Exception {
        bundle.stop();
        bundle.start();
    }

    private Bundle bundleNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }
}
