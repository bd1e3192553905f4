package io.lanvan.audit.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.platform.BundleKind;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records LANVan bundles (those with a {@value BundleKind#HEADER} header) being installed, started,
 * stopped and uninstalled, with the server as the actor: capabilities an admin switches on and off
 * while the server runs are on record.
 */
final class BundleLifecycleRecorder implements BundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(BundleLifecycleRecorder.class);

    private final AuditLog log;

    BundleLifecycleRecorder(AuditLog log) {
        this.log = log;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "bundle.installed";
            case BundleEvent.STARTED -> "bundle.started";
            case BundleEvent.STOPPED -> "bundle.stopped";
            case BundleEvent.UNINSTALLED -> "bundle.uninstalled";
            default -> null;
        };
        Bundle bundle = event.getBundle();
        String kind = bundle.getHeaders("").get(BundleKind.HEADER);
        if (action == null || kind == null) {
            return;
        }
        AuditEvent record = AuditEvent.of(action, AuditEvent.SYSTEM, String.valueOf(bundle.getSymbolicName()))
                .with("bundleId", Long.toString(bundle.getBundleId()))
                .with("version", bundle.getVersion().toString())
                .with("kind", kind.trim());
        log.record(record).exceptionally(failure -> {
            // the writer logs why events are lost (database errors, stopping), once rather than per event
            LOG.debug("{} of {} is not on record: {}", action, bundle.getSymbolicName(), failure.getMessage());
            return null;
        });
    }
}
