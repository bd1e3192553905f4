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
 * The admin of a freshly booted container: the first sign-in uses the generated password and
 * replaces it, as the console forces; later ones use the replacement. One container per test
 * class, and this class is loaded inside it, so the flag lives exactly as long as that container.
 */
final class InitialAdmin {
    static final String PASSWORD = "a much longer admin secret";
    private static boolean passwordChanged;

    private InitialAdmin() {
    }

    static synchronized AdminClient signIn(BundleContext context) throws Exception {
        AdminClient admin = new Https(context).admin();
        if (passwordChanged) {
            HttpResponse<String> again = admin.signIn("admin", PASSWORD);
            assertEquals(again.body(), 200, again.statusCode());
            return admin;
        }
        Path file = Path.of(context.getProperty("lanvan.data"), "initial-admin-password");
        assertTrue("no " + file, Eventually.await(() -> Files.exists(file), exists -> exists, Duration.ofSeconds(60)));
        String initial = Files.readString(file).strip();
        // the file is written when the account is made; the admin API may be served a moment later (404 until then)
        HttpResponse<String> first = Eventually.await(() -> admin.signIn("admin", initial),
                response -> response.statusCode() != 404, Duration.ofSeconds(30));
        assertEquals(first.body(), 200, first.statusCode());
        HttpResponse<String> changed = admin.call("PUT", "/api/admin/session/password",
                "{\"currentPassword\":\"" + initial + "\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertEquals(changed.body(), 204, changed.statusCode());
        passwordChanged = true;
        return admin;
    }
}
