package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lanvan.testing.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.osgi.framework.BundleContext;

/**
 * The one admin account of a test container: the first sign-in reads the initial password, is
 * forced to change it (as the console forces) and checks the rules on the way; later sign-ins use
 * the new password. One instance per test class, since each class has its own container.
 */
final class FirstAdmin {
    static final String NEW_PASSWORD = "a much longer admin secret";

    private boolean passwordChanged;

    /** The initial password, once the server has written it; fails after a minute without it. */
    static String initialPassword(BundleContext context) throws Exception {
        Path file = Path.of(context.getProperty("lanvan.data"), "initial-admin-password");
        assertTrue("no " + file, Eventually.await(() -> Files.exists(file), exists -> exists, Duration.ofSeconds(60)));
        return Files.readString(file).strip();
    }

    synchronized AdminClient signedIn(BundleContext context) throws Exception {
        AdminClient admin = new Https(context).admin();
        if (!passwordChanged) {
            String initial = initialPassword(context);
            // the file is written when the account is made; the admin API may be served a moment later (404 until then)
            HttpResponse<String> first = Eventually.await(() -> admin.signIn("admin", initial),
                    response -> response.statusCode() != 404, Duration.ofSeconds(30));
            assertEquals(first.body(), 200, first.statusCode());
            assertTrue(first.body().contains("\"mustChangePassword\":true"));
            assertEquals(403, admin.get("/api/admin/bundles").statusCode());
            HttpResponse<String> weak = admin.call("PUT", "/api/admin/session/password",
                    "{\"currentPassword\":\"" + initial + "\",\"newPassword\":\"short\"}");
            assertEquals(400, weak.statusCode());
            assertTrue(weak.body().contains("newPassword"));
            assertEquals(204, admin.call("PUT", "/api/admin/session/password",
                    "{\"currentPassword\":\"" + initial + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}").statusCode());
            passwordChanged = true;
            return admin;
        }
        HttpResponse<String> again = admin.signIn("admin", NEW_PASSWORD);
        assertEquals(again.body(), 200, again.statusCode());
        return admin;
    }
}
