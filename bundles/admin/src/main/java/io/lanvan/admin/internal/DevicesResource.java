package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.devices.ConnectedDevice;
import io.lanvan.api.devices.DeviceDirectory;
import io.lanvan.api.devices.TransferStats;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/admin/devices} and {@code /api/admin/stats}: the devices connected (or waiting for
 * approval), revoke and approve, and transfer counts. Revocations and approvals are policies, so
 * they survive restarts and reach signaling at once.
 */
@Component(service = DevicesResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public final class DevicesResource {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final DeviceDirectory devices;
    private final PolicyService policies;
    private final ConfigurationAdmin configurations;
    /** Optional and dynamic: devices can be governed while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public DevicesResource(@Reference DeviceDirectory devices, @Reference PolicyService policies,
                           @Reference ConfigurationAdmin configurations) {
        this.devices = devices;
        this.policies = policies;
        this.configurations = configurations;
    }

    public record DeviceView(String deviceId, String name, String platform, String address, String since, String status,
                             boolean approved, boolean revoked) {}

    @GET
    @Path("devices")
    public List<DeviceView> list() {
        Set<String> approved = policies.current().approvedDevices();
        Set<String> revoked = policies.current().revokedDevices();
        List<DeviceView> views = new ArrayList<>();
        for (ConnectedDevice device : devices.devices()) {
            views.add(new DeviceView(device.deviceId(), device.name(), device.platform(), device.address(),
                    device.since().toString(), device.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    approved.contains(device.deviceId()), revoked.contains(device.deviceId())));
        }
        return views;
    }

    @POST
    @Path("devices/{deviceId}/revoke")
    public Map<String, Object> revoke(@PathParam("deviceId") String deviceId, @Context HttpServletRequest request) throws IOException {
        checkId(deviceId);
        Set<String> revoked = new TreeSet<>(policies.current().revokedDevices());
        revoked.add(deviceId);
        Set<String> approved = new TreeSet<>(policies.current().approvedDevices());
        approved.remove(deviceId);
        PolicySettings.save(policies, configurations, Map.of("revokedDevices", List.copyOf(revoked), "approvedDevices", List.copyOf(approved)),
                () -> Admins.recordFirst(audit, request, "device.revoked", AuditEvent.device(deviceId), Map.of()));
        int closed = devices.disconnect(deviceId, "This device was revoked by an administrator");
        return Map.of("deviceId", deviceId, "revoked", true, "connectionsClosed", closed);
    }

    @POST
    @Path("devices/{deviceId}/approve")
    public Map<String, Object> approve(@PathParam("deviceId") String deviceId, @Context HttpServletRequest request) throws IOException {
        checkId(deviceId);
        Set<String> approved = new TreeSet<>(policies.current().approvedDevices());
        approved.add(deviceId);
        Set<String> revoked = new TreeSet<>(policies.current().revokedDevices());
        revoked.remove(deviceId);
        PolicySettings.save(policies, configurations, Map.of("approvedDevices", List.copyOf(approved), "revokedDevices", List.copyOf(revoked)),
                () -> Admins.recordFirst(audit, request, "device.approved", AuditEvent.device(deviceId), Map.of()));
        return Map.of("deviceId", deviceId, "approved", true);
    }

    @GET
    @Path("stats")
    public TransferStats stats() {
        return devices.stats();
    }

    private static void checkId(String deviceId) {
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw ProblemException.badRequest("Device id must be 8-64 characters [A-Za-z0-9_-]");
        }
    }
}
