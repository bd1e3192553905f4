package io.lanvan.api.socket;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers the message types named in its {@value #TYPES} service property on the {@code /ws}
 * socket. The platform has already checked size, rate and that the frame is a JSON object with a
 * valid {@code type}; a handler validates the rest and answers mistakes with
 * {@link SocketSession#sendError}. When the handler's bundle stops, its types answer
 * {@value SocketErrors#CAPABILITY_UNAVAILABLE} until it comes back.
 *
 * <pre>{@code
 * @Component(property = SocketHandler.TYPES + "=presence.join")
 * public final class PresenceHandler implements SocketHandler { ... }
 * }</pre>
 */
@ConsumerType
public interface SocketHandler {
    /** Service property: the message types (a String or String[]) this handler answers. */
    String TYPES = "lanvan.socket.types";

    /** One validated message; called on a platform thread, never concurrently for the same session. */
    void onMessage(SocketSession session, SocketMessage message);

    /** A client connected; every handler hears of every connection. */
    default void onOpen(SocketSession session) {
    }

    /** A client disconnected or was closed by the server. */
    default void onClose(SocketSession session) {
    }
}
