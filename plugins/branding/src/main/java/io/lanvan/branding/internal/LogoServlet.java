package io.lanvan.branding.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code GET /branding/logo}: the configured logo file, or 404 when there is none. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(LogoServlet.PATH)
@HttpWhiteboardServletName("lanvan-branding-logo")
public final class LogoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PATH = "/branding/logo";

    private final transient BrandingService branding;

    @Activate
    public LogoServlet(@Reference BrandingService branding) {
        this.branding = branding;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Path> logo = branding.current().logo();
        if (logo.isEmpty() || !Files.isReadable(logo.get())) {
            response.sendError(404, "No logo is configured.");
            return;
        }
        response.setContentType(Branding.contentType(logo.get()));
        response.setHeader("Cache-Control", "no-cache");
        // An SVG logo must never run script, even when opened directly.
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
        Files.copy(logo.get(), response.getOutputStream());
    }
}
