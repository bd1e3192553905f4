package io.lanvan.web.internal.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * TRACE is answered 405: a plain servlet echoes the request back, session cookie included, which
 * turns any script or proxy that can send it into a way to read the admin's cookie (cross-site
 * tracing). Nothing in LANVan uses it, nor TRACK or CONNECT.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=109")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("lanvan-trace-refusal")
public final class TraceRefusalFilter implements Filter {
    private static final Set<String> REFUSED = Set.of("TRACE", "TRACK", "CONNECT");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = ((HttpServletRequest) request).getMethod().toUpperCase(Locale.ROOT);
        if (REFUSED.contains(method)) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            ProblemWriter.write(http, 405, "Method Not Allowed", method + " is not served here.");
            return;
        }
        chain.doFilter(request, response);
    }
}
