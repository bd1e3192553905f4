package io.lanvan.trust.internal;

import io.lanvan.api.persistence.Schema;
import io.lanvan.api.privacy.PersonalDataHolder;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.Reputation;
import io.lanvan.api.trust.TrustedDevice;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What trust keeps about a device, for an admin's export and erasure (docs/security.md, "Erasing a
 * device's personal data"). Erasure deletes the device's row, history and the reports about it and
 * by it, and takes its id out of other devices' histories; a device that is revoked or on hold keeps
 * a row with its id and that decision only (no name, platform, addresses or times), because the
 * decision must go on applying to its key.
 */
@Component(service = PersonalDataHolder.class)
public final class DevicePersonalData implements PersonalDataHolder {
    static final String ERASED_ACTOR = "erased device";

    private final TrustStore store;
    private final Clock clock;

    @Activate
    public DevicePersonalData(@Reference(target = "(" + Schema.UNIT_NAME + "=" + DeviceTrust.SCHEMA + ")") EntityManagerFactory entities) {
        this(entities, Clock.systemUTC());
    }

    DevicePersonalData(EntityManagerFactory entities, Clock clock) {
        this.store = new TrustStore(entities);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "trust";
    }

    @Override
    public Map<String, Object> export(String deviceId) {
        DeviceTrust.checkId(deviceId);
        return store.inTransaction("export a device's trust data", session -> {
            Map<String, Object> data = new LinkedHashMap<>();
            TrustDeviceRow row = session.find(TrustDeviceRow.class, deviceId);
            if (row != null) {
                data.put("device", view(row.toDevice(ReputationScore.DEFAULTS, clock.instant())));
            }
            List<Map<String, Object>> history = session.createQuery(
                            "select e from TrustEventRow e where e.deviceId = :id or e.actor = :id order by e.at, e.id", TrustEventRow.class)
                    .setParameter("id", deviceId).getResultList().stream().map(TrustEventRow::toEvent)
                    .map(event -> Map.<String, Object>of("at", event.at().toString(), "kind", event.kind(),
                            "actor", event.actor(), "detail", event.detail()))
                    .toList();
            if (!history.isEmpty()) {
                data.put("history", history);
            }
            List<Map<String, Object>> reports = session.createQuery(
                            "select r from TrustReportRow r where r.key.target = :id or r.key.reporter = :id", TrustReportRow.class)
                    .setParameter("id", deviceId).getResultList().stream().map(TrustReportRow::toMap).toList();
            if (!reports.isEmpty()) {
                data.put("reports", reports);
            }
            return data;
        });
    }

    @Override
    public Map<String, Long> erase(String deviceId) {
        DeviceTrust.checkId(deviceId);
        return store.inTransaction("erase a device's trust data", session -> {
            Map<String, Long> erased = new LinkedHashMap<>();
            erased.put("devices", (long) eraseDevice(session, deviceId));
            erased.put("historyEvents", (long) session.createQuery("delete from TrustEventRow e where e.deviceId = :id")
                    .setParameter("id", deviceId).executeUpdate());
            erased.put("mentionsInOtherHistories", (long) session.createQuery(
                            "update TrustEventRow e set e.actor = :erased where e.actor = :id")
                    .setParameter("erased", ERASED_ACTOR).setParameter("id", deviceId).executeUpdate());
            erased.put("reports", (long) session.createQuery(
                            "delete from TrustReportRow r where r.key.target = :id or r.key.reporter = :id")
                    .setParameter("id", deviceId).executeUpdate());
            return erased;
        });
    }

    private static Map<String, Object> view(TrustedDevice device) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deviceId", device.deviceId());
        view.put("identityKey", device.identityKey());
        view.put("name", device.name());
        view.put("platform", device.platform());
        view.put("status", device.status().wire());
        view.put("firstSeen", String.valueOf(device.firstSeen()));
        view.put("lastSeen", String.valueOf(device.lastSeen()));
        view.put("addresses", device.addresses());
        view.put("decidedBy", device.decidedBy());
        view.put("decidedAt", String.valueOf(device.decidedAt()));
        Reputation reputation = device.reputation();
        view.put("reputation", Map.of("score", reputation.score(), "completed", reputation.completed(), "failed", reputation.failed(),
                "hashMismatches", reputation.hashMismatches(), "declined", reputation.declined(), "cancelled", reputation.cancelled(),
                "reports", reputation.reports()));
        return view;
    }

    /** 1 when the row went or lost its personal fields, 0 when there was none (or nothing left to forget). */
    private static int eraseDevice(EntityManager session, String deviceId) {
        TrustDeviceRow row = session.find(TrustDeviceRow.class, deviceId);
        if (row == null) {
            return 0;
        }
        if (row.status() == DeviceStatus.REVOKED || row.status() == DeviceStatus.HELD) {
            boolean anything = !row.addresses().isEmpty() || row.identityKey() != null || row.firstSeen() != null;
            row.forgetPersonalData();
            return anything ? 1 : 0;
        }
        session.remove(row);
        return 1;
    }
}
