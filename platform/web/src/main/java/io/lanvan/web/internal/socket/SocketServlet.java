package io.lanvan.web.internal.socket;

import io.lanvan.web.internal.WebConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
        if (!Upgrades.sameOrigin(request)) {
            response.sendError(403, "WebSocket connections are accepted from this server's own pages only.");
            return;
        }
        SocketConnection connection = new SocketConnection(dispatcher, limits, dispatcher.nextConnectionId(),
                request.getRemoteAddr(), dispatcher.json());
        Upgrades.upgrade(getServletContext(), request, response, connection, "/ws");
    }
}
