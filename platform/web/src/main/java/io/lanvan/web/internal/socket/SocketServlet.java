package io.lanvan.web.internal.socket;

import io.lanvan.web.internal.WebConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /ws}: upgrades with {@link ServerContainer#upgradeHttpToWebSocket} from a whiteboard
 * servlet, so the route disappears with this component (ServerContainer.addEndpoint could never
 * be undone; see STACK.md). Browsers must connect from this origin: another site's page cannot
 * ride a user's connection.
 */
@Component(service = Servlet.class, configurationPid = WebConfig.PID)
@HttpWhiteboardServletPattern("/ws")
@HttpWhiteboardServletName("lanvan-socket")
public final class SocketServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient SocketDispatcher dispatcher;
    private transient volatile SocketLimits limits;

    @Activate
    public SocketServlet(@Reference SocketDispatcher dispatcher, WebConfig config) {
        this.dispatcher = dispatcher;
        this.limits = SocketLimits.of(config);
    }

    @Modified
    void modified(WebConfig config) {
        this.limits = SocketLimits.of(config);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Upgrade", "websocket");
            response.sendError(426, "Connect to /ws with a WebSocket client.");
            return;
        }
        if (!sameOrigin(request)) {
            response.sendError(403, "WebSocket connections are accepted from this server's own pages only.");
            return;
        }
        ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            response.sendError(503, "WebSocket support is not available on this server.");
            return;
        }
        SocketConnection connection = new SocketConnection(dispatcher, limits, dispatcher.nextConnectionId(),
                request.getRemoteAddr(), dispatcher.json());
        ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(SocketConnection.class, "/ws")
                .configurator(new SocketConfigurator(connection))
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, endpoint, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException("WebSocket upgrade failed", e);
        }
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
}
