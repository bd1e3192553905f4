package io.lanvan.web.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestPathTest {
    @Test
    void pathsThatDecodeIntoAnotherPathAreAmbiguous() {
        for (String path : List.of("/api/admin;x/bundles", "/admin;x/", "/metrics;x", "/%61dmin/", "/%6Detrics",
                "//api/admin", "/api/./admin", "/health/../api/admin", "/api%2fadmin", "/api%2Fadmin",
                "/api/admin%5cbundles", "/api\\admin", "/admin/%2e%2e/api", "/%2e/api", "/%2561dmin/", "/a%00b",
                "/api/admin/..", "/api/admin/.", "/api/%7euser", "/x%3bjsessionid=1")) {
            assertTrue(RequestPath.ambiguity(path).isPresent(), path);
        }
    }

    @Test
    void pathsBrowsersSendReadOneWay() {
        for (String path : List.of("/", "/admin/", "/api/admin/bundles", "/api/admin/config/io.lanvan.relay",
                "/lib/server/api.js", "/api/admin/devices/k3-Z_x/revoke", "/files/report%20final.pdf",
                "/api/search/%C3%A9t%C3%A9", "/.well-known/x", "/a..b/c.d")) {
            assertEquals(Optional.empty(), RequestPath.ambiguity(path), path);
        }
    }

    @Test
    void adminPathsAreRecognisedOnTheRoutedLowerCasePath() {
        for (String path : List.of("/admin", "/admin/", "/admin/index.html", "/api/admin", "/api/admin/bundles", "/metrics")) {
            assertTrue(AccessFilter.isAdminPath(path), path);
        }
        for (String path : List.of("/", "/administrator", "/api/system", "/api/adminx", "/metricsx", "/lib/admin")) {
            assertFalse(AccessFilter.isAdminPath(path), path);
        }
    }
}
