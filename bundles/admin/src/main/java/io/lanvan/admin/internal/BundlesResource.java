package io.lanvan.admin.internal;

import io.lanvan.api.audit.AuditLog;
import io.lanvan.api.platform.BundleKind;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/admin/bundles}: capabilities and plugins, started and stopped while the server runs.
 * Stopping is persistent (the framework remembers it across restarts). Only optional capabilities
 * and plugins can be stopped here: not the platform's own bundles and libraries (403), and not the
 * capabilities the admin's accountability rests on (409): audit (an admin could otherwise act
 * unrecorded) and admin (this API itself). Policy stays stoppable: it is hot-swapped like the
 * other capabilities, and while it is stopped its documented defaults apply (pages say so).
 */
@Component(service = BundlesResource.class, reference = @Reference(name = "gate", service = AdminGate.class))
@RestResource
@Path("admin/bundles")
@Produces(MediaType.APPLICATION_JSON)
public final class BundlesResource {
    private static final String AUDIT = "io.lanvan.audit";
    /** Capabilities that keep the server governed; see the class comment. */
    static final Map<String, String> REQUIRED = Map.of(
            AUDIT, "every admin action must be recorded in the audit log",
            "io.lanvan.admin", "it is the admin API itself");

    private final BundleContext context;
    /** Optional and dynamic: bundles can be managed while the audit capability is stopped. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public BundlesResource(BundleContext context) {
        this.context = context;
    }

    public record BundleView(long id, String symbolicName, String name, String version, String state, String kind,
                             boolean canStop) {}

    @GET
    public List<BundleView> list() {
        return Arrays.stream(context.getBundles()).map(BundlesResource::view).toList();
    }

    @POST
    @Path("{name}/start")
    public BundleView start(@PathParam("name") String name, @Context HttpServletRequest request) {
        Bundle bundle = manageable(name);
        AuditLog log = audit;
        if (log == null && name.equals(AUDIT)) {
            // The one start that cannot be recorded first: it brings the audit log back, and is recorded by it.
            startAudit(bundle, request);
            return view(bundle);
        }
        Admins.recordFirst(log, request, "admin.bundle.start", name, Map.of("version", bundle.getVersion().toString()));
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new ProblemException(409, "Conflict", name + " could not be started: " + e.getMessage());
        }
        return view(bundle);
    }

    @POST
    @Path("{name}/stop")
    public BundleView stop(@PathParam("name") String name, @Context HttpServletRequest request) {
        Bundle bundle = manageable(name);
        if (REQUIRED.containsKey(name) || bundle.getBundleId() == context.getBundle().getBundleId()) {
            throw new ProblemException(409, "Conflict", name + " cannot be stopped from the admin API: "
                    + REQUIRED.getOrDefault(name, "it is the admin API itself") + ".");
        }
        Admins.recordFirst(audit, request, "admin.bundle.stop", name, Map.of("version", bundle.getVersion().toString()));
        try {
            bundle.stop();
        } catch (BundleException e) {
            throw new ProblemException(409, "Conflict", name + " could not be stopped: " + e.getMessage());
        }
        return view(bundle);
    }

    private void startAudit(Bundle bundle, HttpServletRequest request) {
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new ProblemException(409, "Conflict", AUDIT + " could not be started: " + e.getMessage());
        }
        AuditLog log = audit;
        if (log != null) {
            AuditTrail.recordLater(log, AuditTrail.event("admin.bundle.start", Admins.username(request), AUDIT,
                    Map.of("version", bundle.getVersion().toString())));
        }
    }

    private Bundle manageable(String name) {
        Bundle bundle = Arrays.stream(context.getBundles()).filter(candidate -> name.equals(candidate.getSymbolicName()))
                .findFirst().orElseThrow(() -> ProblemException.notFound("No bundle named '" + name + "'"));
        if (!isOptional(bundle)) {
            throw new ProblemException(403, "Forbidden", name + " is part of the platform and cannot be started or stopped here.");
        }
        return bundle;
    }

    private static boolean canStop(Bundle bundle) {
        return isOptional(bundle) && !REQUIRED.containsKey(bundle.getSymbolicName());
    }

    private static boolean isOptional(Bundle bundle) {
        BundleKind kind = BundleKind.of(bundle);
        return kind == BundleKind.CAPABILITY || kind == BundleKind.PLUGIN;
    }

    /** The kind as admins see it; a header value LANVan does not know counts as a plugin, the least trusted kind. */
    static String kindOf(Bundle bundle) {
        return BundleKind.of(bundle).label();
    }

    private static BundleView view(Bundle bundle) {
        String name = bundle.getHeaders("").get("Bundle-Name");
        return new BundleView(bundle.getBundleId(), bundle.getSymbolicName(), name == null ? bundle.getSymbolicName() : name,
                bundle.getVersion().toString(), state(bundle.getState()), kindOf(bundle), canStop(bundle));
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
