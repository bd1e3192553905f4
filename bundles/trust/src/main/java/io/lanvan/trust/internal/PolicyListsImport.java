package io.lanvan.trust.internal;

import io.lanvan.api.trust.TrustService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades from before trust kept approvals: the {@code io.lanvan.policy} configuration had lists
 * {@value #APPROVED} and {@value #REVOKED}. At start, their ids that trust does not know yet are
 * approved or revoked in the trust schema, then the two keys are removed from that configuration,
 * so the import happens once and never overrides a decision made since.
 */
@Component(service = {})
public final class PolicyListsImport {
    static final String POLICY_PID = "io.lanvan.policy";
    static final String APPROVED = "approvedDevices";
    static final String REVOKED = "revokedDevices";
    static final String ACTOR = "system (import of " + POLICY_PID + ")";
    private static final Logger LOG = LoggerFactory.getLogger(PolicyListsImport.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "lanvan-trust-import"));

    @Activate
    public PolicyListsImport(@Reference TrustService trust, @Reference ConfigurationAdmin configurations) {
        worker.execute(() -> {
            try {
                run(trust, configurations);
            } catch (Exception e) {
                LOG.error("Could not import the device lists of {}; they stay there and the import is tried at the next start",
                        POLICY_PID, e);
            }
        });
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    static void run(TrustService trust, ConfigurationAdmin configurations) throws java.io.IOException {
        Configuration configuration = configurations.getConfiguration(POLICY_PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null || properties.get(APPROVED) == null && properties.get(REVOKED) == null) {
            return;
        }
        List<String> approved = fresh(trust, ids(properties.get(APPROVED)));
        List<String> revoked = fresh(trust, ids(properties.get(REVOKED)));
        approved.removeAll(ids(properties.get(REVOKED))); // an id in both lists was revoked: revocation won in the old rule
        for (int from = 0; from < approved.size(); from += TrustService.MAX_BULK) {
            trust.approve(approved.subList(from, Math.min(approved.size(), from + TrustService.MAX_BULK)), ACTOR);
        }
        for (int from = 0; from < revoked.size(); from += TrustService.MAX_BULK) {
            trust.revoke(revoked.subList(from, Math.min(revoked.size(), from + TrustService.MAX_BULK)), ACTOR);
        }
        properties.remove(APPROVED);
        properties.remove(REVOKED);
        configuration.update(properties);
        LOG.info("Imported {} approved and {} revoked devices from {} into trust", approved.size(), revoked.size(), POLICY_PID);
    }

    private static List<String> fresh(TrustService trust, List<String> ids) {
        List<String> fresh = new ArrayList<>();
        for (String id : ids) {
            if (DeviceTrust.DEVICE_ID.matcher(id).matches() && !fresh.contains(id) && trust.device(id).isEmpty()) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /** A .cfg file gives one comma-separated string, ConfigAdmin an array or a collection: all are accepted. */
    static List<String> ids(Object value) {
        Collection<?> values = value == null ? List.of() : value instanceof Object[] array ? Arrays.asList(array)
                : value instanceof Collection<?> collection ? collection : List.of(value);
        return values.stream().flatMap(entry -> Arrays.stream(String.valueOf(entry).split(",")))
                .map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
    }
}
