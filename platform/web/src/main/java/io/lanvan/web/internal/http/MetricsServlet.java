package io.lanvan.web.internal.http;

import io.lanvan.web.internal.Metrics;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /metrics}: the Prometheus text exposition of the server's meters. Metrics tell a lot
 * about a server (devices, transfers, memory), so they are answered to the addresses of
 * {@link MetricsConfig#metricsAllow()} (this machine by default) or to a scraper that shows the
 * bearer token, on top of the admin address lists the access filter applies.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfig.PID)
@HttpWhiteboardServletPattern("/metrics")
@HttpWhiteboardServletName("lanvan-metrics")
@Designate(ocd = MetricsConfig.class)
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String BEARER = "Bearer ";

    private final transient Metrics metrics;
    private transient volatile Access access;

    private record Access(List<AddressRange> allowed, byte[] token) {}

    @Activate
    public MetricsServlet(@Reference Metrics metrics, MetricsConfig config) {
        this.metrics = metrics;
        this.access = accessOf(config);
    }

    @Modified
    void modified(MetricsConfig config) {
        this.access = accessOf(config);
    }

    private static Access accessOf(MetricsConfig config) {
        return new Access(AddressRange.parseAll("metricsAllow", config.metricsAllow()),
                config.bearerToken().strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Access current = access;
        if (!permitted(current, request)) {
            refuse(current, request, response);
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean permitted(Access access, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return access.allowed().stream().anyMatch(range -> range.contains(address)) || tokenShown(access, request);
    }

    private static boolean tokenShown(Access access, HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (access.token().length == 0 || authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] shown = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(shown, access.token());
    }

    private static void refuse(Access access, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (access.token().length == 0) {
            ProblemWriter.write(response, 403, "Forbidden", "Metrics may not be read from " + request.getRemoteAddr()
                    + "; add it to metricsAllow in etc/io.lanvan.metrics.cfg or configure a bearerToken.");
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"LANVan metrics\"");
        ProblemWriter.write(response, 401, "Unauthorized", "Metrics from " + request.getRemoteAddr()
                + " need the bearer token configured in etc/io.lanvan.metrics.cfg (Authorization: Bearer <token>).");
    }
}
