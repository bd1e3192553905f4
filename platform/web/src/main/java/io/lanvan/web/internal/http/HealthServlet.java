package io.lanvan.web.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.web.internal.Readiness;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code /health/live} (the process answers) and {@code /health/ready} (every capability meant to run is up). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/health/live", "/health/ready"})
@HttpWhiteboardServletName("lanvan-health")
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Readiness readiness;

    @Activate
    public HealthServlet(@Reference Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> problems = "/health/ready".equals(request.getServletPath()) ? readiness.problems() : List.of();
        response.setStatus(problems.isEmpty() ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), problems.isEmpty()
                ? Map.of("status", "UP")
                : Map.of("status", "DOWN", "problems", problems));
    }
}
