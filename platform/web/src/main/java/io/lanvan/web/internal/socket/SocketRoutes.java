package io.lanvan.web.internal.socket;

import io.lanvan.api.socket.SocketErrors;
import io.lanvan.api.socket.SocketRoute;
import io.lanvan.web.internal.WebConfig;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every {@link SocketRoute} service a whiteboard servlet at its path that upgrades to a
 * WebSocket; when the route's service leaves, its servlet is unregistered and its connections are
 * closed with 1001, so a stopped capability takes its endpoint with it.
 */
@Component(service = {}, immediate = true, configurationPid = WebConfig.PID)
public final class SocketRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SocketRoutes.class);
    private static final Pattern PATH = Pattern.compile("/ws(/[a-z0-9-]+)+");
    private static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    private final BundleContext context;
    private volatile long idleMillis;
    private final Map<SocketRoute, Mounted> mounted = new ConcurrentHashMap<>();

    private record Mounted(ServiceRegistration<Servlet> registration, Set<RouteConnection> connections) {}

    @Activate
    public SocketRoutes(BundleContext context, WebConfig config) {
        this.context = context;
        this.idleMillis = config.socketIdleSeconds() * 1000L;
    }

    /** New connections get the new idle limit; the routes stay mounted. */
    @Modified
    void modified(WebConfig config) {
        this.idleMillis = config.socketIdleSeconds() * 1000L;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRoute(SocketRoute route, Map<String, Object> properties) {
        Object path = properties.get(SocketRoute.PATH);
        if (!(path instanceof String prefix) || !PATH.matcher(prefix).matches()) {
            LOG.warn("Ignoring socket route {}: {} must look like /ws/name, was {}", route, SocketRoute.PATH, path);
            return;
        }
        int maxFrameBytes = properties.get(SocketRoute.MAX_FRAME_BYTES) instanceof Integer max ? max : DEFAULT_MAX_FRAME_BYTES;
        Set<RouteConnection> connections = ConcurrentHashMap.newKeySet();
        Hashtable<String, Object> servlet = new Hashtable<>();
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, new String[] {prefix, prefix + "/*"});
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "socket-route:" + prefix);
        ServiceRegistration<Servlet> registration = context.registerService(Servlet.class,
                new RouteServlet(route, prefix, maxFrameBytes, connections), servlet);
        mounted.put(route, new Mounted(registration, connections));
        LOG.info("WebSocket route {} is open", prefix);
    }

    void removeRoute(SocketRoute route, Map<String, Object> properties) {
        Mounted gone = mounted.remove(route);
        if (gone != null) {
            unmount(gone);
            LOG.info("WebSocket route {} is closed", properties.get(SocketRoute.PATH));
        }
    }

    private static void unmount(Mounted gone) {
        try {
            gone.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            LOG.debug("Route servlet already unregistered");
        }
        gone.connections().forEach(connection -> connection.close(SocketErrors.CLOSE_GOING_AWAY, "Capability stopped"));
    }

    @Deactivate
    void deactivate() {
        mounted.values().forEach(SocketRoutes::unmount);
        mounted.clear();
    }

    private final class RouteServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient SocketRoute route;
        private final String prefix;
        private final int maxFrameBytes;
        private final transient Set<RouteConnection> connections;

        RouteServlet(SocketRoute route, String prefix, int maxFrameBytes, Set<RouteConnection> connections) {
            this.route = route;
            this.prefix = prefix;
            this.maxFrameBytes = maxFrameBytes;
            this.connections = connections;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                response.setHeader("Upgrade", "websocket");
                response.sendError(426, "Connect to " + prefix + " with a WebSocket client.");
                return;
            }
            if (!Upgrades.sameOrigin(request)) {
                response.sendError(403, "WebSocket connections are accepted from this server's own pages only.");
                return;
            }
            Map<String, String> query = new LinkedHashMap<>();
            request.getParameterMap().forEach((name, values) -> query.put(name, values.length > 0 ? values[0] : ""));
            String subPath = request.getPathInfo() == null ? "" : request.getPathInfo();
            RouteConnection connection = new RouteConnection(route, subPath, query, request.getRemoteAddr(),
                    maxFrameBytes, idleMillis, connections);
            Upgrades.upgrade(getServletContext(), request, response, connection, prefix);
        }
    }
}
