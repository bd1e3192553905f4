package io.lanvan.signaling.internal;

import io.lanvan.api.trust.Admission;
import io.lanvan.api.trust.DeviceClaim;
import io.lanvan.api.trust.DevicePage;
import io.lanvan.api.trust.DeviceQuery;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.Reputation;
import io.lanvan.api.trust.ReputationEvent;
import io.lanvan.api.trust.ReputationOutcome;
import io.lanvan.api.trust.TrustEvent;
import io.lanvan.api.trust.TrustService;
import io.lanvan.api.trust.TrustedDevice;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trust as signaling's unit tests need it (the trust capability is outside this unit; Pax Exam tests
 * run the real one): devices approved or revoked by id, everything else pending, reports counted.
 */
final class KnownDevices implements TrustService {
    final Map<String, DeviceStatus> status = new ConcurrentHashMap<>();
    final List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();

    KnownDevices(Set<String> approved) {
        approved.forEach(id -> status.put(id, DeviceStatus.APPROVED));
    }

    @Override
    public Admission admit(DeviceClaim claim, boolean approvalRequired) {
        DeviceStatus known = status.computeIfAbsent(claim.deviceId(), id -> DeviceStatus.PENDING);
        return switch (known) {
            case APPROVED -> Admission.ADMITTED;
            case REVOKED -> new Admission(Admission.Verdict.REVOKED, "This device was revoked by an administrator");
            case HELD -> new Admission(Admission.Verdict.HELD, "held");
            case PENDING -> approvalRequired ? new Admission(Admission.Verdict.AWAITING_APPROVAL,
                    "This device needs an administrator's approval (device id " + claim.deviceId() + ")") : Admission.ADMITTED;
        };
    }

    @Override
    public List<TrustedDevice> approve(Collection<String> deviceIds, String actor) {
        deviceIds.forEach(id -> status.put(id, DeviceStatus.APPROVED));
        return List.of();
    }

    @Override
    public List<TrustedDevice> revoke(Collection<String> deviceIds, String actor) {
        deviceIds.forEach(id -> status.put(id, DeviceStatus.REVOKED));
        return List.of();
    }

    @Override
    public Optional<TrustedDevice> device(String deviceId) {
        return Optional.ofNullable(status.get(deviceId)).map(known -> new TrustedDevice(deviceId, "", "", "", known,
                Instant.EPOCH, Instant.EPOCH, List.of(), "", null, new Reputation(0, 0, 0, 0, 0, 0, 0, false)));
    }

    @Override
    public DevicePage devices(DeviceQuery query) {
        return new DevicePage(List.of(), 0);
    }

    @Override
    public List<TrustEvent> history(String deviceId, int limit) {
        return List.of();
    }

    @Override
    public Optional<ReputationOutcome> record(String deviceId, ReputationEvent event, String actor, String detail) {
        if (!status.containsKey(deviceId)) {
            return Optional.empty();
        }
        if (event == ReputationEvent.REPORTED) {
            reports.add(actor + "->" + deviceId + ":" + detail);
        }
        return Optional.of(new ReputationOutcome(true, status.get(deviceId)));
    }
}
