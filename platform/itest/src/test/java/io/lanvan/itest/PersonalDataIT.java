package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lanvan.testing.Eventually;
import io.lanvan.testing.TestDevice;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A device's personal data exported and erased through the real admin API in real Felix: the audit
 * chain still verifies afterwards, and neither a later export nor the audit log shows what was erased.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PersonalDataIT {
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    private static final Pattern PSEUDONYM = Pattern.compile("\"pseudonym\":\"(erased-device-[0-9a-f]{12})\"");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void aDeviceIsExportedThenErasedAndTheChainStillVerifies() throws Exception {
        Https https = new Https(context);
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        TestDevice laptop = TestDevice.generate();
        String name = "Ana-Laptop-Zq7";
        SocketClient device = SocketClient.open(https);
        assertTrue(laptop.hello(device::send, device::next, name, https.host()).contains("welcome"));
        device.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        String path = "/api/admin/devices/" + laptop.deviceId + "/personal-data";

        HttpResponse<String> export = Eventually.await(() -> admin.get(path),
                response -> response.body().contains("device.left"), Duration.ofSeconds(15));
        assertEquals(export.body(), 200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(export.body(), export.body().contains("\"name\":\"" + name + "\"") && export.body().contains("device.joined"));
        assertTrue("trust answers for the device too: " + export.body(), export.body().contains("\"trust\":{\"device\":"));

        HttpResponse<String> erased = admin.call("DELETE", path, null);
        assertEquals(erased.body(), 200, erased.statusCode());
        assertTrue(erased.body(), erased.body().contains("\"complete\":true") && erased.body().contains("\"dataKeys\":1"));
        assertTrue("trust forgot the device: " + erased.body(), erased.body().contains("\"devices\":1"));
        Matcher pseudonym = PSEUDONYM.matcher(erased.body());
        assertTrue(erased.body(), pseudonym.find());

        String verification = admin.get("/api/admin/audit/verify").body();
        assertTrue(verification, verification.contains("\"intact\":true"));
        String after = admin.get(path).body();
        assertFalse(after, after.contains(name) || after.contains("device.joined") || after.contains("device.left"));
        String log = Eventually.await(() -> admin.get("/api/admin/audit?limit=500").body(),
                body -> body.contains("admin.device.personal-data.erased"), Duration.ofSeconds(10));
        assertFalse(log, log.contains(name));
        assertTrue(log, log.contains("\"action\":\"admin.device.personal-data.erased\"")
                && log.contains("\"subject\":\"" + pseudonym.group(1) + "\""));
        assertTrue("the erasure request's own record now names the device by its pseudonym: " + log,
                Pattern.compile("\"action\":\"admin\\.device\\.personal-data\\.erase\",\"actor\":\"[^\"]*\",\"subject\":\""
                        + pseudonym.group(1) + "\"").matcher(log).find());
    }

    @Test
    public void abuseIsRefusedWithClearProblems() throws Exception {
        Https https = new Https(context);
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        String path = "/api/admin/devices/" + TestDevice.generate().deviceId + "/personal-data";

        HttpResponse<String> anonymous = https.admin().get(path);
        assertEquals(401, anonymous.statusCode());
        assertEquals(401, https.admin().call("DELETE", path, null).statusCode());
        HttpResponse<String> noCsrf = admin.callWithoutCsrf("DELETE", path, null);
        assertEquals(403, noCsrf.statusCode());
        assertTrue(noCsrf.body(), noCsrf.body().contains("X-CSRF-Token"));
        for (String bad : new String[] {"short", "has%20space-in-it", "x".repeat(65), "dots.are.not.ids"}) {
            HttpResponse<String> refused = admin.call("DELETE", "/api/admin/devices/" + bad + "/personal-data", null);
            assertEquals(bad + ": " + refused.body(), 400, refused.statusCode());
            assertTrue(refused.body(), refused.body().contains("deviceId must be a device id"));
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(400, admin.get("/api/admin/devices/" + bad + "/personal-data").statusCode());
        }
        HttpResponse<String> nothing = admin.call("DELETE", path, null);
        assertEquals(nothing.body(), 200, nothing.statusCode());
        assertTrue(nothing.body(), nothing.body().contains("\"dataKeys\":0") || nothing.body().contains("\"dataKeys\":1"));
    }
}
