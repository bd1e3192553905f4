package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.policy.DeploymentMode;
import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.api.web.ProblemException;
import io.lanvan.api.web.RestResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/admin/mode} and {@code /api/admin/policies}: read and change the deployment mode and
 * policies. Changes are validated first (400 naming the field), then saved as the
 * {@code io.lanvan.policy} configuration, from where they reach devices within a second.
 */
@Component(service = PoliciesResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public final class PoliciesResource {
    private static final Set<String> FIELDS = Set.of("mode", "maxFileBytes", "maxTransferBytes", "blockedExtensions",
            "clientAllow", "clientDeny", "adminAllow", "adminDeny", "anonymousDevices", "connectionsPerMinute",
            "framesPerSecond", "auditRetentionDays", "recordFileNames");

    private final PolicyService policies;
    private final ConfigurationAdmin configurations;
    /** Optional and dynamic: policies can be changed while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public PoliciesResource(@Reference PolicyService policies, @Reference ConfigurationAdmin configurations) {
        this.policies = policies;
        this.configurations = configurations;
    }

    public record ModeView(String mode) {}

    @GET
    @Path("mode")
    public ModeView mode() {
        return new ModeView(policies.current().mode().wire());
    }

    @PUT
    @Path("mode")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModeView setMode(ModeView change, @Context HttpServletRequest request) throws IOException {
        if (change == null || change.mode() == null || DeploymentMode.parse(change.mode()).isEmpty()) {
            throw ProblemException.badRequest("Field 'mode' must be one of hybrid, p2p-first, server-only");
        }
        save(Map.of("mode", change.mode()), request);
        return change;
    }

    @GET
    @Path("policies")
    public Map<String, Object> get() {
        return view(policies.current());
    }

    @PUT
    @Path("policies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> set(Map<String, Object> changes, @Context HttpServletRequest request) throws IOException {
        if (changes == null || changes.isEmpty()) {
            throw ProblemException.badRequest("Send the policies to change as a JSON object");
        }
        for (String field : changes.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ProblemException.badRequest("Unknown field '" + field + "'; known: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        save(changes, request);
        Map<String, Object> saved = new LinkedHashMap<>(view(policies.current()));
        saved.putAll(changes);
        return saved;
    }

    private void save(Map<String, Object> changes, HttpServletRequest request) throws IOException {
        Map<String, String> details = new TreeMap<>();
        changes.forEach((key, value) -> details.put(key, String.valueOf(value)));
        PolicySettings.save(policies, configurations, changes, () -> Admins.recordFirst(audit, request,
                changes.keySet().equals(Set.of("mode")) ? "admin.mode.changed" : "admin.policies.changed", PolicySettings.PID, details));
    }

    static Map<String, Object> view(Policy policy) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mode", policy.mode().wire());
        view.put("maxFileBytes", policy.maxFileBytes());
        view.put("maxTransferBytes", policy.maxTransferBytes());
        view.put("blockedExtensions", List.copyOf(new java.util.TreeSet<>(policy.blockedExtensions())));
        view.put("clientAllow", policy.clientAllow());
        view.put("clientDeny", policy.clientDeny());
        view.put("adminAllow", policy.adminAllow());
        view.put("adminDeny", policy.adminDeny());
        view.put("anonymousDevices", policy.anonymousDevices());
        view.put("connectionsPerMinute", policy.connectionsPerMinute());
        view.put("framesPerSecond", policy.framesPerSecond());
        view.put("auditRetentionDays", policy.auditRetentionDays());
        view.put("recordFileNames", policy.recordFileNames());
        return view;
    }
}
