package io.lanvan.api.policy;

import java.util.Arrays;
import java.util.Optional;

/** Which routes transfers may take. */
public enum DeploymentMode {
    /** Direct WebRTC, with automatic relay fallback. */
    HYBRID("hybrid"),
    /** Direct WebRTC only; the relay is refused. */
    P2P_FIRST("p2p-first"),
    /** No direct WebRTC: every transfer goes through the server's relay (firewalled or audited sites). */
    SERVER_ONLY("server-only");

    private final String wire;

    DeploymentMode(String wire) {
        this.wire = wire;
    }

    /** The name used in configuration, the API and the protocol. */
    public String wire() {
        return wire;
    }

    public static Optional<DeploymentMode> parse(String value) {
        return Arrays.stream(values()).filter(mode -> mode.wire.equals(value)).findFirst();
    }

    public boolean allowsDirect() {
        return this != SERVER_ONLY;
    }

    public boolean allowsRelay() {
        return this != P2P_FIRST;
    }
}
