package io.lanvan.api.socket;

import org.osgi.annotation.versioning.ProviderType;

/** One client connection on {@code /ws}, as the platform shows it to handlers. */
@ProviderType
public interface SocketSession {
    /** A server-assigned id, unique while the server runs. */
    String id();

    /** The client's IP address as the server saw it (no reverse lookup). */
    String remoteAddress();

    /**
     * The host and port the client addressed, as its {@code Host} header named them, in lower case
     * (e.g. {@code lanvan.corp.example:8443}); empty when that host is not one this server answers for
     * (a name or address of its HTTPS certificate). A handler that asks a client to sign something
     * binds the signature to this, so that a signature made for another server is worthless here.
     * @since 1.2
     */
    String host();

    /** Queues one JSON text frame; never blocks. A client too slow to drain its queue is closed. */
    void send(String json);

    /** Sends {@code {"type":"error","code":...,"message":...}}, echoing the id of the offending message when given. */
    void sendError(String code, String message, String inReplyTo);

    /** Closes with a WebSocket close code (e.g. 1008 policy violation) and a short reason. */
    void close(int code, String reason);

    boolean isOpen();
}
