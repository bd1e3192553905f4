package io.lanvan.signaling.internal;

import io.lanvan.api.socket.SocketSession;

/** A connected device, as signaling knows it after its hello. */
final class Peer {
    private final String peerId;
    private final String deviceId;
    private final String platform;
    private final String identityKey;
    private final String networkRoom;
    private final SocketSession session;
    private final java.time.Instant connectedAt = java.time.Instant.now();
    private volatile String name;

    Peer(String peerId, String deviceId, String name, String platform, String identityKey, String networkRoom,
         SocketSession session) {
        this.peerId = peerId;
        this.deviceId = deviceId;
        this.name = name;
        this.platform = platform;
        this.identityKey = identityKey;
        this.networkRoom = networkRoom;
        this.session = session;
    }

    String peerId() {
        return peerId;
    }

    String deviceId() {
        return deviceId;
    }

    String name() {
        return name;
    }

    void rename(String name) {
        this.name = name;
    }

    String platform() {
        return platform;
    }

    String identityKey() {
        return identityKey;
    }

    String networkRoom() {
        return networkRoom;
    }

    java.time.Instant connectedAt() {
        return connectedAt;
    }

    SocketSession session() {
        return session;
    }
}
