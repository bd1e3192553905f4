package io.lanvan.admin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Guards {@code /api/admin}: every call but signing in needs a live session cookie (401 otherwise);
 * every state-changing call must echo the session's CSRF token in {@value #CSRF_HEADER} (403
 * otherwise); until the first password is changed, only that change, the session and sign-out work.
 */
/* Also registered as itself: the admin resources reference it, so they are served only while it guards them. */
@Component(service = {Filter.class, AdminGate.class}, property = "service.ranking:Integer=50")
@HttpWhiteboardFilterPattern("/api/admin/*")
@HttpWhiteboardFilterName("lanvan-admin-gate")
public final class AdminGate implements Filter {
    static final String COOKIE = "__Host-lanvan-admin";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_ATTRIBUTE = "lanvan.admin.session";
    static final String TOKEN_ATTRIBUTE = "lanvan.admin.token";
    private static final String SESSION_PATH = "/api/admin/session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminAuth auth;

    @Activate
    public AdminGate(@Reference AdminAuth auth) {
        this.auth = auth;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI();
        response.setHeader("Cache-Control", "no-store");
        if (path.equals(SESSION_PATH) && "POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String token = tokenOf(request).orElse(null);
        Optional<AdminSession> session = auth.session(token);
        if (session.isEmpty()) {
            refuse(response, 401, "Unauthorized", "Sign in first: no admin session, or it has expired.");
            return;
        }
        boolean changing = !SAFE_METHODS.contains(request.getMethod());
        if (changing && !csrfMatches(request.getHeader(CSRF_HEADER), session.get().csrfToken())) {
            refuse(response, 403, "Forbidden", "Missing or wrong " + CSRF_HEADER + " header.");
            return;
        }
        if (session.get().mustChangePassword() && !path.startsWith(SESSION_PATH)) {
            refuse(response, 403, "Forbidden", "Change the initial admin password first (PUT " + SESSION_PATH + "/password).");
            return;
        }
        request.setAttribute(SESSION_ATTRIBUTE, session.get());
        request.setAttribute(TOKEN_ATTRIBUTE, token);
        chain.doFilter(request, response);
    }

    static Optional<String> tokenOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean csrfMatches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    static void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
