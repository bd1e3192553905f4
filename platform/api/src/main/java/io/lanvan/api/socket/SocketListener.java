package io.lanvan.api.socket;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the frames of one {@link SocketRoute} connection, one at a time: the next frame is read
 * from the network only when the previous call returned, so a listener that blocks (for example
 * while forwarding to a slow peer) slows the sender down through TCP.
 */
@ConsumerType
public interface SocketListener {
    /** A listener for a connection that was refused. */
    SocketListener IGNORE = new SocketListener() { };

    default void onBinary(ByteBuffer frame) {
    }

    default void onText(String frame) {
    }

    /** The connection is closed, by either side. */
    default void onClose(int code, String reason) {
    }
}
