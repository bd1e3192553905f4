package io.lanvan.api.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/** One connection of a {@link SocketRoute}, as the platform shows it to the route. */
@ProviderType
public interface SocketChannel {
    /** The client's IP address as the server saw it. */
    String remoteAddress();

    /** Sends one binary frame, blocking until it is handed to the network: callers feel the receiver's pace. */
    void sendBinary(ByteBuffer frame) throws IOException;

    /** Closes with a WebSocket close code and a short reason; does nothing when already closed. */
    void close(int code, String reason);

    boolean isOpen();
}
