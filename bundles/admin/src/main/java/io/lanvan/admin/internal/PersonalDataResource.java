package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditEvent;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.audit.AuditOrder;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.privacy.PersonalDataHolder;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/admin/devices/{deviceId}/personal-data}: everything the server holds about a device,
 * exported (GET, a JSON download) or erased (DELETE), by asking every {@link PersonalDataHolder}
 * that runs. Both are recorded first, naming the device as {@code device:<id>}: the audit log seals
 * that under the device's own key, so once erased the request itself reads as the device's
 * pseudonym, and the outcome is recorded under that pseudonym, never the id.
 */
@Component(service = PersonalDataResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public final class PersonalDataResource {
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataResource.class);

    /** Optional and dynamic: every running capability that holds personal data, coming and going with its bundle. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PersonalDataHolder> holders;
    /** Optional and dynamic, as for the other admin resources; without it nothing is exported or erased (503). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @GET
    @Path("devices/{deviceId}/personal-data")
    public Response export(@PathParam("deviceId") String deviceId, @Context HttpServletRequest request) {
        checkId(deviceId);
        List<PersonalDataHolder> asked = running();
        Admins.recordFirst(audit, request, "admin.device.personal-data.exported", AuditEvent.device(deviceId),
                Map.of("holders", names(asked)));
        Map<String, Object> parts = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        for (PersonalDataHolder holder : asked) {
            try {
                parts.put(holder.name(), holder.export(deviceId));
            } catch (RuntimeException e) {
                LOG.warn("Personal data holder {} could not export a device: {}", holder.name(), e.toString());
                failed.put(holder.name(), String.valueOf(e.getMessage()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", deviceId);
        body.put("exportedAt", Instant.now().toString());
        body.put("holders", parts);
        body.put("failed", failed);
        return Response.ok(body, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"lanvan-personal-data-" + deviceId + ".json\"").build();
    }

    @DELETE
    @Path("devices/{deviceId}/personal-data")
    public Map<String, Object> erase(@PathParam("deviceId") String deviceId, @Context HttpServletRequest request) {
        checkId(deviceId);
        List<PersonalDataHolder> asked = running();
        AuditRecord requested = Admins.recordFirst(audit, request, "admin.device.personal-data.erase",
                AuditEvent.device(deviceId), Map.of("holders", names(asked)));
        Map<String, Map<String, Long>> erased = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        for (PersonalDataHolder holder : asked) {
            try {
                erased.put(holder.name(), holder.erase(deviceId));
            } catch (RuntimeException e) {
                LOG.warn("Personal data holder {} could not erase a device: {}", holder.name(), e.toString());
                failed.put(holder.name(), String.valueOf(e.getMessage()));
            }
        }
        String pseudonym = pseudonymAfter(requested);
        recordOutcome(request, pseudonym, requested.sequence(), erased, failed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pseudonym", pseudonym);
        body.put("complete", failed.isEmpty());
        body.put("erased", erased);
        body.put("failed", failed);
        return body;
    }

    /** What the erasure request's own record reads as now: the device's pseudonym once the audit log erased it. */
    private String pseudonymAfter(AuditRecord requested) {
        try {
            List<AuditRecord> again = audit.query(new AuditQuery(AuditFilter.ALL, AuditOrder.OLDEST_FIRST,
                    requested.sequence() - 1, 1)).records();
            if (!again.isEmpty() && again.get(0).sequence() == requested.sequence()
                    && again.get(0).subject().startsWith(AuditEvent.ERASED_DEVICE)) {
                return again.get(0).subject();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the erasure request back from the audit log: {}", e.toString());
        }
        return AuditEvent.ERASED; // the audit log did not erase it: never fall back to the id
    }

    private void recordOutcome(HttpServletRequest request, String pseudonym, long requestSequence,
                               Map<String, Map<String, Long>> erased, Map<String, String> failed) {
        Map<String, String> details = new TreeMap<>();
        details.put("request", Long.toString(requestSequence));
        erased.forEach((holder, counts) -> counts.forEach((kind, count) -> details.put(holder + "." + kind, Long.toString(count))));
        failed.forEach((holder, why) -> details.put(holder + ".failed", why));
        AuditTrail.recordLater(audit, AuditTrail.event("admin.device.personal-data.erased", Admins.username(request), pseudonym, details));
    }

    private List<PersonalDataHolder> running() {
        if (audit == null) {
            throw new ProblemException(503, "Service Unavailable",
                    "Personal data is exported and erased only while the audit capability runs, so that it is on record.");
        }
        List<PersonalDataHolder> current = holders;
        return current == null ? List.of() : current.stream().sorted(Comparator.comparing(PersonalDataHolder::name)).toList();
    }

    private static String names(List<PersonalDataHolder> holders) {
        return String.join(",", holders.stream().map(PersonalDataHolder::name).toList());
    }

    private static void checkId(String deviceId) {
        if (deviceId == null || !PersonalDataHolder.DEVICE_ID.matcher(deviceId).matches()) {
            throw ProblemException.badRequest("deviceId must be a device id: 8-64 characters [A-Za-z0-9_-]");
        }
    }
}
