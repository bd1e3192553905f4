package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.OptionUtils.combine;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditExportFormat;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.persistence.Schema;
import io.lanvan.api.privacy.PersonalDataHolder;
import io.lanvan.testing.Eventually;
import io.lanvan.testing.LocalPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The audit log and the admin capability's schema moved to the real PostgreSQL by an admin's configuration change (ConfigAdmin, as
 * etc/io.lanvan.persistence.cfg or the console would make it), in a schema of this run's own that
 * the host drops when the test JVM ends. Skipped, saying why, when nothing listens on 5432
 * (a failure under CI, see {@link LocalPostgres}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresPersistenceIT {
    private static final String SCHEMA_PROPERTY = "lanvan.itest.pg.schema";
    private static final Duration RECORDED = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    private ServiceTracker<EntityManagerFactory, EntityManagerFactory> postgresStore;
    private ServiceTracker<AuditLog, AuditLog> audit;

    /** Runs on the host: picks the schema and drops it when the JVM (which also runs the container) exits. */
    @Configuration
    public Option[] configuration() throws Exception {
        String schema = "lanvan_itest_" + Long.toHexString(System.nanoTime());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(schema), "drop " + schema));
        return combine(Platform.options(), frameworkProperty(SCHEMA_PROPERTY).value(schema));
    }

    @Before
    public void moveTheDatabaseToPostgres() throws Exception {
        assumeTrue(LocalPostgres.skipMessage(), LocalPostgres.required());
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("jdbcUrl", LocalPostgres.url());
        settings.put("user", LocalPostgres.user());
        settings.put("schema", context.getProperty(SCHEMA_PROPERTY));
        configurations.getConfiguration("io.lanvan.persistence", "?").update(settings);

        postgresStore = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")" + Schema.unitFilter("audit")
                        + "(" + Schema.DATABASE + "=postgresql))"),
                null);
        postgresStore.open();
        assertNotNull("no store on PostgreSQL within 60 s", postgresStore.waitForService(60_000));
        audit = new ServiceTracker<>(context, AuditLog.class, null);
        audit.open();
        assertNotNull("no audit log within 60 s", audit.waitForService(60_000));
    }

    @After
    public void backToTheDefaultDatabase() throws Exception {
        if (audit != null) {
            audit.close();
            postgresStore.close();
        }
        if (configurations.listConfigurations("(service.pid=io.lanvan.persistence)") != null) {
            configurations.getConfiguration("io.lanvan.persistence", "?").delete();
            // the switch back is asynchronous: the next test must not find this test's PostgreSQL factories still registered
            Eventually.await(() -> context.getServiceReferences(EntityManagerFactory.class.getName(),
                    "(" + Schema.DATABASE + "=postgresql)"), references -> references == null, RECORDED);
        }
    }

    @Test
    public void eventsRecordedOnPostgresAreReadBackVerifiedAndExported() throws Exception {
        AuditLog log = audit.getService();
        AuditRecord recorded = log.record(AuditEvent.of("admin.signin.failed", "mallory", "console")
                .with("address", "192.0.2.7")).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals(List.of(recorded), log.query(AuditQuery.newestFirst(1)
                .withFilter(AuditFilter.ALL.withActor("mallory"))).records());
        AuditVerification verification = log.verify();
        assertTrue(verification.toString(), verification.intact());
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        assertEquals(1, log.export(AuditExportFormat.JSONL, AuditFilter.ALL.withText("192.0.2.7"), export));
        assertTrue(export.toString(StandardCharsets.UTF_8).contains("\"hash\":\"" + recorded.hash() + "\""));
    }

    @Test
    public void aDeviceErasedOnPostgresLeavesNothingReadableAndTheChainVerifying() throws Exception {
        String device = "cGdEZXZpY2UtZXJhc2VkLW9uLXBvc3RncmVzcWwtdGVzdA";
        audit.getService().record(new AuditEvent("device.joined", AuditEvent.device(device), "",
                Map.of("name", "Pg-Laptop-Xk4", "address", "192.0.2.44"))).toCompletableFuture().get(30, TimeUnit.SECONDS);
        PersonalDataHolder holder = context.getServiceReferences(PersonalDataHolder.class, null).stream()
                .map(context::getService).filter(found -> found.name().equals("audit")).findFirst().orElseThrow();

        assertTrue(holder.export(device).toString(), holder.export(device).toString().contains("Pg-Laptop-Xk4"));
        assertEquals(Long.valueOf(1), holder.erase(device).get("dataKeys"));

        AuditVerification verification = audit.getService().verify();
        assertTrue(verification.toString(), verification.intact());
        assertEquals(List.of(), holder.export(device).get("records"));
        List<AuditRecord> joined = audit.getService().query(AuditQuery.newestFirst(50)
                .withFilter(AuditFilter.ALL.withActionPrefix("device.joined"))).records();
        assertTrue(joined.toString(), joined.stream().anyMatch(record -> record.actor().startsWith(AuditEvent.ERASED_DEVICE)
                && AuditEvent.ERASED.equals(record.details().get("name"))));
        assertTrue(joined.toString(), joined.stream().noneMatch(record -> record.toString().contains("Pg-Laptop-Xk4")));
    }

    @Test
    public void aCapabilityStoppedAndStartedIsOnRecordInPostgres() throws Exception {
        Bundle console = Arrays.stream(context.getBundles()).filter(b -> "io.lanvan.adminconsole".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        console.stop();
        console.start();

        AuditQuery consoleEvents = AuditQuery.oldestFirst(10)
                .withFilter(AuditFilter.ALL.withSubject("io.lanvan.adminconsole").withActionPrefix("bundle."));
        List<AuditRecord> recorded = Eventually.await(() -> audit.getService().query(consoleEvents).records(),
                records -> records.size() >= 2, RECORDED);

        assertEquals(List.of("bundle.stopped", "bundle.started"), recorded.stream().map(AuditRecord::action).toList());
        assertTrue(audit.getService().verify().intact());
    }

    @Test
    public void theAdminCapabilityMigratesItsOwnSchemaOnPostgres() throws Exception {
        ServiceTracker<EntityManagerFactory, EntityManagerFactory> admin = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")"
                        + Schema.unitFilter("admin") + "(" + Schema.DATABASE + "=postgresql))"), null);
        admin.open();
        try {
            assertNotNull("no admin schema on PostgreSQL within 60 s", admin.waitForService(60_000));
            ServiceReference<EntityManagerFactory> unit = admin.getServiceReference();
            assertEquals("io.lanvan.admin", unit.getBundle().getSymbolicName());
            // read through whichever factory is current: the previous test's switch back to H2 may still be
            // under way (ConfigAdmin delivers asynchronously) and close the one found first
            assertEquals(1L, (long) Eventually.await(() -> count(admin.getService(),
                    "select count(*) from \"flyway_admin_history\" where \"success\" and \"version\" = '1'"), n -> n == 1, RECORDED));
            assertEquals("the first account is made in the new database", 1L,
                    (long) Eventually.await(() -> count(admin.getService(), "select count(*) from admin_account"), n -> n == 1, RECORDED));
        } finally {
            admin.close();
        }
    }

    @Test
    public void theTrustCapabilityMigratesItsOwnSchemaOnPostgresAndKeepsDecisionsThere() throws Exception {
        ServiceTracker<EntityManagerFactory, EntityManagerFactory> trustSchema = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")"
                        + Schema.unitFilter("trust") + "(" + Schema.DATABASE + "=postgresql))"), null);
        trustSchema.open();
        try {
            assertNotNull("no trust schema on PostgreSQL within 60 s", trustSchema.waitForService(60_000));
            assertEquals("io.lanvan.trust", trustSchema.getServiceReference().getBundle().getSymbolicName());
            assertEquals(1L, (long) Eventually.await(() -> count(trustSchema.getService(),
                    "select count(*) from \"flyway_trust_history\" where \"success\" and \"version\" = '1'"), n -> n == 1, RECORDED));
            // the trust service is made again on the new factory (ConfigAdmin and DS work asynchronously): ask
            // whichever is current until a decision lands in PostgreSQL
            String device = "pg-device-" + Long.toHexString(System.nanoTime());
            assertEquals(1L, (long) Eventually.await(() -> {
                try {
                    currentTrust().approve(List.of(device), "itest");
                } catch (RuntimeException e) {
                    return 0L;
                }
                return count(trustSchema.getService(), "select count(*) from trust_device where device_id = '" + device
                        + "' and status = 'approved'");
            }, n -> n == 1, RECORDED));
            assertEquals(io.lanvan.api.trust.Admission.Verdict.ADMITTED, currentTrust().admit(new io.lanvan.api.trust.DeviceClaim(
                    device, "", "PG device", "linux", "192.0.2.9"), true).verdict());
            assertEquals(1L, count(trustSchema.getService(), "select count(*) from trust_event where device_id = '" + device
                    + "' and kind = 'first-seen'"));
        } finally {
            trustSchema.close();
        }
    }

    private io.lanvan.api.trust.TrustService currentTrust() {
        ServiceReference<io.lanvan.api.trust.TrustService> reference = context.getServiceReference(io.lanvan.api.trust.TrustService.class);
        if (reference == null) {
            throw new IllegalStateException("no trust service yet");
        }
        return context.getService(reference);
    }

    private static long count(EntityManagerFactory factory, String sql) {
        EntityManager entities = factory.createEntityManager();
        try {
            return ((Number) entities.createNativeQuery(sql).getSingleResult()).longValue();
        } finally {
            entities.close();
        }
    }

    private static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(LocalPostgres.url(), LocalPostgres.user(), "");
             Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + schema + " cascade");
        } catch (Exception e) {
            System.err.println("Could not drop the test schema " + schema + ": " + e.getMessage());
        }
    }
}
