package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditExportFormat;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.audit.AuditUnavailableException;
import io.lanvan.api.audit.AuditVerification;
import io.lanvan.api.persistence.Schema;
import io.lanvan.api.platform.LaunchProperties;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.privacy.PersonalDataHolder;
import io.lanvan.audit.internal.store.AuditStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's audit log: the chain over this capability's own store (schema {@code audit}), the record of
 * LANVan bundles starting and stopping, and the daily purge of records past the retention period.
 * Immediate: bundle events must be on record even while no other bundle uses the log.
 */
@Component(service = {AuditLog.class, PersonalDataHolder.class}, configurationPid = AuditConfig.PID, immediate = true)
@Designate(ocd = AuditConfig.class)
public final class ServerAuditLog implements AuditLog, PersonalDataHolder {
    /** The most records one personal-data export lists; it says so when there were more. */
    static final int MAX_EXPORTED_RECORDS = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(ServerAuditLog.class);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);
    private static final long FIRST_PURGE_MINUTES = 5;
    private static final long PURGE_EVERY_MINUTES = 24 * 60;
    /** Where the anchor key and the signed checkpoints live, under the data folder. */
    static final String ANCHOR_FOLDER = "audit";

    private final BundleContext context;
    private final ChainAnchors anchors;
    private final ChainedAuditLog log;
    private final BundleLifecycleRecorder bundles;
    private final ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "lanvan-audit-retention"));
    private volatile AuditConfig config;
    /**
     * Optional and dynamic: when the policy capability runs, its retention days and file-name
     * setting (what admins edit in the console) win over this component's own configuration.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyService policies;

    @Activate
    public ServerAuditLog(BundleContext context, AuditConfig config) {
        this.context = context;
        this.config = config;
        this.anchors = anchoring(context, config);
        this.log = new ChainedAuditLog(Clock.systemUTC(), config.maxBatchSize(), config.recordFileNames(), anchors).start();
        this.bundles = new BundleLifecycleRecorder(log);
        context.addBundleListener(bundles);
        retention.scheduleWithFixedDelay(this::purgeExpired, FIRST_PURGE_MINUTES, PURGE_EVERY_MINUTES, TimeUnit.MINUTES);
    }

    /**
     * Optional and dynamic: the store comes seconds after boot (once the engine serves the schema) and goes
     * while the database is switched or restarted. Meanwhile the log stays, and events queue up
     * to be written when a store is back, so nothing is lost and readiness does not wait for the
     * database.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(AuditStore store, Map<String, Object> properties) {
        // which database: checkpoints outside it are kept per database, so a move starts afresh
        Object location = properties.getOrDefault(Schema.LOCATION, properties.getOrDefault(Schema.DATABASE, ""));
        log.attach(store, String.valueOf(location));
    }

    void unbindStore(AuditStore store) throws InterruptedException {
        log.detach(store);
    }

    @Modified
    void modified(AuditConfig changed) {
        this.config = changed;
        log.settings(changed.maxBatchSize(), changed.recordFileNames());
        anchors.settings(atLeastOne(changed.anchorEveryRecords()), Duration.ofSeconds(atLeastOne(changed.anchorEverySeconds())));
    }

    /**
     * Checkpoints go to {@code <data>/audit/}: beside the database (so a backup of the data folder
     * holds them) but not in it. Without a data folder (never in a launched server) there is nothing
     * outside the database to anchor to.
     */
    private static ChainAnchors anchoring(BundleContext context, AuditConfig config) {
        String data = context.getProperty(LaunchProperties.DATA_DIR);
        if (data == null || data.isBlank()) {
            LOG.error("No {} framework property: audit checkpoints are not anchored outside the database", LaunchProperties.DATA_DIR);
            return ChainAnchors.NONE;
        }
        return ChainAnchors.in(Path.of(data).resolve(ANCHOR_FOLDER), Clock.systemUTC(), atLeastOne(config.anchorEveryRecords()),
                Duration.ofSeconds(atLeastOne(config.anchorEverySeconds())));
    }

    /** A 0 or negative value in etc/ (Metatype's minimum is not enforced there) must not switch anchoring off. */
    private static int atLeastOne(int value) {
        return Math.max(1, value);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeBundleListener(bundles);
        retention.shutdownNow();
        log.close(DRAIN_WAIT);
    }

    @Override
    public CompletionStage<AuditRecord> record(AuditEvent event) {
        return log.record(event);
    }

    @Override
    public AuditPage query(AuditQuery query) {
        return log.query(query);
    }

    @Override
    public AuditVerification verify() {
        return log.verify();
    }

    @Override
    public long export(AuditExportFormat format, AuditFilter filter, OutputStream out) throws IOException {
        return log.export(format, filter, out);
    }

    @Override
    public long purge(int retentionDays) {
        return log.purge(retentionDays);
    }

    @Override
    public boolean recordsFileNames() {
        PolicyService current = policies;
        return current != null ? current.current().recordFileNames() : log.recordsFileNames();
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public Map<String, Object> export(String deviceId) {
        return log.personalData(deviceId, MAX_EXPORTED_RECORDS);
    }

    @Override
    public Map<String, Long> erase(String deviceId) {
        try {
            return log.erase(deviceId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("The server is stopping", e);
        }
    }

    private void purgeExpired() {
        PolicyService current = policies;
        int days = current != null ? current.current().auditRetentionDays() : config.retentionDays();
        if (days <= 0) {
            return;
        }
        try {
            long purged = log.purge(days);
            if (purged > 0) {
                LOG.info("Purged {} audit records older than {} days", purged, days);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not purge audit records older than {} days: {}", days, e.getMessage());
        }
    }
}
