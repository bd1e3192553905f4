package io.lanvan.web.internal.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanvan.api.socket.SocketErrors;
import io.lanvan.api.socket.SocketMessage;
import io.lanvan.api.socket.SocketSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client on {@code /ws}: enforces the frame size and rate limits, reads the envelope, hands
 * messages to the dispatcher, and sends replies through a bounded queue so a slow client can never
 * block a handler or grow the server's memory without limit.
 */
public final class SocketConnection extends Endpoint implements SocketSession {
    private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);
    private static final int MAX_QUEUED_FRAMES = 1024;
    private static final long MAX_QUEUED_CHARS = 4L * 1024 * 1024;

    private final SocketDispatcher dispatcher;
    private final SocketLimits limits;
    private final String id;
    private final String remoteAddress;
    private final String host;
    private final FrameRateLimiter rate;
    private final ObjectMapper json;
    private final Object lock = new Object();
    private final Deque<String> outbox = new ArrayDeque<>();
    private static final long FLOOD_QUIET_MS = 150;
    private static final long FLOOD_DRAIN_MS = 2_000;
    private long queuedChars;
    private long floodStartedNanos;
    private ScheduledFuture<?> pendingFloodClose;
    private boolean sending;
    private volatile Session session;

    SocketConnection(SocketDispatcher dispatcher, SocketLimits limits, String id, String remoteAddress, String host,
                     ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.host = host;
        this.json = json;
        this.rate = new FrameRateLimiter(limits.framesPerSecond(), limits.frameBurst(), System::nanoTime);
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.setMaxTextMessageBufferSize(limits.maxTextBytes());
        session.setMaxBinaryMessageBufferSize(limits.maxTextBytes());
        session.setMaxIdleTimeout(limits.idleMillis());
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
        dispatcher.opened(this);
    }

    private void onText(String frame) {
        if (flooding()) {
            return;
        }
        SocketMessage message;
        try {
            message = Envelope.read(json, frame);
        } catch (Envelope.Rejected rejected) {
            sendError(rejected.code, rejected.getMessage(), rejected.inReplyTo);
            return;
        }
        dispatcher.dispatch(this, message);
    }

    private void onBinary(ByteBuffer frame) {
        if (flooding()) {
            return;
        }
        sendError(SocketErrors.BINARY_NOT_ACCEPTED, "This endpoint takes JSON text frames only", null);
    }

    /**
     * Whether this frame is over the rate (or follows one that was): it is dropped, and the socket is
     * closed with 1008 once the client has been quiet for a moment (at most {@value #FLOOD_DRAIN_MS} ms
     * after the first dropped frame). Closing at once, while a flooding browser is still sending, makes
     * the TCP connection reset and the browser see 1006 instead of the reason.
     */
    private boolean flooding() {
        long now = System.nanoTime();
        synchronized (lock) {
            if (floodStartedNanos == 0 && rate.tryAcquire()) {
                return false;
            }
            if (floodStartedNanos == 0) {
                floodStartedNanos = now;
            }
            if (pendingFloodClose != null) {
                pendingFloodClose.cancel(false);
            }
            long drained = TimeUnit.NANOSECONDS.toMillis(now - floodStartedNanos);
            pendingFloodClose = dispatcher.schedule(() -> close(SocketErrors.CLOSE_POLICY_VIOLATION,
                    "Frame rate limit exceeded (" + limits.framesPerSecond() + "/s)"),
                    drained >= FLOOD_DRAIN_MS ? 0 : FLOOD_QUIET_MS);
        }
        return true;
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        synchronized (lock) {
            outbox.clear();
            queuedChars = 0;
        }
        dispatcher.closed(this);
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.debug("Socket {} failed: {}", id, failure.toString());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen();
    }

    @Override
    public void sendError(String code, String message, String inReplyTo) {
        ObjectNode error = json.createObjectNode().put("type", "error").put("code", code).put("message", message);
        if (inReplyTo != null) {
            error.put("inReplyTo", inReplyTo);
        }
        send(error.toString());
    }

    @Override
    public void send(String frame) {
        synchronized (lock) {
            if (!isOpen()) {
                return;
            }
            boolean overloaded = outbox.size() >= MAX_QUEUED_FRAMES || queuedChars + frame.length() > MAX_QUEUED_CHARS;
            if (!overloaded) {
                outbox.add(frame);
                queuedChars += frame.length();
                if (sending) {
                    return;
                }
                sending = true;
            } else {
                outbox.clear();
                queuedChars = 0;
                frame = null;
            }
        }
        if (frame == null) {
            LOG.info("Socket {} from {} closed: it did not read its messages", id, remoteAddress);
            closeQuietly(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Client too slow to receive its messages"));
            return;
        }
        pump();
    }

    /**
     * Sends queued frames one at a time. Jetty may complete a send inline, so whichever side comes
     * second (the callback or the return from sendText) carries on: no recursion, no lost wake-up.
     */
    private void pump() {
        while (true) {
            String next;
            synchronized (lock) {
                next = outbox.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
                queuedChars -= next.length();
            }
            AtomicBoolean handoff = new AtomicBoolean();
            session.getAsyncRemote().sendText(next, result -> {
                if (!result.isOK()) {
                    synchronized (lock) {
                        outbox.clear();
                        queuedChars = 0;
                        sending = false;
                    }
                    return;
                }
                if (handoff.getAndSet(true)) {
                    pump();
                }
            });
            if (!handoff.getAndSet(true)) {
                return;
            }
        }
    }

    @Override
    public void close(int code, String reason) {
        closeQuietly(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    private void closeQuietly(CloseReason reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Closing socket {} failed: {}", id, e.toString());
        }
    }
}
