package io.lanvan.web.internal.socket;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** The checks and the upgrade every WebSocket route of the platform shares. */
final class Upgrades {
    private Upgrades() {
    }

    /** Non-browser clients send no Origin; a browser's Origin must name the host it connected to. */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * Upgrades through {@link ServerContainer#upgradeHttpToWebSocket}, found as a servlet context
     * attribute (Felix HTTP sets it when Jakarta WebSocket is enabled).
     */
    static void upgrade(ServletContext context, HttpServletRequest request, HttpServletResponse response,
                        Endpoint endpoint, String path) throws IOException, ServletException {
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            response.sendError(503, "WebSocket support is not available on this server.");
            return;
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpoint.getClass(), path)
                .configurator(new SocketConfigurator(endpoint))
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException("WebSocket upgrade failed", e);
        }
    }
}
