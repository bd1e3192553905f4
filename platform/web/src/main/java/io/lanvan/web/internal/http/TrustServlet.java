package io.lanvan.web.internal.http;

import io.lanvan.api.platform.LaunchProperties;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /ca.crt}: the local CA certificate that signed this server's certificate, and {@code /trust}:
 * how to install it. Both are served on the plain HTTP port too, since a device needs them before
 * it trusts HTTPS.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({TrustServlet.CERTIFICATE_PATH, TrustServlet.PAGE_PATH})
@HttpWhiteboardServletName("lanvan-trust")
public final class TrustServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String CERTIFICATE_PATH = "/ca.crt";
    static final String PAGE_PATH = "/trust";
    /** Framework property the launcher sets to the PEM file of the CA, absent when an admin's own certificate has no local CA. */

    private final transient Optional<Path> caCertificate;

    @Activate
    public TrustServlet(BundleContext context) {
        this.caCertificate = Optional.ofNullable(context.getProperty(LaunchProperties.TLS_CA)).map(Path::of);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (CERTIFICATE_PATH.equals(request.getServletPath())) {
            sendCertificate(response);
        } else {
            sendPage(response);
        }
    }

    private void sendCertificate(HttpServletResponse response) throws IOException {
        if (caCertificate.isEmpty() || !Files.isReadable(caCertificate.get())) {
            response.sendError(404, "This server uses a certificate from your organisation's own CA; ask IT for it.");
            return;
        }
        response.setContentType("application/x-x509-ca-cert");
        response.setHeader("Content-Disposition", "attachment; filename=\"lanvan-ca.crt\"");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = Files.newInputStream(caCertificate.get())) {
            in.transferTo(response.getOutputStream());
        }
    }

    private void sendPage(HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream page = TrustServlet.class.getResourceAsStream("trust.html")) {
            response.getOutputStream().write(page.readAllBytes());
        }
    }
}
