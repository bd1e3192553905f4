package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import org.osgi.framework.BundleContext;

/** The admin API in real Felix with the real database: sign-in, forced password change, CSRF, lockout, changes audited. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminIT {
    /** The container lives for the whole class, and so does its admin account. */
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void withoutASessionEveryAdminCallIs401() throws Exception {
        Https https = new Https(context);
        HttpResponse<String> response = https.admin().get("/api/admin/bundles");
        assertEquals(401, response.statusCode());
        assertTrue(response.body(), response.body().contains("Sign in first"));
    }

    @Test
    public void theInitialPasswordSignsInButMustBeChangedFirstWithTheCsrfToken() throws Exception {
        AdminClient admin = signedIn();
        HttpResponse<String> bundles = admin.get("/api/admin/bundles");
        assertEquals(200, bundles.statusCode());
        assertTrue(bundles.body().contains("\"symbolicName\":\"io.lanvan.signaling\""));
        HttpResponse<String> noCsrf = admin.callWithoutCsrf("PUT", "/api/admin/mode", "{\"mode\":\"hybrid\"}");
        assertEquals(403, noCsrf.statusCode());
        assertTrue(noCsrf.body().contains("X-CSRF-Token"));
    }

    @Test
    public void wrongPasswordsLockTheAccountOut() throws Exception {
        AdminClient intruder = new Https(context).admin();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, intruder.signIn("mallory", "guess-" + i).statusCode());
        }
        HttpResponse<String> locked = intruder.signIn("mallory", "guess-final");
        assertEquals(429, locked.statusCode());
        assertTrue(locked.body(), locked.body().contains("locked until"));
    }

    @Test
    public void invalidModeAndPoliciesAre400NamingTheField() throws Exception {
        AdminClient admin = signedIn();
        HttpResponse<String> mode = admin.call("PUT", "/api/admin/mode", "{\"mode\":\"turbo\"}");
        assertEquals(400, mode.statusCode());
        assertTrue(mode.body(), mode.body().contains("'mode'"));
        HttpResponse<String> policy = admin.call("PUT", "/api/admin/policies", "{\"clientAllow\":[\"10.0.0.0/33\"]}");
        assertEquals(400, policy.statusCode());
        assertTrue(policy.body(), policy.body().contains("clientAllow"));
        HttpResponse<String> unknown = admin.call("PUT", "/api/admin/policies", "{\"colour\":\"red\"}");
        assertEquals(400, unknown.statusCode());
    }

    @Test
    public void stoppingACapabilityThroughTheApiRemovesItsRoutesAndIsAudited() throws Exception {
        Https https = new Https(context);
        AdminClient admin = signedIn();
        HttpResponse<String> stopped = admin.call("POST", "/api/admin/bundles/io.lanvan.branding/stop", null);
        assertEquals("branding is a plugin not installed here", 404, stopped.statusCode());
        assertEquals(403, admin.call("POST", "/api/admin/bundles/io.lanvan.web/stop", null).statusCode());

        assertEquals(200, admin.call("POST", "/api/admin/bundles/io.lanvan.adminconsole/stop", null).statusCode());
        try {
            assertEquals(404, https.await("/admin/", response -> response.statusCode() == 404, Duration.ofSeconds(15)).statusCode());
        } finally {
            assertEquals(200, admin.call("POST", "/api/admin/bundles/io.lanvan.adminconsole/start", null).statusCode());
        }
        assertEquals(200, https.await("/admin/", response -> response.statusCode() == 200, Duration.ofSeconds(15)).statusCode());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String audit;
        do {
            audit = admin.get("/api/admin/audit?action=admin.bundle&limit=10").body();
        } while (!audit.contains("admin.bundle.start") && System.nanoTime() < deadline);
        assertTrue(audit, audit.contains("\"action\":\"admin.bundle.stop\"") && audit.contains("\"subject\":\"io.lanvan.adminconsole\""));
        assertTrue(admin.get("/api/admin/audit/verify").body().contains("\"intact\":true"));
    }

    @Test
    public void anAdminAddressOutsideTheAllowListIs403() throws Exception {
        Https https = new Https(context);
        AdminClient admin = signedIn();
        assertEquals(200, admin.call("PUT", "/api/admin/policies", "{\"adminAllow\":[\"10.99.0.0/16\"]}").statusCode());
        try {
            assertEquals(403, https.await("/api/admin/bundles", response -> response.statusCode() == 403, Duration.ofSeconds(10)).statusCode());
        } finally {
            org.osgi.service.cm.ConfigurationAdmin configurations = context.getService(
                    context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
            configurations.getConfiguration("io.lanvan.policy", "?").delete();
        }
        assertEquals(401, https.await("/api/admin/bundles", response -> response.statusCode() == 401, Duration.ofSeconds(10)).statusCode());
    }

    @Test
    public void aRevokedDeviceIsDisconnectedAndRefusedUntilApprovedAgain() throws Exception {
        Https https = new Https(context);
        AdminClient admin = signedIn();
        TestDevice laptop = TestDevice.generate();
        SocketClient device = SocketClient.open(https);
        assertTrue(laptop.hello(device, "Laptop", https.host()).contains("welcome"));
        assertTrue(admin.get("/api/admin/devices").body().contains("\"deviceId\":\"" + laptop.deviceId + "\""));
        assertTrue(admin.get("/api/admin/stats").body().contains("\"connectedDevices\":"));

        HttpResponse<String> revoked = admin.call("POST", "/api/admin/devices/" + laptop.deviceId + "/revoke", null);
        assertEquals(revoked.body(), 200, revoked.statusCode());
        assertEquals(Integer.valueOf(1008), device.closed.get(10, TimeUnit.SECONDS));
        SocketClient again = SocketClient.open(https);
        assertTrue(laptop.hello(again, "Laptop", https.host()).contains("device-refused"));

        assertEquals(200, admin.call("POST", "/api/admin/devices/" + laptop.deviceId + "/approve", null).statusCode());
        SocketClient approved = SocketClient.open(https);
        assertTrue(laptop.hello(approved, "Laptop", https.host()).contains("welcome"));
    }

    @Test
    public void componentSettingsAreDescribedByMetatypeAndCheckedBeforeSaving() throws Exception {
        AdminClient admin = signedIn();
        HttpResponse<String> relay = admin.get("/api/admin/config/io.lanvan.relay");
        assertEquals(relay.body(), 200, relay.statusCode());
        assertTrue(relay.body(), relay.body().contains("\"id\":\"maxTransfers\"") && relay.body().contains("\"type\":\"integer\""));
        HttpResponse<String> wrong = admin.call("PUT", "/api/admin/config/io.lanvan.relay", "{\"maxTransfers\":\"many\"}");
        assertEquals(wrong.body(), 400, wrong.statusCode());
        assertTrue(wrong.body(), wrong.body().contains("maxTransfers"));
        HttpResponse<String> saved = admin.call("PUT", "/api/admin/config/io.lanvan.relay", "{\"maxTransfers\":300}");
        assertEquals(saved.body(), 200, saved.statusCode());
        assertTrue(saved.body(), saved.body().contains("\"value\":300"));
        assertTrue(admin.get("/api/admin/config").body().contains("\"pid\":\"io.lanvan.policy\""));
    }

    private AdminClient signedIn() throws Exception {
        return FIRST_ADMIN.signedIn(context);
    }

}
