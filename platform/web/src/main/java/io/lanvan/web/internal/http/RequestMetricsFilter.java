package io.lanvan.web.internal.http;

import io.lanvan.web.internal.Metrics;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/** Times every HTTP request, tagged by area (api, ws, static...) and status class, never by raw path. */
@Component(service = Filter.class, property = "service.ranking:Integer=110")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("lanvan-request-metrics")
public final class RequestMetricsFilter implements Filter {
    private final Metrics metrics;

    @Activate
    public RequestMetricsFilter(@Reference Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            int status = ((HttpServletResponse) response).getStatus();
            Timer.builder("lanvan.http.requests")
                    .tag("area", areaOf(((HttpServletRequest) request).getRequestURI()))
                    .tag("status", status / 100 + "xx")
                    .tag("secure", Boolean.toString(request.isSecure()))
                    .register(metrics.registry())
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    static String areaOf(String uri) {
        if (uri.startsWith("/api/")) {
            return "api";
        }
        if (uri.equals("/ws") || uri.startsWith("/ws/")) {
            return "ws";
        }
        if (uri.startsWith("/health/") || uri.equals("/metrics")) {
            return "ops";
        }
        if (uri.startsWith("/admin")) {
            return "admin";
        }
        return "static";
    }
}
