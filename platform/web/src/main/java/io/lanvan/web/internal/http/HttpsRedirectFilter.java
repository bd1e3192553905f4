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
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * On the plain HTTP port, only the CA certificate, its install page and the liveness probe are
 * served; everything else is sent to the same path on the HTTPS port. Browsers give WebCrypto,
 * the Clipboard API and service workers to secure contexts only. The redirect names the host the
 * client asked for only when the server owns that name ({@link ServerNames}); otherwise it names
 * the address the request arrived at, so a forged Host header cannot send a browser, or a cache
 * between it and the server, elsewhere.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=100")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("lanvan-https-redirect")
public final class HttpsRedirectFilter implements Filter {
    static final Set<String> PLAIN_PATHS = Set.of(TrustServlet.CERTIFICATE_PATH, TrustServlet.PAGE_PATH, "/health/live");

    private final int httpsPort;
    private final ServerNames names;

    @Activate
    public HttpsRedirectFilter(BundleContext context) {
        String port = context.getProperty("org.osgi.service.http.port.secure");
        this.httpsPort = port == null ? 8443 : Integer.parseInt(port.trim());
        this.names = ServerNames.ofCertificate(context);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (request.isSecure() || PLAIN_PATHS.contains(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(308);
        answer.setHeader("Location", secureLocation(http));
        answer.setContentLength(0);
    }

    String secureLocation(HttpServletRequest request) {
        String asked = request.getServerName();
        String host = (names.owns(asked) ? asked : withoutScope(request.getLocalAddr())).toLowerCase(Locale.ROOT);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String query = request.getQueryString();
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + request.getRequestURI()
                + (query == null ? "" : "?" + query);
    }

    private static String withoutScope(String address) {
        int scope = address.indexOf('%');
        return scope < 0 ? address : address.substring(0, scope);
    }
}
