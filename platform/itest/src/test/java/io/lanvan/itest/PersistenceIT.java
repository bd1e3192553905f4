package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.persistence.Schema;
import io.lanvan.testing.Eventually;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The persistence and audit bundles in real Felix with the distribution's bundle set, on the
 * embedded H2 database the launcher's data folder holds: the audit log comes up, records what
 * happens to capabilities, verifies, and keeps events while its database is stopped and started.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PersistenceIT {
    private static final Duration RECORDED = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    @Filter(timeout = 60_000)
    private AuditLog audit;

    /** Platform sets lanvan.data to the test's own work folder, as the launcher sets it to data/. */
    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    /** The audit log is there at once; its database follows once Hibernate and Flyway are done. */
    @Before
    public void waitForTheDatabase() throws Exception {
        ServiceTracker<EntityManagerFactory, EntityManagerFactory> store = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")" + Schema.unitFilter("audit") + ")"), null);
        store.open();
        try {
            assertNotNull("the database did not open within 60 s", store.waitForService(60_000));
        } finally {
            store.close();
        }
    }

    @Test
    public void theDatabaseIsAnH2FileInTheDataFolderAndBothBundlesAreActive() throws Exception {
        assertEquals(Bundle.ACTIVE, bundleNamed("io.lanvan.persistence").getState());
        assertEquals(Bundle.ACTIVE, bundleNamed("io.lanvan.audit").getState());
        ServiceReference<EntityManagerFactory> store = auditSchema();
        assertNotNull("the audit schema is served once the database is migrated", store);
        assertEquals("io.lanvan.audit", store.getBundle().getSymbolicName());
        assertEquals("h2", store.getProperty(Schema.DATABASE));
        assertTrue(Files.isRegularFile(Path.of(context.getProperty("lanvan.data"), "db", "lanvan.mv.db")));
    }

    @Test
    public void stoppingAndStartingACapabilityIsOnRecordAndTheChainVerifies() throws Exception {
        Bundle console = bundleNamed("io.lanvan.adminconsole");
        long before = newestSequence();

        console.stop();
        console.start();

        AuditFilter consoleEvents = AuditFilter.ALL.withSubject("io.lanvan.adminconsole").withActionPrefix("bundle.");
        List<AuditRecord> recorded = Eventually.await(() -> recordsAfter(before, consoleEvents), records -> records.size() >= 2, RECORDED);
        assertEquals(List.of("bundle.stopped", "bundle.started"), recorded.stream().map(AuditRecord::action).toList());
        assertEquals(AuditEvent.SYSTEM, recorded.get(0).actor());
        assertEquals("capability", recorded.get(0).details().get("kind"));
        AuditVerification verification = audit.verify();
        assertTrue(verification.toString(), verification.intact());
        assertTrue(verification.verifiedRecords() >= 2);
    }

    @Test
    public void anEventRecordedWhileTheDatabaseIsStoppedIsWrittenOnceItIsBack() throws Exception {
        AuditRecord before = audit.record(AuditEvent.of("itest.before", "itest", "persistence")).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Bundle persistence = bundleNamed("io.lanvan.persistence");

        persistence.stop();
        CompletableFuture<AuditRecord> waiting;
        try {
            assertNull(auditSchema());
            waiting = audit.record(AuditEvent.of("itest.while-stopped", "itest", "persistence")).toCompletableFuture();
            assertFalse("nothing can be written without the database", waiting.isDone());
        } finally {
            persistence.start();
        }

        AuditRecord after = waiting.get(60, TimeUnit.SECONDS);
        assertTrue(after.sequence() > before.sequence());
        AuditVerification verification = audit.verify();
        assertTrue(verification.toString(), verification.intact());
    }

    /** The newest sequence, once the audit log's database is open (other tests may have just restarted it). */
    private long newestSequence() throws Exception {
        return Eventually.await(() -> audit.query(AuditQuery.newestFirst(1)).records().stream()
                .mapToLong(AuditRecord::sequence).findFirst().orElse(0), sequence -> true, RECORDED);
    }

    private List<AuditRecord> recordsAfter(long sequence, AuditFilter filter) {
        return audit.query(AuditQuery.oldestFirst(100).withFilter(filter).after(sequence)).records();
    }

    /** The audit capability's own schema, as the engine serves it; null while it is not. */
    @SuppressWarnings("unchecked")
    private ServiceReference<EntityManagerFactory> auditSchema() throws InvalidSyntaxException {
        ServiceReference<?>[] found = context.getServiceReferences(EntityManagerFactory.class.getName(), Schema.unitFilter("audit"));
        return found == null ? null : (ServiceReference<EntityManagerFactory>) found[0];
    }

    private Bundle bundleNamed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("No bundle " + symbolicName));
    }
}
