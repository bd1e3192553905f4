package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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
import org.osgi.framework.wiring.BundleRevision;

/** The platform in real Felix: bundles active, HTTPS endpoints, and capabilities that come and go at run time. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {
    private static final Duration ROUTE_CHANGE = Duration.ofSeconds(15);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() {
        List<String> inactive = Arrays.stream(context.getBundles())
                .filter(bundle -> (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0)
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " is " + bundle.getState())
                .collect(Collectors.toList());
        assertTrue("Inactive bundles: " + inactive, inactive.isEmpty());
    }

    @Test
    public void readinessAndSystemStatusAnswerOverVerifiedHttps() throws Exception {
        Https https = new Https(context);
        HttpResponse<String> ready = https.await("/health/ready", response -> response.statusCode() == 200, ROUTE_CHANGE);
        assertEquals(ready.body(), 200, ready.statusCode());
        assertTrue(ready.body().contains("\"UP\""));

        HttpResponse<String> system = https.get("/api/system");
        assertEquals(200, system.statusCode());
        assertEquals("{\"name\":\"LANVan\",\"version\":\"itest\"}", system.body());
        assertTrue(system.headers().firstValue("Strict-Transport-Security").isPresent());
        assertTrue(system.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
    }

    @Test
    public void plainHttpRedirectsToHttpsButServesTheCaCertificate() throws Exception {
        Https https = new Https(context);
        HttpResponse<String> redirect = https.getPlain("/api/system?x=1");
        assertEquals(308, redirect.statusCode());
        assertEquals("https://localhost:" + context.getProperty("org.osgi.service.http.port.secure") + "/api/system?x=1",
                redirect.headers().firstValue("Location").orElse(""));

        HttpResponse<String> ca = https.getPlain("/ca.crt");
        assertEquals(200, ca.statusCode());
        assertEquals(Files.readString(Path.of(context.getProperty("lanvan.tls.ca"))), ca.body());
        assertEquals(200, https.getPlain("/trust").statusCode());
    }

    @Test
    public void stoppingACapabilityRemovesItsRoutesAndStartingBringsThemBack() throws Exception {
        Https https = new Https(context);
        Bundle console = bundleNamed("io.lanvan.adminconsole");
        assertEquals(200, https.await("/admin/", response -> response.statusCode() == 200, ROUTE_CHANGE).statusCode());

        console.stop();
        try {
            HttpResponse<String> gone = https.await("/admin/", response -> response.statusCode() == 404, ROUTE_CHANGE);
            assertEquals(404, gone.statusCode());
            assertEquals("application/problem+json", gone.headers().firstValue("Content-Type").orElse(""));
            assertEquals(200, https.await("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(30)).statusCode());
        } finally {
            console.start();
        }
        assertEquals(200, https.await("/admin/", response -> response.statusCode() == 200, ROUTE_CHANGE).statusCode());
    }

    @Test
    public void aPluginDroppedIntoThePluginsFolderContributesItsRoutesUntilRemoved() throws Exception {
        Https https = new Https(context);
        assertEquals(404, https.get("/api/branding").statusCode());
        Path plugin = Path.of(context.getProperty("lanvan.itest.plugins"), "lanvan-branding.jar");
        Files.copy(Path.of(System.getProperty("lanvan.branding.jar")), plugin, StandardCopyOption.REPLACE_EXISTING);
        try {
            HttpResponse<String> branding = https.await("/api/branding", response -> response.statusCode() == 200, ROUTE_CHANGE);
            assertEquals(branding.body(), 200, branding.statusCode());
            assertTrue(branding.body(), branding.body().contains("\"companyName\":\"LANVan\""));
            assertTrue(https.get("/api/openapi.json").body().contains("\"/branding\""));

            Bundle bundle = bundleNamed("io.lanvan.branding");
            bundle.stop();
            assertEquals(404, https.await("/api/branding", response -> response.statusCode() == 404, ROUTE_CHANGE).statusCode());
            bundle.start();
            assertEquals(200, https.await("/api/branding", response -> response.statusCode() == 200, ROUTE_CHANGE).statusCode());
        } finally {
            Files.deleteIfExists(plugin);
        }
        assertEquals(404, https.await("/api/branding", response -> response.statusCode() == 404, ROUTE_CHANGE).statusCode());
        assertTrue(!https.get("/api/openapi.json").body().contains("\"/branding\""));
    }

    @Test
    public void badRequestsGetProblemDetailsAndTheServerCarriesOn() throws Exception {
        Https https = new Https(context);
        HttpResponse<String> unknown = https.get("/api/no-such-thing");
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElse(""));
        assertTrue(unknown.body(), unknown.body().contains("\"status\":404"));

        HttpResponse<String> wrongMethod = https.post("/api/system", "application/json", "{}");
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(wrongMethod.body(), wrongMethod.body().contains("allowed: "));

        HttpResponse<String> tooLarge = https.post("/api/system", "application/json", "[" + "1,".repeat(600_000) + "1]");
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body(), tooLarge.body().contains("exceeds the limit of 1048576 bytes"));

        assertEquals(200, https.await("/health/ready", response -> response.statusCode() == 200, Duration.ofSeconds(30)).statusCode());
    }

    private Bundle bundleNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }
}
