package io.lanvan.persistence.internal;

import io.lanvan.api.persistence.SchemaHealth;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence engine: opens the database on a thread of its own and serves the schema of every
 * active bundle that declares one ({@link io.lanvan.api.persistence.Schema}), this bundle included.
 * Until the database is open (or while it cannot be reached, retried with a growing pause) no
 * schema is served, and the components that need one wait. Opening takes seconds, so it must not
 * hold up the framework's start-level or configuration threads. The first opening waits for the
 * {@link StartupGate} (at most {@value #SETTLE_WAIT_SECONDS} s).
 *
 * <p>All opening, closing, serving and withdrawing happens on the one opener thread, in order; the
 * bundle tracker only says that something changed. A configuration change that resolves to other
 * settings withdraws every schema, closes the database and opens the new one, where every schema is
 * migrated and served again; one that does not (etc/io.lanvan.persistence.cfg arriving with the
 * defaults just after start) changes nothing.
 */
@Component(configurationPid = PersistenceConfig.PID, service = {}, immediate = true)
@Designate(ocd = PersistenceConfig.class)
public final class SchemaEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaEngine.class);
    private static final long MAX_RETRY_SECONDS = 60;
    private static final long CLOSE_WAIT_SECONDS = 60;
    private static final long SETTLE_WAIT_SECONDS = 30;

    private final BundleContext context;
    private final ScheduledExecutorService opener;
    private final StartupGate gate;
    private final ServedSchemas schemas;
    private final SchemaDeclarations declared;
    private final BundleTracker<DeclaredSchema> declarations;
    private final ServiceRegistration<SchemaHealth> health;
    private volatile DatabaseSettings settings; // null while the settings are refused
    private volatile boolean closed;
    // the fields below are used on the opener thread only
    private Database database;
    private int failedAttempts;

    /** @param configurations optional: only asked whether a configuration is on its way at first start */
    @Activate
    public SchemaEngine(BundleContext context, PersistenceConfig config, Map<String, Object> properties,
                        @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigurationAdmin configurations) {
        this.context = context;
        this.settings = resolveOrRefuse(context, config);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> new Thread(runnable, "lanvan-database"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no retries once stopping
        this.opener = executor;
        this.schemas = new ServedSchemas();
        this.declared = new SchemaDeclarations(context.getBundle(), this::reconcileSoon);
        this.declarations = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, declared);
        this.health = context.registerService(SchemaHealth.class, () -> schemas.problems(declared.active()), null);
        this.gate = new StartupGate(context, configurations, properties.containsKey(Constants.SERVICE_PID), this::scheduleOpen);
        declarations.open();
        opener.schedule(gate::force, SETTLE_WAIT_SECONDS, TimeUnit.SECONDS);
        gate.watch();
    }

    @Modified
    void modified(PersistenceConfig config, Map<String, Object> properties) {
        DatabaseSettings changed;
        try {
            changed = resolve(context, config);
        } catch (IllegalArgumentException invalid) {
            LOG.error("{} the changed configuration {} is invalid: {}", settings == null ? "Still no database:"
                    : "Keeping the current database:", PersistenceConfig.PID, invalid.getMessage());
            if (properties.containsKey(Constants.SERVICE_PID)) {
                gate.configurationDelivered();
            }
            return;
        }
        boolean reopen = gate.isOpen() && !changed.equals(settings);
        settings = changed;
        if (reopen) {
            opener.execute(() -> {
                closeDatabase();
                failedAttempts = 0;
                open();
            });
        }
        if (properties.containsKey(Constants.SERVICE_PID)) {
            gate.configurationDelivered();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        gate.close();
        declarations.close();
        health.unregister();
        closed = true;
        // not shutdownNow(): an interrupt closes H2's file channels under it (ClosedByInterruptException)
        opener.execute(this::closeDatabase);
        opener.shutdown();
        if (!opener.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("The database was still busy after {} s; it is closed when that ends", CLOSE_WAIT_SECONDS);
        }
        JdbcDrivers.deregisterLoadedBy(SchemaEngine.class.getClassLoader());
    }

    private void scheduleOpen() {
        try {
            opener.execute(this::open);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not opening the database: the component is stopping");
        }
    }

    private void reconcileSoon() {
        try {
            opener.execute(this::reconcile);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not serving schemas: the component is stopping");
        }
    }

    /** Serves every declared schema not yet served, and withdraws those whose bundle has stopped. */
    private void reconcile() {
        if (closed) {
            return;
        }
        try {
            schemas.reconcile(database, declared.active());
        } catch (RuntimeException e) {
            // the executor would keep it in a future nobody reads
            LOG.error("Serving the declared schemas failed", e);
        }
    }

    private void open() {
        if (closed || database != null) {
            return; // stopping, or a retry that a configuration change has overtaken
        }
        DatabaseSettings target = settings;
        if (target == null) {
            return; // refused settings: nothing opens until a valid configuration arrives
        }
        long started = System.nanoTime();
        try {
            database = Database.open(target);
        } catch (RuntimeException e) {
            retryLater(target, e);
            return;
        }
        failedAttempts = 0;
        LOG.info("Database open in {} ms: {}", (System.nanoTime() - started) / 1_000_000, target.describe());
        reconcile();
    }

    /** Withdraws every schema (their users stop using them, and may still write while they do), then closes. */
    private void closeDatabase() {
        schemas.withdrawAll();
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private void retryLater(DatabaseSettings target, RuntimeException failure) {
        if (closed) {
            LOG.debug("Not retrying to open the database: the component is stopping", failure);
            return;
        }
        failedAttempts++;
        long delay = Math.min(MAX_RETRY_SECONDS, 1L << Math.min(failedAttempts, 6));
        if (failedAttempts == 1) {
            LOG.error("Could not open the database {}; retrying in {} s", target.describe(), delay, failure);
        } else {
            LOG.warn("Could not open the database {} (attempt {}): {}; retrying in {} s", target.describe(),
                    failedAttempts, rootMessage(failure), delay);
        }
        try {
            opener.schedule(this::open, delay, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not retrying: the component is stopping");
        }
    }

    /** The settings, or null (logged once, naming the setting) when they are refused: the database stays closed. */
    private static DatabaseSettings resolveOrRefuse(BundleContext context, PersistenceConfig config) {
        try {
            return resolve(context, config);
        } catch (IllegalArgumentException refused) {
            LOG.error("No database is opened until the settings are corrected: {}", refused.getMessage());
            return null;
        }
    }

    private static DatabaseSettings resolve(BundleContext context, PersistenceConfig config) {
        // the bundle's own data area is only the fallback without the launcher's lanvan.data (tests): it is deleted on uninstall
        Path bundleData = context.getDataFile("").toPath();
        return DatabaseSettings.resolve(config, context::getProperty, System::getenv, bundleData);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
