package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.devices.ConnectedDevice;
import io.lanvan.api.devices.DeviceDirectory;
import io.lanvan.api.devices.TransferStats;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.TrustService;
import io.lanvan.api.trust.TrustedDevice;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/admin/devices} and {@code /api/admin/stats}: the devices connected (or waiting for
 * approval), approve and revoke (one or in bulk), and transfer counts. Approvals and revocations
 * are kept by the trust capability, keyed by device id (the hash of the device's key), so they
 * survive restarts and a device cannot shed them by claiming another name. The known devices with
 * filters and each device's history are in {@link TrustDevicesResource}.
 */
@Component(service = DevicesResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public final class DevicesResource {
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final String REVOKED = "This device was revoked by an administrator";

    private final DeviceDirectory devices;
    /** Optional and dynamic: devices can be governed while the audit capability is stopped (changes are then refused, 503). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    /** Optional and dynamic: the connected devices and stats stay visible while the trust capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrustService trust;

    @Activate
    public DevicesResource(@Reference DeviceDirectory devices) {
        this.devices = devices;
    }

    public record DeviceView(String deviceId, String name, String platform, String address, String since, String status,
                             boolean approved, boolean revoked, String trust) {}

    /** The device ids of a bulk decision. */
    public record DeviceIds(List<String> deviceIds) {}

    @GET
    @Path("devices")
    public List<DeviceView> list() {
        TrustService current = trust;
        List<DeviceView> views = new ArrayList<>();
        for (ConnectedDevice device : devices.devices()) {
            Optional<DeviceStatus> status = statusOf(current, device.deviceId());
            if (device.status() == ConnectedDevice.Status.AWAITING_APPROVAL && status.orElse(null) == DeviceStatus.APPROVED) {
                continue; // approved since it was turned away: it joins when it next connects
            }
            views.add(new DeviceView(device.deviceId(), device.name(), device.platform(), device.address(),
                    device.since().toString(), device.status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    status.orElse(null) == DeviceStatus.APPROVED, status.orElse(null) == DeviceStatus.REVOKED,
                    status.map(DeviceStatus::wire).orElse(current == null ? "unavailable" : "unknown")));
        }
        return views;
    }

    private static Optional<DeviceStatus> statusOf(TrustService trust, String deviceId) {
        if (trust == null) {
            return Optional.empty();
        }
        try {
            return trust.device(deviceId).map(TrustedDevice::status);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @POST
    @Path("devices/{deviceId}/revoke")
    public Map<String, Object> revoke(@PathParam("deviceId") String deviceId, @Context HttpServletRequest request) {
        int closed = decide(List.of(checkId(deviceId)), "device.revoked", TrustService::revoke, request);
        return Map.of("deviceId", deviceId, "revoked", true, "connectionsClosed", closed);
    }

    @POST
    @Path("devices/{deviceId}/approve")
    public Map<String, Object> approve(@PathParam("deviceId") String deviceId, @Context HttpServletRequest request) {
        decide(List.of(checkId(deviceId)), "device.approved", TrustService::approve, request);
        return Map.of("deviceId", deviceId, "approved", true);
    }

    @POST
    @Path("devices/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> revokeAll(DeviceIds body, @Context HttpServletRequest request) {
        List<String> ids = checkIds(body);
        int closed = decide(ids, "device.revoked", TrustService::revoke, request);
        return Map.of("deviceIds", ids, "revoked", ids.size(), "connectionsClosed", closed);
    }

    @POST
    @Path("devices/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> approveAll(DeviceIds body, @Context HttpServletRequest request) {
        List<String> ids = checkIds(body);
        decide(ids, "device.approved", TrustService::approve, request);
        return Map.of("deviceIds", ids, "approved", ids.size());
    }

    /** Records each decision first (refused with 503 when it cannot be), then makes it; returns connections closed. */
    private int decide(List<String> ids, String action, Decision decision,
                       HttpServletRequest request) {
        TrustService current = TrustDevicesResource.running(trust);
        List<AuditEvent> events = ids.stream()
                .map(id -> AuditTrail.event(action, Admins.username(request), AuditEvent.device(id), Map.of())).toList();
        AuditTrail.recordAllFirst(audit, events);
        TrustDevicesResource.apply(() -> decision.apply(current, ids, Admins.username(request)));
        int closed = 0;
        if ("device.revoked".equals(action)) {
            for (String id : ids) {
                closed += devices.disconnect(id, REVOKED);
            }
        }
        return closed;
    }

    /** {@link TrustService#approve} or {@link TrustService#revoke}. */
    @FunctionalInterface
    private interface Decision {
        List<TrustedDevice> apply(TrustService trust, List<String> deviceIds, String actor);
    }

    @GET
    @Path("stats")
    public TransferStats stats() {
        return devices.stats();
    }

    static String checkId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw ProblemException.badRequest("Device id must be 8-64 characters [A-Za-z0-9_-]");
        }
        return deviceId;
    }

    private static List<String> checkIds(DeviceIds body) {
        if (body == null || body.deviceIds() == null || body.deviceIds().isEmpty()) {
            throw ProblemException.badRequest("Field 'deviceIds' must be a list of 1-" + TrustService.MAX_BULK + " device ids");
        }
        if (body.deviceIds().size() > TrustService.MAX_BULK) {
            throw ProblemException.badRequest("Field 'deviceIds' holds at most " + TrustService.MAX_BULK + " device ids, had "
                    + body.deviceIds().size());
        }
        Map<String, Boolean> unique = new LinkedHashMap<>();
        for (String id : body.deviceIds()) {
            if (id == null || !DEVICE_ID.matcher(id).matches()) {
                throw ProblemException.badRequest("Field 'deviceIds' must hold device ids of 8-64 characters [A-Za-z0-9_-]");
            }
            unique.put(id, true);
        }
        return List.copyOf(unique.keySet());
    }
}
