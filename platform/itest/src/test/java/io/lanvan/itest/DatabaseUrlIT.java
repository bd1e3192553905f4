package io.lanvan.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;

import io.lanvan.api.persistence.Schema;
import io.lanvan.testing.Eventually;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The database URL as an attacker with write access to the persistence configuration would set it
 * (ConfigAdmin is where etc/io.lanvan.persistence.cfg and any admin tool end up): an H2 URL whose
 * {@code INIT} writes a file must be refused by the persistence bundle itself, and the database in
 * use must stay open.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseUrlIT {
    private static final String PID = "io.lanvan.persistence";
    private static final Duration APPLIED = Duration.ofSeconds(60);
    private static final Duration REFUSAL_WINDOW = Duration.ofSeconds(15);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private ServiceComponentRuntime components;

    @Configuration
    public Option[] configuration() throws Exception {
        return Platform.options();
    }

    @After
    public void backToTheDefaultDatabase() throws Exception {
        if (configurations.listConfigurations("(service.pid=" + PID + ")") != null) {
            configurations.getConfiguration(PID, "?").delete();
        }
    }

    @Test
    public void anH2UrlWhoseInitWritesAFileIsRefusedAndTheDatabaseInUseStaysOpen() throws Exception {
        long storeBefore = serviceId(openStore());
        Path written = Path.of(context.getProperty("lanvan.home"), "plugins", "written-by-init.jar");
        String attack = "jdbc:h2:mem:x;INIT=CALL FILE_WRITE(X'504B0304', '" + written + "')";

        configure(attack);
        // Accepted, the URL re-opens the database within a few seconds (its INIT writing the file first);
        // refused, nothing happens, which only a bounded wait can show.
        Eventually.await(() -> Files.exists(written) || serviceId(auditSchema()) != storeBefore,
                reopened -> reopened, REFUSAL_WINDOW);

        assertFalse("the refused URL's INIT wrote " + written, Files.exists(written));
        ServiceReference<EntityManagerFactory> storeAfter = auditSchema();
        assertNotNull("the database in use was closed", storeAfter);
        assertEquals("the database in use was replaced", storeBefore, serviceId(storeAfter));
    }

    @Test
    public void aValidChangeAfterARefusedOneIsApplied() throws Exception {
        long storeBefore = serviceId(openStore());
        configure("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://127.0.0.1:9/x.sql'");

        configure("jdbc:h2:file:" + Path.of(context.getProperty("lanvan.data"), "db", "other"));

        ServiceReference<EntityManagerFactory> storeAfter = Eventually.await(this::auditSchema,
                store -> store != null && serviceId(store) != storeBefore, APPLIED);
        assertNotEquals("the valid change did not re-open the database", storeBefore, serviceId(storeAfter));
        assertEquals("h2", storeAfter.getProperty(Schema.DATABASE));
    }

    /** Sets the URL and waits until the persistence component has been given it (its own reaction is not awaited). */
    private void configure(String jdbcUrl) throws Exception {
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("jdbcUrl", jdbcUrl);
        configurations.getConfiguration(PID, "?").update(settings);
        Eventually.await(() -> jdbcUrlGivenToTheComponent(), jdbcUrl::equals, APPLIED);
    }

    private Object jdbcUrlGivenToTheComponent() {
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (PID.equals(description.configurationPid.length > 0 ? description.configurationPid[0] : null)) {
                for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                    return configuration.properties.get("jdbcUrl");
                }
            }
        }
        return null;
    }

    /** The audit capability's own schema, as the engine serves it; null while it is not. */
    @SuppressWarnings("unchecked")
    private ServiceReference<EntityManagerFactory> auditSchema() throws InvalidSyntaxException {
        ServiceReference<?>[] found = context.getServiceReferences(EntityManagerFactory.class.getName(), Schema.unitFilter("audit"));
        return found == null ? null : (ServiceReference<EntityManagerFactory>) found[0];
    }

    private ServiceReference<EntityManagerFactory> openStore() throws Exception {
        ServiceTracker<EntityManagerFactory, EntityManagerFactory> store = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + EntityManagerFactory.class.getName() + ")" + Schema.unitFilter("audit") + ")"), null);
        store.open();
        try {
            assertNotNull("the database did not open within 60 s", store.waitForService(60_000));
            return store.getServiceReference();
        } finally {
            store.close();
        }
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty("service.id");
    }
}
