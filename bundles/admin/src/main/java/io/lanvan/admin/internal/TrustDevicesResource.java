package io.lanvan.admin.internal;

import io.lanvan.api.trust.DevicePage;
import io.lanvan.api.trust.DeviceQuery;
import io.lanvan.api.trust.DeviceStatus;
import io.lanvan.api.trust.Reputation;
import io.lanvan.api.trust.TrustEvent;
import io.lanvan.api.trust.TrustService;
import io.lanvan.api.trust.TrustedDevice;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/admin/devices/known} and {@code /api/admin/devices/{deviceId}/history}: every device
 * trust knows (connected or not), filtered by status, text and reputation, a page at a time; and a
 * device's decisions and reputation events. Query values are read as text and checked here, so a
 * bad one is a 400 naming it (never a 404 from a failed conversion).
 */
@Component(service = TrustDevicesResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public final class TrustDevicesResource {
    static final int MAX_TEXT = 100;
    static final int MAX_OFFSET = 1_000_000;
    /** Optional and dynamic: without trust these answer 503, and the rest of the admin API stays. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrustService trust;

    /** A known device as the console shows it: times as ISO-8601 text (null when never), the fingerprint is the device id. */
    public record KnownDevice(String deviceId, String identityKey, String name, String platform, String status,
                              String firstSeen, String lastSeen, List<String> addresses, String decidedBy, String decidedAt,
                              Reputation reputation) {
        static KnownDevice of(TrustedDevice device) {
            return new KnownDevice(device.deviceId(), device.identityKey(), device.name(), device.platform(),
                    device.status().wire(), text(device.firstSeen()), text(device.lastSeen()), device.addresses(),
                    device.decidedBy(), text(device.decidedAt()), device.reputation());
        }
    }

    public record KnownDevices(List<KnownDevice> devices, long total, int offset, int limit) {}

    public record HistoryEntry(String at, String kind, String actor, String detail) {
        static HistoryEntry of(TrustEvent event) {
            return new HistoryEntry(text(event.at()), event.kind(), event.actor(), event.detail());
        }
    }

    public record DeviceHistory(KnownDevice device, List<HistoryEntry> events) {}

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @GET
    @Path("devices/known")
    public KnownDevices known(@QueryParam("status") String status, @QueryParam("q") String text,
                            @QueryParam("scoreBelow") String scoreBelow, @QueryParam("offset") String offset,
                            @QueryParam("limit") String limit) {
        Optional<DeviceStatus> wanted = status == null || status.isEmpty() ? Optional.empty()
                : Optional.of(DeviceStatus.parse(status).orElseThrow(() -> ProblemException.badRequest(
                        "Parameter 'status' must be one of pending, approved, revoked, held")));
        if (text != null && text.length() > MAX_TEXT) {
            throw ProblemException.badRequest("Parameter 'q' must be at most " + MAX_TEXT + " characters");
        }
        Optional<Double> below = scoreBelow == null || scoreBelow.isEmpty() ? Optional.empty() : Optional.of(score(scoreBelow));
        DeviceQuery query = new DeviceQuery(wanted, text, below, whole("offset", offset, 0, 0, MAX_OFFSET),
                whole("limit", limit, 50, 1, DeviceQuery.MAX_LIMIT));
        TrustService current = running(trust);
        DevicePage page = apply(() -> current.devices(query));
        return new KnownDevices(page.devices().stream().map(KnownDevice::of).toList(), page.total(), query.offset(), query.limit());
    }

    @GET
    @Path("devices/{deviceId}/history")
    public DeviceHistory history(@PathParam("deviceId") String deviceId, @QueryParam("limit") String limit) {
        DevicesResource.checkId(deviceId);
        int most = whole("limit", limit, 100, 1, 1000);
        TrustService current = running(trust);
        TrustedDevice device = apply(() -> current.device(deviceId))
                .orElseThrow(() -> ProblemException.notFound("No device '" + deviceId + "' is known"));
        return new DeviceHistory(KnownDevice.of(device),
                apply(() -> current.history(deviceId, most)).stream().map(HistoryEntry::of).toList());
    }

    private static double score(String value) {
        try {
            double score = Double.parseDouble(value);
            if (Double.isFinite(score) && score >= -1000 && score <= 1000) {
                return score;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("Parameter 'scoreBelow' must be a number between -1000 and 1000");
    }

    private static int whole(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("Parameter '" + name + "' must be a whole number between " + min + " and " + max);
    }

    static TrustService running(TrustService trust) {
        if (trust == null) {
            throw new ProblemException(503, "Service Unavailable", "The trust capability is not running: start it under Bundles");
        }
        return trust;
    }

    /** Runs a trust call: its refusals are the client's (400), its database failures the server's (503). */
    static <T> T apply(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            throw new ProblemException(503, "Service Unavailable", "The trust store failed: " + e.getMessage());
        }
    }
}
