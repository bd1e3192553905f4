package io.lanvan.web.internal.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.socket.SocketErrors;
import io.lanvan.api.socket.SocketHandler;
import io.lanvan.api.socket.SocketMessage;
import io.lanvan.web.internal.Metrics;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each message on {@code /ws} to the handler service that declared its type, and tells
 * every handler about connections opening and closing. Handlers come and go with their bundles
 * (a dynamic reference on purpose): a type whose handler left answers "capability unavailable",
 * and the sockets that watch capabilities ({@link CapabilityWatch}) are told.
 */
@Component(service = SocketDispatcher.class)
public final class SocketDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SocketDispatcher.class);
    static final String PING = "ping";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, SocketHandler> byType = new ConcurrentHashMap<>();
    private final Set<String> everAnswered = ConcurrentHashMap.newKeySet();
    private final List<SocketHandler> handlers = new CopyOnWriteArrayList<>();
    private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong();
    private final Metrics metrics;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "lanvan-socket-timers"));
    private final CapabilityWatch capabilities;

    @Activate
    public SocketDispatcher(BundleContext context, @Reference Metrics metrics) {
        this.metrics = metrics;
        this.capabilities = new CapabilityWatch(context, this::answeredTypes, json, timers);
        metrics.registry().gaugeCollectionSize("lanvan.socket.connections", List.of(), open);
        capabilities.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(SocketHandler handler, Map<String, Object> properties) {
        for (String type : typesOf(properties)) {
            SocketHandler previous = byType.putIfAbsent(type, handler);
            if (previous != null && previous != handler) {
                LOG.warn("Message type '{}' is already answered by {}; ignoring {}", type, previous, handler);
            }
            everAnswered.add(type);
        }
        handlers.add(handler);
        open.forEach(connection -> notifyOpen(handler, connection));
        capabilities.changed();
    }

    void removeHandler(SocketHandler handler, Map<String, Object> properties) {
        handlers.remove(handler);
        for (String type : typesOf(properties)) {
            byType.remove(type, handler);
        }
        capabilities.removed();
    }

    /** The message types answered right now: the platform's own and those of the running capabilities. */
    private Set<String> answeredTypes() {
        Set<String> types = new TreeSet<>(byType.keySet());
        types.add(PING);
        types.add(CapabilityWatch.WATCH);
        return types;
    }

    String nextConnectionId() {
        return Long.toString(nextId.incrementAndGet(), 36) + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    ObjectMapper json() {
        return json;
    }

    void opened(SocketConnection connection) {
        open.add(connection);
        handlers.forEach(handler -> notifyOpen(handler, connection));
    }

    void closed(SocketConnection connection) {
        capabilities.forget(connection);
        if (open.remove(connection)) {
            for (SocketHandler handler : handlers) {
                try {
                    handler.onClose(connection);
                } catch (RuntimeException e) {
                    LOG.error("Socket handler {} failed on close of {}", handler, connection.id(), e);
                }
            }
        }
    }

    void dispatch(SocketConnection connection, SocketMessage message) {
        count(message.type());
        if (PING.equals(message.type())) {
            connection.send(json.createObjectNode().put("type", "pong").put("id", message.id())
                    .put("serverTime", Instant.now().toString()).toString());
            return;
        }
        if (CapabilityWatch.WATCH.equals(message.type())) {
            capabilities.watch(connection, message.id());
            return;
        }
        SocketHandler handler = byType.get(message.type());
        if (handler == null) {
            boolean known = everAnswered.contains(message.type());
            connection.sendError(known ? SocketErrors.CAPABILITY_UNAVAILABLE : SocketErrors.UNKNOWN_TYPE,
                    known ? "The capability answering '" + message.type() + "' is stopped"
                          : "Unknown message type '" + message.type() + "'", message.id());
            return;
        }
        try {
            handler.onMessage(connection, message);
        } catch (RuntimeException e) {
            LOG.error("Socket handler for '{}' failed", message.type(), e);
            connection.sendError(SocketErrors.SERVER_ERROR, "The server failed to handle '" + message.type() + "'",
                    message.id());
        }
    }

    private void count(String type) {
        String tag = PING.equals(type) || CapabilityWatch.WATCH.equals(type) || byType.containsKey(type) ? type : "other";
        Counter.builder("lanvan.socket.messages").tag("type", tag).register(metrics.registry()).increment();
    }

    private void notifyOpen(SocketHandler handler, SocketConnection connection) {
        try {
            handler.onOpen(connection);
        } catch (RuntimeException e) {
            LOG.error("Socket handler {} failed on open of {}", handler, connection.id(), e);
        }
    }

    private static List<String> typesOf(Map<String, Object> properties) {
        Object types = properties.get(SocketHandler.TYPES);
        if (types instanceof String single) {
            return List.of(single);
        }
        if (types instanceof String[] many) {
            return List.of(many);
        }
        return List.of();
    }

    /** Runs a socket's delayed action (such as closing a flooding client) on the dispatcher's timer. */
    ScheduledFuture<?> schedule(Runnable action, long delayMillis) {
        return timers.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        capabilities.stop();
        timers.shutdownNow();
        open.forEach(connection -> connection.close(SocketErrors.CLOSE_GOING_AWAY, "Server is stopping the socket service"));
    }
}
