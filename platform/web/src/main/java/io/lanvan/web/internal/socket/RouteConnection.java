package io.lanvan.web.internal.socket;

import io.lanvan.api.socket.SocketChannel;
import io.lanvan.api.socket.SocketListener;
import io.lanvan.api.socket.SocketRoute;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection of a {@link SocketRoute}: the platform's side of {@link SocketChannel}. */
public final class RouteConnection extends Endpoint implements SocketChannel {
    private static final Logger LOG = LoggerFactory.getLogger(RouteConnection.class);

    private final SocketRoute route;
    private final String subPath;
    private final Map<String, String> query;
    private final String remoteAddress;
    private final int maxFrameBytes;
    private final long idleMillis;
    private final Set<RouteConnection> live;
    private volatile Session session;
    private volatile SocketListener listener = SocketListener.IGNORE;

    RouteConnection(SocketRoute route, String subPath, Map<String, String> query, String remoteAddress,
                    int maxFrameBytes, long idleMillis, Set<RouteConnection> live) {
        this.route = route;
        this.subPath = subPath;
        this.query = query;
        this.remoteAddress = remoteAddress;
        this.maxFrameBytes = maxFrameBytes;
        this.idleMillis = idleMillis;
        this.live = live;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        live.add(this);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxIdleTimeout(idleMillis);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) frame -> listener.onBinary(frame));
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frame -> listener.onText(frame));
        try {
            listener = route.open(this, subPath, query);
        } catch (RuntimeException e) {
            LOG.error("Socket route {} failed to open {}", route, subPath, e);
            close(1011, "The server failed to open this connection");
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        live.remove(this);
        try {
            listener.onClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        } catch (RuntimeException e) {
            LOG.error("Socket route {} failed on close", route, e);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.debug("Route connection {} failed: {}", subPath, failure.toString());
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void sendBinary(ByteBuffer frame) throws IOException {
        Session current = session;
        if (current == null || !current.isOpen()) {
            throw new IOException("Connection is closed");
        }
        synchronized (this) {
            current.getBasicRemote().sendBinary(frame);
        }
    }

    @Override
    public void close(int code, String reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Closing route connection failed: {}", e.toString());
        }
    }

    @Override
    public boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen();
    }
}
