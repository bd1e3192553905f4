package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.persistence.SchemaHealth;
import io.lanvan.testing.Eventually;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import javax.sql.DataSource;
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
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The persistence engine in real Felix on the embedded H2 database: capabilities that declare a
 * schema get it migrated from their own bundle with a history of its own, keep their data across a
 * stop and start, and a capability whose migration fails is reported in /health/ready while the
 * others keep working.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SchemaEngineIT {
    private static final FirstAdmin FIRST_ADMIN = new FirstAdmin();
    private static final Duration SERVED = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @Test
    public void theAdminCapabilityGetsItsOwnSchemaMigratedFromItsOwnBundle() throws Exception {
        ServiceReference<EntityManagerFactory> admin = awaitUnit("admin");

        assertEquals("registered in the admin bundle's name", "io.lanvan.admin", admin.getBundle().getSymbolicName());
        assertEquals("h2", admin.getProperty(Schema.DATABASE));
        assertEquals(1L, count(admin, "select count(*) from \"flyway_admin_history\" where \"success\" and \"version\" = '1'"));
        ServiceReference<?>[] connections = context.getServiceReferences(DataSource.class.getName(), Schema.unitFilter("admin"));
        assertNotNull("the schema's DataSource is registered too", connections);
        assertEquals("io.lanvan.admin", connections[0].getBundle().getSymbolicName());
        assertEquals(1L, (long) Eventually.await(() -> count(admin, "select count(*) from admin_account"), n -> n == 1, SERVED));
        ServiceReference<EntityManagerFactory> audit = awaitUnit("audit");
        assertEquals(1L, count(audit, "select count(*) from \"flyway_audit_history\" where \"success\" and \"version\" = '1'"));
        assertNotNull(FIRST_ADMIN.signedIn(context));
    }

    @Test
    public void stoppingAndStartingTheAdminCapabilityKeepsItsAccounts() throws Exception {
        FIRST_ADMIN.signedIn(context); // the account now has a password of the test's choosing
        Bundle admin = bundleNamed("io.lanvan.admin");

        for (int round = 0; round < 3; round++) { // quick stops and starts race the engine's thread on purpose
            admin.stop();
            try {
                assertNull("the schema leaves with its bundle", unit("admin"));
            } finally {
                admin.start();
            }
        }

        awaitUnit("admin");
        AdminClient client = new Https(context).admin();
        HttpResponse<String> signIn = Eventually.await(() -> client.signIn("admin", FirstAdmin.NEW_PASSWORD),
                response -> response.statusCode() == 200, SERVED);
        assertEquals(signIn.body(), 200, signIn.statusCode());
        assertFalse("the changed password was kept", signIn.body().contains("\"mustChangePassword\":true"));
    }

    @Test
    public void aCapabilityWhoseMigrationFailsIsUnreadyWithTheReasonWhileTheOthersWork() throws Exception {
        Https https = new Https(context);
        Bundle broken = install("io.lanvan.itest.broken", "broken", Map.of(
                "db/broken/V1__broken_first.sql", "create table broken_first (id bigint not null);",
                "db/broken/V2__broken_second.sql", "create tabel broken_second (id bigint not null);"));
        try {
            broken.start();

            HttpResponse<String> ready = https.await("/health/ready",
                    response -> response.body().contains("migration 2 failed"), SERVED);
            assertTrue(ready.body() + "; " + engineState(), ready.body().contains("migration 2 failed"));
            assertEquals(ready.body(), 503, ready.statusCode());
            assertTrue(ready.body(), ready.body().contains("schema broken (io.lanvan.itest.broken): migration 2 failed: "));
            assertNull(unit("broken"));
            assertNotNull(unit("admin"));
            assertEquals(200, FIRST_ADMIN.signedIn(context).get("/api/admin/bundles").statusCode());
        } finally {
            broken.uninstall();
        }
        HttpResponse<String> after = https.await("/health/ready", response -> !response.body().contains("schema broken"), SERVED);
        assertFalse(after.body(), after.body().contains("schema broken"));
    }

    @Test
    public void aBundleClaimingASchemaNameTakenByAnotherGetsNothingAndIsReported() throws Exception {
        FIRST_ADMIN.signedIn(context);
        Https https = new Https(context);
        Bundle impostor = install("io.lanvan.itest.impostor", "admin",
                Map.of("db/admin/V1__take_over.sql", "drop table admin_account;"));
        try {
            impostor.start();

            HttpResponse<String> ready = https.await("/health/ready",
                    response -> response.body().contains("the schema name is taken"), SERVED);
            assertTrue(ready.body() + "; " + engineState(), ready.body().contains("the schema name is taken"));
            assertEquals(ready.body(), 503, ready.statusCode());
            assertTrue(ready.body(), ready.body().contains("schema admin (io.lanvan.itest.impostor): the schema name is taken by io.lanvan.admin"));
            assertEquals("the impostor's migration never ran", 1L, count(awaitUnit("admin"), "select count(*) from admin_account"));
            assertEquals(200, FIRST_ADMIN.signedIn(context).get("/api/admin/bundles").statusCode());
        } finally {
            impostor.uninstall();
        }
    }

    /** A bundle that declares {@code schema} with the given migrations and nothing else. */
    private Bundle install(String symbolicName, String schema, Map<String, String> migrations) throws Exception {
        Manifest manifest = new Manifest();
        Attributes headers = manifest.getMainAttributes();
        headers.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.putValue("Bundle-ManifestVersion", "2");
        headers.putValue("Bundle-SymbolicName", symbolicName);
        headers.putValue("Bundle-Version", "1.0.0");
        headers.putValue(Schema.HEADER, schema);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            for (String folder : new String[] {"db/", "db/" + schema + "/"}) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (Map.Entry<String, String> migration : migrations.entrySet()) {
                out.putNextEntry(new JarEntry(migration.getKey()));
                out.write(migration.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return context.installBundle("itest:" + symbolicName, new ByteArrayInputStream(jar.toByteArray()));
    }

    private ServiceReference<EntityManagerFactory> awaitUnit(String name) throws Exception {
        ServiceTracker<EntityManagerFactory, EntityManagerFactory> tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")" + Schema.unitFilter(name) + ")"),
                null);
        tracker.open();
        try {
            assertNotNull("schema " + name + " not served within " + SERVED + "; " + engineState(), tracker.waitForService(SERVED.toMillis()));
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** What the engine says and where its thread is, for a failure message. */
    private String engineState() {
        ServiceReference<SchemaHealth> health = context.getServiceReference(SchemaHealth.class);
        StringBuilder state = new StringBuilder("engine: ")
                .append(health == null ? "no SchemaHealth" : context.getService(health).problems());
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("lanvan-database") || thread.getName().startsWith("lanvan-admin")
                    || thread.getState() == Thread.State.BLOCKED) {
                state.append("; ").append(thread.getName()).append(' ').append(thread.getState());
                for (StackTraceElement frame : stack) {
                    state.append("\n    at ").append(frame);
                }
            }
        });
        return state.toString();
    }

    private ServiceReference<EntityManagerFactory> unit(String name) throws Exception {
        ServiceReference<?>[] found = context.getServiceReferences(EntityManagerFactory.class.getName(), Schema.unitFilter(name));
        @SuppressWarnings("unchecked")
        ServiceReference<EntityManagerFactory> first = found == null ? null : (ServiceReference<EntityManagerFactory>) found[0];
        return first;
    }

    private long count(ServiceReference<EntityManagerFactory> unit, String sql) {
        EntityManagerFactory factory = context.getService(unit);
        try {
            EntityManager entities = factory.createEntityManager();
            try {
                return ((Number) entities.createNativeQuery(sql).getSingleResult()).longValue();
            } finally {
                entities.close();
            }
        } finally {
            context.ungetService(unit);
        }
    }

    private Bundle bundleNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }
}
