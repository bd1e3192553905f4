package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.TrustService;
import io.lanvan.api.trust.TrustedDevice;
import io.lanvan.testing.Eventually;
import io.lanvan.testing.TestDevice;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The trust capability in real Felix on H2: keys, not claimed names, are approved and revoked; an
 * unapproved key waits; trust stopped fails closed and keeps its data; reports lower a device's
 * score and the hold policy refuses it; the policy's old device lists are imported once; and the
 * new REST endpoints and report frame refuse bad input with clear answers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrustIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    private static final Pattern PEER_ID = Pattern.compile("\"self\":\\{\"peerId\":\"([^\"]+)\"");
    private static final Duration SOON = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    private final List<SocketClient> opened = new ArrayList<>();
    private final TestDevice.Keyring keyring = new TestDevice.Keyring();

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Before
    public void ready() throws Exception {
        assertEquals(200, new Https(context).await("/health/ready", response -> response.statusCode() == 200,
                Duration.ofSeconds(90)).statusCode());
        updatePolicy("connectionsPerMinute", 100_000);
        awaitPolicy(policy -> policy.connectionsPerMinute() == 100_000);
        trust();
    }

    @After
    public void restoreDefaults() throws Exception {
        for (SocketClient client : opened) {
            client.socket.abort();
        }
        for (String pid : List.of("io.lanvan.signaling", "io.lanvan.policy", "io.lanvan.trust")) {
            configurations.getConfiguration(pid, "?").delete();
        }
        awaitPolicy(policy -> policy.connectionsPerMinute() == 60 && policy.anonymousDevices());
    }

    @Test
    public void trustMigratesItsOwnSchemaOnH2() throws Exception {
        ServiceReference<?>[] units = Eventually.await(() -> context.getServiceReferences(
                jakarta.persistence.EntityManagerFactory.class.getName(), io.lanvan.api.persistence.Schema.unitFilter("trust")),
                Objects::nonNull, SOON);
        assertEquals("io.lanvan.trust", units[0].getBundle().getSymbolicName());
        assertEquals("h2", units[0].getProperty(io.lanvan.api.persistence.Schema.DATABASE));
        @SuppressWarnings("unchecked")
        jakarta.persistence.EntityManagerFactory factory = context.getService(
                (ServiceReference<jakarta.persistence.EntityManagerFactory>) units[0]);
        jakarta.persistence.EntityManager entities = factory.createEntityManager();
        try {
            assertEquals(1L, ((Number) entities.createNativeQuery("select count(*) from \"flyway_trust_history\" where \"success\""
                    + " and \"version\" = '1'").getSingleResult()).longValue());
        } finally {
            entities.close();
        }
    }

    @Test
    public void aRevokedKeyStaysRefusedUnderANewClaimedName() throws Exception {
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        TestDevice mallory = keyring.get("mallory");
        SocketClient first = socket();
        assertTrue(hello(first, "mallory", "Mallory").contains("\"type\":\"welcome\""));

        HttpResponse<String> revoked = admin.call("POST", "/api/admin/devices/" + mallory.deviceId + "/revoke", "");
        assertEquals(revoked.body(), 200, revoked.statusCode());
        assertTrue(revoked.body(), revoked.body().contains("\"connectionsClosed\":1"));
        assertEquals(Integer.valueOf(1008), first.closed.get(10, TimeUnit.SECONDS));

        for (String newName : List.of("Ana's laptop", "Printer", "Mallory")) {
            String refused = hello(socket(), "mallory", newName);
            assertTrue(refused, refused.contains("\"code\":\"device-refused\"") && refused.contains("revoked"));
        }
        assertEquals(DeviceStatus.REVOKED, trust().device(mallory.deviceId).orElseThrow().status());
        awaitAudit("trust.device.revoked", mallory.deviceId);
        awaitAudit("trust.device.refused", mallory.deviceId);
        awaitAudit("device.revoked", mallory.deviceId);
    }

    @Test
    public void anUnapprovedKeyWaitsAndIsAdmittedAfterApproval() throws Exception {
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        updatePolicy("anonymousDevices", false);
        awaitPolicy(policy -> !policy.anonymousDevices());
        TestDevice newcomer = keyring.get("newcomer");

        String waiting = hello(socket(), "newcomer", "New laptop");
        assertTrue(waiting, waiting.contains("\"code\":\"device-refused\"") && waiting.contains("approval"));
        String listed = admin.get("/api/admin/devices").body();
        assertTrue(listed, listed.contains(newcomer.deviceId) && listed.contains("\"awaiting-approval\"") && listed.contains("\"trust\":\"pending\""));
        JsonNode pending = JSON.readTree(admin.get("/api/admin/devices/known?status=pending&q=new+LAPTOP").body());
        assertEquals(pending.toString(), newcomer.deviceId, pending.path("devices").path(0).path("deviceId").asText());
        assertEquals(newcomer.identityKey, pending.path("devices").path(0).path("identityKey").asText());
        assertEquals("127.0.0.1", pending.path("devices").path(0).path("addresses").path(0).asText());

        HttpResponse<String> approved = admin.call("POST", "/api/admin/devices/approve",
                "{\"deviceIds\":[\"" + newcomer.deviceId + "\"]}");
        assertEquals(approved.body(), 200, approved.statusCode());
        assertFalse("approved since it was turned away, it is no longer listed as awaiting approval",
                admin.get("/api/admin/devices").body().contains("\"awaiting-approval\""));
        assertTrue(hello(socket(), "newcomer", "New laptop").contains("\"type\":\"welcome\""));

        JsonNode history = JSON.readTree(admin.get("/api/admin/devices/" + newcomer.deviceId + "/history").body());
        assertEquals("approved", history.path("device").path("status").asText());
        List<String> kinds = new ArrayList<>();
        history.path("events").forEach(event -> kinds.add(event.path("kind").asText()));
        assertEquals(List.of("approved", "refused", "first-seen"), kinds);
        awaitAudit("trust.device.first-seen", newcomer.deviceId);
        awaitAudit("trust.device.approved", newcomer.deviceId);
    }

    @Test
    public void stoppingTrustFailsClosedAndStartingItAgainKeepsItsData() throws Exception {
        TestDevice kept = keyring.get("kept");
        trust().approve(List.of(kept.deviceId), "itest");
        updatePolicy("anonymousDevices", false);
        awaitPolicy(policy -> !policy.anonymousDevices());
        Bundle trustBundle = Arrays.stream(context.getBundles()).filter(b -> "io.lanvan.trust".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        trustBundle.stop();
        try {
            String refused = hello(socket(), "kept", "Kept");
            assertTrue(refused, refused.contains("\"code\":\"device-refused\"") && refused.contains("try again later"));
        } finally {
            trustBundle.start();
        }
        assertEquals(DeviceStatus.APPROVED, trust().device(kept.deviceId).orElseThrow().status());
        assertTrue(hello(socket(), "kept", "Kept").contains("\"type\":\"welcome\""));
    }

    @Test
    public void aReportLowersTheScoreAndTheHoldPolicyRefusesTheDevice() throws Exception {
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        Dictionary<String, Object> hold = new Hashtable<>();
        hold.put("action", "hold");
        hold.put("threshold", -4.0);
        configurations.getConfiguration("io.lanvan.trust", "?").update(hold);
        TestDevice bob = keyring.get("reported-bob");
        SocketClient ana = socket();
        hello(ana, "reporter-ana", "Ana");
        SocketClient bobSocket = socket();
        hello(bobSocket, "reported-bob", "Bob");
        // the configuration reaches trust on ConfigAdmin's thread: report only once the hold policy is in force
        Eventually.await(() -> context.getServiceReferences(TrustService.class.getName(), "(action=hold)"), Objects::nonNull, SOON);

        ana.send(report("r1", bob.deviceId, "sends unsolicited files"));
        String received = ana.next(frame -> frame.contains("\"inReplyTo\":\"r1\""));
        assertEquals("{\"type\":\"report.received\",\"inReplyTo\":\"r1\"}", received);
        assertEquals(Integer.valueOf(1008), bobSocket.closed.get(10, TimeUnit.SECONDS));

        TrustedDevice held = trust().device(bob.deviceId).orElseThrow();
        assertEquals(DeviceStatus.HELD, held.status());
        assertTrue(String.valueOf(held.reputation()), held.reputation().score() < -4 && held.reputation().reports() == 1
                && held.reputation().flagged());
        String refused = hello(socket(), "reported-bob", "Bob");
        assertTrue(refused, refused.contains("\"code\":\"device-refused\"") && refused.contains("hold"));
        JsonNode below = JSON.readTree(admin.get("/api/admin/devices/known?scoreBelow=-4").body());
        assertTrue(below.toString(), below.toString().contains(bob.deviceId));
        awaitAudit("trust.device.held", bob.deviceId);
        awaitAudit("trust.device.reported", bob.deviceId);

        assertEquals(200, admin.call("POST", "/api/admin/devices/" + bob.deviceId + "/approve", "").statusCode());
        assertTrue(hello(socket(), "reported-bob", "Bob").contains("\"type\":\"welcome\""));
    }

    @Test
    public void reportsWithBadFieldsAreRefusedRepeatedOnesCountOnceAndAFloodIsLimited() throws Exception {
        updateSignaling("reportsPerHour", 3);
        TestDevice target = keyring.get("flood-target");
        SocketClient reporter = socket();
        hello(reporter, "flood-reporter", "Reporter");
        hello(socket(), "flood-target", "Target");

        for (String bad : List.of(report("b1", "x", "short id"), report("b2", "../../etc/passwd", "path"),
                report("b3", "a".repeat(65), "long id"), report("b4", target.deviceId, "r".repeat(201)),
                report("b5", target.deviceId, ""), report("b6", keyring.get("flood-reporter").deviceId, "myself"),
                "{\"type\":\"report\",\"id\":\"b7\",\"deviceId\":42,\"reason\":\"number\"}",
                "{\"type\":\"report\",\"id\":\"b8\",\"deviceId\":\"" + target.deviceId + "\",\"reason\":\"bell\\u0007\"}")) {
            reporter.send(bad);
            String id = bad.replaceAll(".*\"id\":\"(b\\d)\".*", "$1");
            String answer = reporter.next(frame -> frame.contains("\"inReplyTo\":\"" + id + "\""));
            assertTrue(bad + " -> " + answer, answer.contains("\"code\":\"invalid-field\""));
        }
        reporter.send(report("n1", keyring.get("not-here").deviceId, "not in my room"));
        assertTrue(reporter.next(frame -> frame.contains("\"inReplyTo\":\"n1\"")).contains("\"code\":\"peer-unavailable\""));

        for (int i = 0; i < 3; i++) {
            reporter.send(report("ok" + i, target.deviceId, "spam " + i));
            assertTrue(reporter.next(frame -> frame.contains("\"inReplyTo\":\"ok")).contains("report.received"));
        }
        for (int i = 0; i < 5; i++) {
            reporter.send(report("over" + i, target.deviceId, "more spam"));
            assertTrue(reporter.next(frame -> frame.contains("\"inReplyTo\":\"over")).contains("\"code\":\"limit-reached\""));
        }
        assertEquals("one reporter's reports count once", 1, trust().device(target.deviceId).orElseThrow().reputation().reports());
        reporter.send("{\"type\":\"rename\",\"id\":\"alive\",\"name\":\"Still here\"}");
        assertFalse("the reporter's session survives", reporter.closed.isDone());
    }

    @Test
    public void theTrustEndpointsRefuseBadInputWithProblems() throws Exception {
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        Https anonymous = new Https(context);
        assertEquals(401, anonymous.get("/api/admin/devices/known").statusCode());
        assertEquals(403, admin.callWithoutCsrf("POST", "/api/admin/devices/approve", "{\"deviceIds\":[\"abcdefgh\"]}").statusCode());

        for (String query : List.of("status=trusted", "limit=abc", "limit=0", "limit=501", "offset=-1", "scoreBelow=NaN",
                "scoreBelow=1e9", "q=" + "x".repeat(101))) {
            problem(admin.get("/api/admin/devices/known?" + query), 400, query);
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < TrustService.MAX_BULK + 1; i++) {
            many.add("\"device-" + String.format("%05d", i) + "\"");
        }
        for (String body : List.of("{\"deviceIds\":[]}", "{}", "{\"deviceIds\":[\"short\"]}", "{\"deviceIds\":[\"../../x/y/z\"]}",
                "{\"deviceIds\":[" + String.join(",", many) + "]}", "{\"deviceIds\":[null]}")) {
            problem(admin.call("POST", "/api/admin/devices/revoke", body), 400, body.length() > 80 ? "501 ids" : body);
        }
        problem(admin.call("POST", "/api/admin/devices/approve", "not json"), 400, "not json");
        problem(admin.call("POST", "/api/admin/devices/bad%20id/approve", ""), 400, "bad id in the path");
        problem(admin.get("/api/admin/devices/never-seen-device/history"), 404, "unknown device");
        problem(admin.get("/api/admin/devices/never-seen-device/history?limit=5000"), 400, "history limit");
        assertTrue("nothing was decided", trust().device("device-00000").isEmpty());
    }

    @Test
    public void theOldPolicyListsAreImportedIntoTrustOnce() throws Exception {
        TestDevice approved = keyring.get("imported-approved");
        TestDevice revoked = keyring.get("imported-revoked");
        Dictionary<String, Object> old = policyProperties();
        old.put("approvedDevices", new String[] {approved.deviceId, revoked.deviceId});
        old.put("revokedDevices", approved.deviceId.equals(revoked.deviceId) ? "" : revoked.deviceId);
        configurations.getConfiguration("io.lanvan.policy", "?").update(old);
        Bundle trustBundle = Arrays.stream(context.getBundles()).filter(b -> "io.lanvan.trust".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        trustBundle.stop();
        trustBundle.start();

        assertEquals(DeviceStatus.APPROVED, Eventually.await(() -> trust().device(approved.deviceId).map(TrustedDevice::status)
                .orElse(null), Objects::nonNull, SOON));
        assertEquals("an id in both lists stays revoked", DeviceStatus.REVOKED,
                Eventually.await(() -> trust().device(revoked.deviceId).map(TrustedDevice::status).orElse(null), Objects::nonNull, SOON));
        Eventually.await(() -> policyProperties().get("approvedDevices") == null && policyProperties().get("revokedDevices") == null,
                gone -> gone, SOON);
        awaitAudit("trust.device.approved", approved.deviceId);
    }

    private static void problem(HttpResponse<String> response, int status, String what) {
        assertEquals(what + ": " + response.body(), status, response.statusCode());
        assertTrue(what + ": " + response.headers().firstValue("Content-Type"),
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    private static String report(String id, String deviceId, String reason) {
        return "{\"type\":\"report\",\"id\":\"" + id + "\",\"deviceId\":\"" + deviceId + "\",\"reason\":\"" + reason + "\"}";
    }

    /** The newest record of {@code action} about a device (device subjects are {@code device:<id>}, sealed in the store). */
    private AuditRecord awaitAudit(String action, String deviceId) throws Exception {
        return Eventually.await(() -> {
            ServiceReference<AuditLog> reference = context.getServiceReference(AuditLog.class);
            if (reference == null) {
                return null;
            }
            List<AuditRecord> records = context.getService(reference).query(AuditQuery.newestFirst(50)
                    .withFilter(AuditFilter.ALL.withSubject(AuditEvent.device(deviceId)))).records();
            return records.stream().filter(record -> record.action().equals(action)).findFirst().orElse(null);
        }, Objects::nonNull, SOON);
    }

    private SocketClient socket() throws Exception {
        SocketClient client = SocketClient.open(new Https(context));
        opened.add(client);
        return client;
    }

    /** The labelled device says hello and proves it; returns the answer (welcome, or the refusal). */
    private String hello(SocketClient client, String device, String name) throws Exception {
        String answer = keyring.get(device).hello(client::send, client::next, name, host());
        Matcher matcher = PEER_ID.matcher(answer);
        assertTrue(answer, matcher.find() || answer.contains("\"code\""));
        return answer;
    }

    private String host() {
        return "localhost:" + context.getProperty("org.osgi.service.http.port.secure");
    }

    private TrustService trust() throws Exception {
        return Eventually.await(() -> {
            ServiceReference<TrustService> reference = context.getServiceReference(TrustService.class);
            return reference == null ? null : context.getService(reference);
        }, Objects::nonNull, Duration.ofSeconds(60));
    }

    private void updateSignaling(String key, Object value) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration("io.lanvan.signaling", "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
        String filter = "(&(component.name=io.lanvan.signaling.internal.Signaling)(" + key + "=" + value + "))";
        assertTrue("signaling setting " + key + " not applied", Eventually.await(() -> context.getServiceReferences(
                io.lanvan.api.socket.SocketHandler.class.getName(), filter), Objects::nonNull, Duration.ofSeconds(10)) != null);
    }

    private Dictionary<String, Object> policyProperties() throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration("io.lanvan.policy", "?");
        return configuration.getProperties() == null ? new Hashtable<>() : configuration.getProperties();
    }

    private void updatePolicy(String key, Object value) throws Exception {
        Dictionary<String, Object> properties = policyProperties();
        properties.put(key, value);
        configurations.getConfiguration("io.lanvan.policy", "?").update(properties);
    }

    private void awaitPolicy(Predicate<Policy> applied) throws Exception {
        Eventually.await(() -> {
            ServiceReference<PolicyService> reference = context.getServiceReference(PolicyService.class);
            return reference == null ? null : context.getService(reference).current();
        }, policy -> policy != null && applied.test(policy), Duration.ofSeconds(10));
    }
}
