package io.lanvan.signaling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanvan.api.socket.SocketSession;
import java.util.ArrayList;
import java.util.List;

/** A client connection as the platform would hand it over, keeping what the server sends to it. */
final class RecordingSession implements SocketSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String id;
    private final String address;
    private final String host;
    final List<JsonNode> received = new ArrayList<>();

    RecordingSession(String id, String address) {
        this(id, address, TestDevice.HOST);
    }

    RecordingSession(String id, String address, String host) {
        this.id = id;
        this.address = address;
        this.host = host;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return address;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public synchronized void send(String json) {
        try {
            received.add(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError("Server sent invalid JSON: " + json, e);
        }
    }

    @Override
    public void sendError(String code, String message, String inReplyTo) {
        send(JSON.createObjectNode().put("type", "error").put("code", code).put("message", message)
                .put("inReplyTo", inReplyTo).toString());
    }

    /** The close code the server used, 0 while open. */
    volatile int closedWith;

    @Override
    public void close(int code, String reason) {
        closedWith = code;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    synchronized JsonNode last() {
        return received.get(received.size() - 1);
    }

    synchronized JsonNode lastOfType(String type) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (type.equals(received.get(i).path("type").asText())) {
                return received.get(i);
            }
        }
        throw new AssertionError("No '" + type + "' frame among " + received);
    }
}
