package io.lanvan.web.internal.http;

import io.lanvan.api.policy.PolicyService;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Applies the policy's address lists: the admin lists to the console, the admin API and metrics,
 * the client lists to everything else. Health probes are always answered.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=105")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("lanvan-access")
public final class AccessFilter implements Filter {
    /** Optional and dynamic on purpose: without the policy capability every address is allowed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PolicyService policies;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        PolicyService current = policies;
        // The routed path, never the raw URI: "/admin;x/" and "/%61dmin/" are routed to /admin/.
        String path = RequestPath.routedLowerCase((HttpServletRequest) request);
        if (current == null || path.startsWith("/health/")) {
            chain.doFilter(request, response);
            return;
        }
        boolean admin = isAdminPath(path);
        String address = request.getRemoteAddr();
        if (admin ? current.adminAllowed(address) : current.clientAllowed(address)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemWriter.write((HttpServletResponse) response, 403, "Forbidden",
                (admin ? "The admin console may not be used from " : "LANVan may not be used from ")
                        + address + "; ask your IT department.");
    }

    /** Whether a routed path, in lower case, belongs to the admin side. */
    static boolean isAdminPath(String path) {
        return path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/api/admin/")
                || path.equals("/api/admin") || path.equals("/metrics");
    }
}
