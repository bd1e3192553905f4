package io.lanvan.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lanvan.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
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
 * The HTTPS edge attacked from the network: address lists dodged with path tricks, what is given
 * away without signing in, and redirects steered by a hostile Host header.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebEdgeAttackIT {
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    private static final Duration POLICY_CHANGE = Duration.ofSeconds(15);
    private static final String OUTSIDE_RANGE = "10.99.0.0/24";
    /** Spellings of admin paths that a servlet container may map onto the admin console, API or metrics. */
    private static final List<String> PATH_TRICKS = List.of(
            "/api/admin;x/bundles", "/admin;x/", "/%61dmin/", "/metrics;x", "/%6detrics",
            "//api/admin/bundles", "/api/./admin/bundles", "/API/admin/bundles", "/Admin/", "/METRICS",
            "/api%2fadmin/bundles", "/api%2Fadmin/bundles", "/api/admin%2fbundles", "/api/%61dmin/bundles",
            "/health/../api/admin/bundles", "/health/live/../../admin/", "/admin/%2e%2e/api/admin/bundles",
            "/api/admin/bundles;jsessionid=1", "/api/admin;/bundles", "/%2e/api/admin/bundles", "/api/admin%5cbundles");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void theAdminAllowListCannotBeDodgedWithPathTricks() throws Exception {
        RawHttp raw = new Https(context).raw();
        AdminClient admin = FIRST_ADMIN.signedIn(context);
        String[] session = {"Cookie: " + admin.cookie, "X-CSRF-Token: " + admin.csrf};
        restrictAdminTo(OUTSIDE_RANGE);
        try {
            assertEquals(403, Eventually.await(() -> raw.secure("GET", "/api/admin/bundles", session),
                    response -> response.status() == 403, POLICY_CHANGE).status());
            List<String> served = new ArrayList<>();
            for (String trick : PATH_TRICKS) {
                RawHttp.Response response = raw.secure("GET", trick, session);
                if (!refused(response)) {
                    served.add(trick + " -> " + response);
                }
            }
            assertEquals("Admin paths served outside the allow list", List.of(), served);

            RawHttp.Response reset = raw.secureWithBody("PUT", "/api/admin;x/policies", "application/json",
                    "{\"adminAllow\":[]}", session);
            assertTrue(reset.toString(), refused(reset));
            assertArrayEquals(new String[] {OUTSIDE_RANGE}, (String[]) policyProperties().get("adminAllow"));
        } finally {
            restrictAdminTo("127.0.0.0/8");
        }
        assertEquals(200, Eventually.await(() -> raw.secure("GET", "/api/admin/bundles", session),
                response -> response.status() == 200, POLICY_CHANGE).status());
        assertEquals(200, raw.secure("GET", "/admin/").status());
        assertEquals(200, raw.secure("GET", "/metrics").status());
    }

    @Test
    public void systemStatusTellsAnonymousCallersOnlyTheProductAndItsVersion() throws Exception {
        RawHttp.Response system = new Https(context).raw().secure("GET", "/api/system");
        assertEquals(system.toString(), 200, system.status());
        assertTrue(system.toString(), system.body().matches("\\{\"name\":\"LANVan\",\"version\":\"[^\"]+\"}"));
    }

    @Test
    public void jarsAndClassesInsideBundlesAreNeverServed() throws Exception {
        RawHttp raw = new Https(context).raw();
        List<String> embedded = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String classPath = bundle.getHeaders("").get("Bundle-ClassPath");
            if (classPath != null) {
                Arrays.stream(classPath.split(",")).map(String::trim).filter(entry -> entry.endsWith(".jar"))
                        .forEach(embedded::add);
            }
        }
        assertFalse("the web bundle embeds Micrometer", embedded.isEmpty());
        List<String> served = new ArrayList<>();
        for (String jar : embedded) {
            String name = jar.substring(jar.lastIndexOf('/') + 1);
            for (String target : List.of("/" + jar, "/lib/" + name, "/admin/" + jar, "/admin/lib/" + name)) {
                RawHttp.Response response = raw.secure("GET", target);
                if (response.status() != 404 && response.status() != 400) {
                    served.add(target + " -> " + response.status());
                }
            }
        }
        for (String target : List.of("/lib/../io/lanvan/web/internal/Metrics.class", "/io/lanvan/web/internal/Metrics.class",
                "/lib/io/lanvan/web/internal/Metrics.class", "/META-INF/MANIFEST.MF", "/lib/META-INF/MANIFEST.MF",
                "/OSGI-INF/io.lanvan.web.internal.Metrics.xml")) {
            RawHttp.Response response = raw.secure("GET", target);
            if (response.status() != 404 && response.status() != 400) {
                served.add(target + " -> " + response.status());
            }
        }
        assertEquals("bundle internals served over HTTPS", List.of(), served);
        RawHttp.Response declared = raw.secure("GET", "/lib/server/api.js");
        assertEquals(200, declared.status());
        assertTrue(declared.header("Content-Type"), declared.header("Content-Type").startsWith("text/javascript"));
    }

    @Test
    public void metricsAnswerLoopbackByDefaultAndElsewhereOnlyTheBearerToken() throws Exception {
        RawHttp raw = new Https(context).raw();
        RawHttp.Response loopback = raw.secure("GET", "/metrics");
        assertEquals(loopback.toString(), 200, loopback.status());
        assertTrue(loopback.body().contains("jvm_memory"));

        configureMetrics(new String[] {"10.98.0.0/24"}, "");
        try {
            RawHttp.Response refused = Eventually.await(() -> raw.secure("GET", "/metrics"),
                    response -> response.status() == 403, POLICY_CHANGE);
            assertEquals(refused.toString(), 403, refused.status());
            assertEquals("application/problem+json", refused.header("Content-Type"));
            assertFalse(refused.body().contains("jvm_memory"));

            String token = "prometheus-scrape-token-of-some-length";
            configureMetrics(new String[] {"10.98.0.0/24"}, token);
            RawHttp.Response challenged = Eventually.await(() -> raw.secure("GET", "/metrics"),
                    response -> response.status() == 401, POLICY_CHANGE);
            assertEquals(challenged.toString(), 401, challenged.status());
            assertTrue(challenged.toString(), challenged.header("WWW-Authenticate").startsWith("Bearer"));
            assertEquals(401, raw.secure("GET", "/metrics", "Authorization: Bearer not-" + token).status());
            assertEquals(401, raw.secure("GET", "/metrics", "Authorization: Basic " + token).status());
            RawHttp.Response scraped = raw.secure("GET", "/metrics", "Authorization: Bearer " + token);
            assertEquals(scraped.toString(), 200, scraped.status());
            assertTrue(scraped.body().contains("jvm_memory"));
        } finally {
            configurations().getConfiguration("io.lanvan.metrics", "?").delete();
        }
        assertEquals(200, Eventually.await(() -> raw.secure("GET", "/metrics"),
                response -> response.status() == 200, POLICY_CHANGE).status());
    }

    @Test
    public void plainHttpRedirectsOnlyToNamesTheServerOwns() throws Exception {
        RawHttp raw = new Https(context).raw();
        String securePort = context.getProperty("org.osgi.service.http.port.secure");
        String plainPort = context.getProperty("org.osgi.service.http.port");
        List<String> own = List.of("https://localhost:" + securePort + "/", "https://127.0.0.1:" + securePort + "/");
        List<String> steered = new ArrayList<>();
        for (String host : List.of("evil.example", "evil.example:" + plainPort, "localhost.evil.example",
                "127.0.0.1.evil.example", "EVIL.example:443", "[2001:db8::1]", "10.99.0.7", "localhost:1@evil.example")) {
            RawHttp.Response response = raw.plain("/api/system?x=1", host);
            String location = response.header("Location");
            boolean ownHost = own.stream().anyMatch(location::startsWith);
            if (response.status() != 400 && !(response.status() == 308 && ownHost && location.endsWith("/api/system?x=1"))) {
                steered.add(host + " -> " + response.status() + " " + location);
            }
        }
        assertEquals("redirects that follow a hostile Host header", List.of(), steered);

        assertEquals("https://localhost:" + securePort + "/a?b=1",
                raw.plain("/a?b=1", "localhost:" + plainPort).header("Location"));
        assertEquals("https://127.0.0.1:" + securePort + "/a", raw.plain("/a", "127.0.0.1").header("Location"));
    }

    @Test
    public void traceNeverEchoesTheRequestHeadersBack() throws Exception {
        RawHttp raw = new Https(context).raw();
        List<String> echoed = new ArrayList<>();
        for (String target : List.of("/", "/metrics", "/health/live", "/lib/server/api.js", "/admin/", "/api/system")) {
            RawHttp.Response response = raw.secure("TRACE", target, "Cookie: __Host-lanvan-admin=secret-session");
            if (response.status() < 400 || response.body().contains("secret-session")) {
                echoed.add(target + " -> " + response);
            }
        }
        assertEquals("TRACE answered", List.of(), echoed);
    }

    /**
     * 403 problem+json from the access filter, or 400: from the canonical-path filter as problem+json,
     * or from Jetty itself, which refuses the ambiguous encodings it knows (%2F, %5C, encoded dot
     * segments, empty segments) with its own error page before any LANVan code runs.
     */
    private static boolean refused(RawHttp.Response response) {
        return response.status() == 400
                || response.status() == 403 && "application/problem+json".equals(response.header("Content-Type"));
    }

    private void restrictAdminTo(String range) throws Exception {
        org.osgi.service.cm.Configuration policy = configurations().getConfiguration("io.lanvan.policy", "?");
        Dictionary<String, Object> properties = policy.getProperties() == null ? new Hashtable<>() : policy.getProperties();
        properties.put("adminAllow", new String[] {range});
        policy.update(properties);
    }

    private Dictionary<String, Object> policyProperties() throws Exception {
        return configurations().getConfiguration("io.lanvan.policy", "?").getProperties();
    }

    private void configureMetrics(String[] allow, String token) throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("metricsAllow", allow);
        properties.put("bearerToken", token);
        configurations().getConfiguration("io.lanvan.metrics", "?").update(properties);
    }

    private ConfigurationAdmin configurations() {
        return context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }
}
