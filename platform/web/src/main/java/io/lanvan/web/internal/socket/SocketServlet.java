package io.lanvan.web.internal.socket;

import io.lanvan.api.policy.Policy;
import io.lanvan.api.policy.PolicyService;
import io.lanvan.web.internal.WebConfig;
import io.lanvan.web.internal.http.ServerNames;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /ws}: upgrades with {@link ServerContainer#upgradeHttpToWebSocket} from a whiteboard
 * servlet, so the route disappears with this component (ServerContainer.addEndpoint could never
 * be undone; see docs/runtime-stack.md, WebSocket). Browsers must connect from this origin: another site's page cannot
 * ride a user's connection.
 */
@Component(service = Servlet.class, configurationPid = WebConfig.PID)
@HttpWhiteboardServletPattern("/ws")
@HttpWhiteboardServletName("lanvan-socket")
public final class SocketServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient SocketDispatcher dispatcher;
    private final transient ConnectionRate connections = new ConnectionRate();
    private final transient ServerNames names;
    /** Optional and dynamic on purpose: the policy capability may be stopped; the configured limits apply then. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PolicyService policies;
    private transient volatile SocketLimits limits;

    @Activate
    public SocketServlet(@Reference SocketDispatcher dispatcher, WebConfig config, BundleContext context) {
        this.dispatcher = dispatcher;
        this.names = ServerNames.ofCertificate(context);
        this.limits = SocketLimits.of(config);
    }

    @Modified
    void modified(WebConfig config) {
        this.limits = SocketLimits.of(config);
    }

    private Policy policyOrNull() {
        PolicyService current = policies;
        return current == null ? null : current.current();
    }

    /** The policy's frame rate, when the policy capability runs, over the configured one. */
    private SocketLimits limitsUnderPolicy() {
        Policy policy = policyOrNull();
        SocketLimits configured = limits;
        return policy == null ? configured : new SocketLimits(configured.maxTextBytes(), policy.framesPerSecond(),
                Math.max(configured.frameBurst(), policy.framesPerSecond()), configured.idleMillis());
    }

    /**
     * The Host header when it names this server (see {@link io.lanvan.api.socket.SocketSession#host}).
     * Without readable certificate names every host is taken at its word, as before.
     */
    private String addressedHost(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || names.known() && !names.owns(request.getServerName())) {
            return "";
        }
        return host.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Upgrade", "websocket");
            response.sendError(426, "Connect to /ws with a WebSocket client.");
            return;
        }
        if (!connections.admit(request.getRemoteAddr(), policyOrNull())) {
            response.sendError(429, "Too many connections from this address; wait a minute.");
            return;
        }
        if (!Upgrades.sameOrigin(request)) {
            response.sendError(403, "WebSocket connections are accepted from this server's own pages only.");
            return;
        }
        SocketConnection connection = new SocketConnection(dispatcher, limitsUnderPolicy(), dispatcher.nextConnectionId(),
                request.getRemoteAddr(), addressedHost(request), dispatcher.json());
        Upgrades.upgrade(getServletContext(), request, response, connection, "/ws");
    }
}
