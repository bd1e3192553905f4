package io.lanvan.web.internal.http;

import io.lanvan.web.internal.WebConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/** Adds HSTS (on HTTPS), CSP, frame-ancestors, nosniff and a strict referrer policy to every response. */
@Component(service = Filter.class, configurationPid = WebConfig.PID, property = "service.ranking:Integer=120")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("lanvan-security-headers")
public final class SecurityHeadersFilter implements Filter {
    private volatile WebConfig config;

    @Activate
    public SecurityHeadersFilter(WebConfig config) {
        this.config = config;
    }

    @Modified
    void modified(WebConfig config) {
        this.config = config;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        WebConfig current = config;
        if (request.isSecure() && current.hstsMaxAgeSeconds() > 0) {
            http.setHeader("Strict-Transport-Security", "max-age=" + current.hstsMaxAgeSeconds());
        }
        http.setHeader("Content-Security-Policy", current.contentSecurityPolicy());
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("Referrer-Policy", "no-referrer");
        http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        // camera=(self): the page scans the QR code of a safety code (docs/security.md, "Verifying devices").
        http.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
        chain.doFilter(request, response);
    }
}
