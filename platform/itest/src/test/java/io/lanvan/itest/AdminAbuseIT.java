package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditOrder;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The admin API attacked: a sign-in storm from one address, settings that are not the console's
 * to read or change, stopping the audit trail, actions that cannot be recorded, formulas in the
 * audit export. Each test performs the attack and checks what an attacker and an admin see.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminAbuseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    /** Not 127.0.0.1, where the tests' own admin client comes from. */
    private static final String ATTACKER = "127.0.0.3";
    private static final String ADMIN_DESK = "127.0.0.2";
    /** The defaults of etc/io.lanvan.admin.cfg: wrong passwords per account and address, and four times that per address. */
    private static final int PER_ACCOUNT_AND_ADDRESS = 5;
    private static final int PER_ADDRESS = 20;
    /** Set by the first test, which alone checks readiness (failing alone if it is wrong). */
    private static boolean readinessChecked;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    /**
     * The first test of the container checks readiness from the start: the first time
     * {@code /health/ready} says 200, the first admin account exists and its password is on disk.
     */
    private void readyMeansTheFirstAdminCanSignIn() throws Exception {
        synchronized (AdminAbuseIT.class) {
            if (readinessChecked) {
                return;
            }
            readinessChecked = true;
            Https https = new Https(context);
            HttpResponse<String> ready = Eventually.await(() -> https.get("/health/ready"),
                    response -> response.statusCode() == 200, Duration.ofSeconds(90));
            assertEquals(ready.body(), 200, ready.statusCode());
            Path initial = Path.of(context.getProperty("lanvan.data"), "initial-admin-password");
            assertTrue("ready, but no " + initial + " yet", Files.exists(initial));
        }
    }

    @Test
    public void aSignInStormHashesExactlyTheLimitsAndTheAdminStillGetsInFromAnotherAddress() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        LoopbackClient attacker = new Https(context).from(ATTACKER);

        try (ConsoleWatch console = new ConsoleWatch()) {
            // Proves the watch sees the container's log: this line must be in it.
            org.slf4j.LoggerFactory.getLogger(AdminAbuseIT.class).warn("sign-in storm starts");
            // Hundreds of parallel guesses at the admin's password from one address.
            List<LoopbackClient.Reply> guesses = storm(200, i -> attacker.signIn("admin", "guess-" + i));
            assertOnlyRefusals(guesses);
            assertEquals(PER_ACCOUNT_AND_ADDRESS, hashedFailures("admin", ATTACKER, PER_ACCOUNT_AND_ADDRESS));

            // Then spraying other names from the same address: the address limit holds exactly too.
            List<LoopbackClient.Reply> spray = storm(200, i -> attacker.signIn("user-" + i, "guess-" + i));
            assertOnlyRefusals(spray);
            assertEquals(PER_ADDRESS, hashedFailures(null, ATTACKER, PER_ADDRESS));
            String log = console.text();
            assertTrue("the console watch saw nothing", log.contains("sign-in storm starts"));
            assertFalse(log, log.contains(" ERROR ") || log.contains("OutOfMemoryError") || log.contains("Exception"));
        }

        // The right password from the attacker's address waits; from the admin's desk it signs in at once.
        assertEquals(429, attacker.signIn("admin", FirstAdmin.NEW_PASSWORD).status());
        LoopbackClient.Reply desk = new Https(context).from(ADMIN_DESK).signIn("admin", FirstAdmin.NEW_PASSWORD);
        assertEquals(desk.body(), 200, desk.status());
        // The log keeps call order: once this sign-in is on record, every attempt of the storms is too.
        AuditRecord signedIn = Eventually.await(() -> newest("admin.signin"),
                record -> record != null && record.action().equals("admin.signin") && ADMIN_DESK.equals(record.details().get("address")),
                Duration.ofSeconds(10));
        assertEquals(ADMIN_DESK, signedIn.details().get("address"));
        assertEquals(PER_ACCOUNT_AND_ADDRESS, hashedFailures("admin", ATTACKER, PER_ACCOUNT_AND_ADDRESS));
        assertEquals(PER_ADDRESS, hashedFailures(null, ATTACKER, PER_ADDRESS));
        assertEquals(200, admin.get("/api/admin/bundles").statusCode());
    }

    @Test
    public void settingsOfOtherComponentsAndOfTheDatabaseAreNotServed() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        ConfigurationAdmin configurations = service(ConfigurationAdmin.class);
        String jetty = String.valueOf(configurations.getConfiguration("org.apache.felix.http", "?").getProperties());
        String database = String.valueOf(configurations.getConfiguration("io.lanvan.persistence", "?").getProperties());

        for (String pid : List.of("org.apache.felix.http", "io.lanvan.persistence", "org.apache.felix.fileinstall")) {
            HttpResponse<String> read = admin.get("/api/admin/config/" + pid);
            assertRefused(read);
            HttpResponse<String> write = admin.call("PUT", "/api/admin/config/" + pid,
                    "{\"url\":\"jdbc:h2:mem:x;INIT=CALL 1\",\"org.apache.felix.https.jetty.protocols.included\":\"TLSv1\"}");
            assertRefused(write);
        }
        String listed = admin.get("/api/admin/config").body();
        assertFalse(listed, listed.contains("io.lanvan.persistence") || listed.contains("org.apache.felix"));
        assertEquals(jetty, String.valueOf(configurations.getConfiguration("org.apache.felix.http", "?").getProperties()));
        assertEquals(database, String.valueOf(configurations.getConfiguration("io.lanvan.persistence", "?").getProperties()));
    }

    @Test
    public void noNumericSettingOfAnyCapabilityTakesANegativeValue() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        int tried = 0;
        for (JsonNode listed : JSON.readTree(admin.get("/api/admin/config").body())) {
            String pid = listed.path("pid").asText();
            String before = admin.get("/api/admin/config/" + pid).body();
            for (JsonNode attribute : JSON.readTree(before).path("attributes")) {
                if (!List.of("integer", "long").contains(attribute.path("type").asText())) {
                    continue;
                }
                String field = attribute.path("id").asText();
                HttpResponse<String> refused = admin.call("PUT", "/api/admin/config/" + pid, "{\"" + field + "\":-1}");
                assertEquals(pid + "/" + field + ": " + refused.body(), 400, refused.statusCode());
                assertTrue(refused.body(), refused.body().contains(field));
                tried++;
            }
            assertEquals(pid, before, admin.get("/api/admin/config/" + pid).body());
        }
        assertTrue("numeric settings tried: " + tried, tried >= 30);
    }

    @Test
    public void theAuditTrailAndThePlatformCannotBeStoppedThroughTheApi() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        for (String name : List.of("io.lanvan.audit", "io.lanvan.admin", "io.lanvan.persistence",
                "io.lanvan.web", "org.apache.felix.scr")) {
            HttpResponse<String> stop = admin.call("POST", "/api/admin/bundles/" + name + "/stop", null);
            assertTrue(name + ": " + stop.body(), stop.statusCode() == 409 || stop.statusCode() == 403);
            assertTrue(stop.body(), stop.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(name, Bundle.ACTIVE, bundle(name).getState());
        }
        String listed = admin.get("/api/admin/bundles").body();
        assertTrue(listed, listed.contains("\"symbolicName\":\"io.lanvan.audit\"") && listed.contains("\"symbolicName\":\"io.lanvan.relay\""));
    }

    @Test
    public void anActionThatCannotBeRecordedIsRefusedAndChangesNothing() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        Bundle audit = bundle("io.lanvan.audit");
        String modeBefore = admin.get("/api/admin/mode").body();
        audit.stop(Bundle.STOP_TRANSIENT);
        try {
            HttpResponse<String> mode = admin.call("PUT", "/api/admin/mode", "{\"mode\":\"server-only\"}");
            assertEquals(mode.body(), 503, mode.statusCode());
            assertTrue(mode.body(), mode.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            HttpResponse<String> stop = admin.call("POST", "/api/admin/bundles/io.lanvan.relay/stop", null);
            assertEquals(stop.body(), 503, stop.statusCode());
            assertEquals(Bundle.ACTIVE, bundle("io.lanvan.relay").getState());
            HttpResponse<String> config = admin.call("PUT", "/api/admin/config/io.lanvan.relay", "{\"maxTransfers\":7}");
            assertEquals(config.body(), 503, config.statusCode());
            assertFalse(String.valueOf(service(ConfigurationAdmin.class).getConfiguration("io.lanvan.relay", "?").getProperties())
                    .contains("maxTransfers=7"));
        } finally {
            audit.start(Bundle.START_TRANSIENT);
        }
        assertEquals(modeBefore, Eventually.await(() -> admin.get("/api/admin/mode").body(), Objects::nonNull, Duration.ofSeconds(5)));
    }

    @Test
    public void longSettingValuesAreSavedAndRecordedWithoutFailing() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            devices.add("\"blocked" + i + "\"");
        }
        HttpResponse<String> saved = admin.call("PUT", "/api/admin/config/io.lanvan.policy",
                "{\"blockedExtensions\":[" + String.join(",", devices) + "]}");
        assertEquals(saved.body(), 200, saved.statusCode());
        AuditRecord recorded = Eventually.await(() -> newest("admin.config.changed"), Objects::nonNull, Duration.ofSeconds(10));
        assertNotNull(recorded);
        assertEquals("io.lanvan.policy", recorded.subject());
        assertTrue(recorded.details().get("blockedExtensions").length() <= AuditEvent.MAX_DETAIL_VALUE_LENGTH);
    }

    @Test
    public void policySettingsSavedThroughTheSettingsApiGetThePolicyChecksToo() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        String before = admin.get("/api/admin/policies").body();
        HttpResponse<String> refused = admin.call("PUT", "/api/admin/config/io.lanvan.policy",
                "{\"adminAllow\":[\"not-an-address\"]}");
        assertEquals(refused.body(), 400, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("adminAllow"));
        assertEquals(before, admin.get("/api/admin/policies").body());
    }

    @Test
    public void theCsvExportNeutralizesFormulas() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        AuditLog audit = service(AuditLog.class);
        audit.record(new AuditEvent("device.renamed", "=HYPERLINK(\"http://evil.example/\",\"open\")", "+cmd|' /C calc'!A0",
                Map.of("name", "@SUM(1+1)"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        audit.record(AuditEvent.of("device.renamed", "-2+3", "\tx")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpResponse<String> csv = admin.get("/api/admin/audit/export?format=csv&action=device.renamed");
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.body(), csv.body().contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"open\"\")\",'+cmd|' /C calc'!A0,"));
        assertTrue(csv.body(), csv.body().contains(",'-2+3,'\tx,"));
        for (String line : csv.body().split("\r\n")) {
            for (String cell : line.split(",")) {
                String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(line, !unquoted.isEmpty() && "=+-@\t\r".indexOf(unquoted.charAt(0)) >= 0);
            }
        }
    }

    @Test
    public void theDetailedSystemViewIsForAdminsOnly() throws Exception {
        readyMeansTheFirstAdminCanSignIn();
        HttpResponse<String> anonymous = new Https(context).get("/api/admin/system");
        assertEquals(401, anonymous.statusCode());
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        HttpResponse<String> system = admin.get("/api/admin/system");
        assertEquals(system.body(), 200, system.statusCode());
        assertTrue(system.body(), system.body().contains("\"symbolicName\":\"io.lanvan.admin\"")
                && system.body().contains("\"heapUsedBytes\"") && system.body().contains("\"uptimeSeconds\""));
    }

    /** Each of {@code count} parallel clients signs in until it gets an answer other than "busy"; returns those answers. */
    private static List<LoopbackClient.Reply> storm(int count, Attempt attempt) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<LoopbackClient.Reply>> answers = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(clients.submit(() -> {
                    LoopbackClient.Reply reply = attempt.send(n);
                    while (isBusy(reply) && System.nanoTime() < deadline) {
                        // A polite client honours Retry-After, spread so the retries do not all come back at once.
                        long retryAfterMillis = 1000L * Long.parseLong(reply.headers().getOrDefault("retry-after", "1"));
                        Thread.sleep(ThreadLocalRandom.current().nextLong(retryAfterMillis / 4, retryAfterMillis + 1));
                        reply = attempt.send(n);
                    }
                    return reply;
                }));
            }
            List<LoopbackClient.Reply> replies = new ArrayList<>();
            for (Future<LoopbackClient.Reply> answer : answers) {
                replies.add(answer.get(240, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            clients.shutdownNow();
        }
    }

    private interface Attempt {
        LoopbackClient.Reply send(int n) throws Exception;
    }

    private static boolean isBusy(LoopbackClient.Reply reply) {
        return reply.status() == 429 && !reply.body().contains("locked until");
    }

    private static void assertOnlyRefusals(List<LoopbackClient.Reply> replies) {
        for (LoopbackClient.Reply reply : replies) {
            assertTrue(reply.status() + " " + reply.body(), reply.status() == 401 || reply.status() == 429);
            assertTrue(reply.headers().toString(), reply.headers().getOrDefault("content-type", "").startsWith("application/problem+json"));
            if (reply.status() == 429) {
                assertTrue(reply.headers().toString(), reply.headers().containsKey("retry-after"));
                assertFalse(reply.body(), isBusy(reply));
            }
        }
    }

    /**
     * How many wrong passwords from {@code address} (for {@code username}, or any name) were hashed,
     * read from the audit log once at least {@code expected} are recorded (or 10 s passed).
     */
    private int hashedFailures(String username, String address, int expected) throws Exception {
        AuditLog audit = service(AuditLog.class);
        Predicate<AuditRecord> matches = record -> record.action().equals("admin.signin.failed")
                && address.equals(record.details().get("address")) && (username == null || username.equals(record.actor()));
        return Eventually.await(() -> {
            int count = 0;
            long cursor = 0;
            while (true) {
                var page = audit.query(new AuditQuery(new AuditFilter(null, null, "admin.signin.failed", null, null, null),
                        AuditOrder.OLDEST_FIRST, cursor, AuditQuery.MAX_LIMIT));
                count += (int) page.records().stream().filter(matches).count();
                if (page.next().isEmpty()) {
                    return count;
                }
                cursor = page.next().getAsLong();
            }
        }, count -> count >= expected, Duration.ofSeconds(10));
    }

    private AuditRecord newest(String action) {
        List<AuditRecord> records = service(AuditLog.class).query(new AuditQuery(
                new AuditFilter(null, null, action, null, null, null), AuditOrder.NEWEST_FIRST, 0, 1)).records();
        return records.isEmpty() ? null : records.get(0);
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertTrue(response.statusCode() + " " + response.body(), response.statusCode() == 404 || response.statusCode() == 403);
        assertTrue(response.body(), response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(response.body(), response.body().contains("jdbc") || response.body().contains("jetty"));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private <T> T service(Class<T> type) {
        return context.getService(Objects.requireNonNull(context.getServiceReference(type), type.getName()));
    }
}
