package io.lanvan.api.socket;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A WebSocket endpoint of its own, below the path in its {@value #PATH} service property (e.g.
 * {@code /ws/relay} serves {@code /ws/relay/<anything>}), for traffic that does not fit the
 * JSON messages of {@code /ws}: binary streams such as the relay. The platform upgrades the
 * request (same-origin browsers only), enforces the frame size in {@value #MAX_FRAME_BYTES}, and
 * removes the route, closing its connections with 1001, when the service goes away.
 */
@ConsumerType
public interface SocketRoute {
    /** Service property: the path prefix, starting with {@code /ws/}. */
    String PATH = "lanvan.socket.path";
    /** Service property (Integer): the largest frame accepted, text or binary; larger closes with 1009. */
    String MAX_FRAME_BYTES = "lanvan.socket.max.frame.bytes";

    /**
     * A client connected to {@code PATH + subPath}. Return the listener for its frames; to refuse the
     * connection, close the channel (e.g. 1008 with a reason) and return {@link SocketListener#IGNORE}.
     */
    SocketListener open(SocketChannel channel, String subPath, Map<String, String> query);
}
