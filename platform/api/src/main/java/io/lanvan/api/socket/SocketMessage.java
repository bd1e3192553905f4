package io.lanvan.api.socket;

import java.util.Objects;

/**
 * A client's text frame after the platform's checks: its {@code type}, its optional {@code id}
 * (echoed in replies and errors), and the whole frame as JSON text for the handler to read.
 */
public record SocketMessage(String type, String id, String json) {
    public SocketMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }
}
