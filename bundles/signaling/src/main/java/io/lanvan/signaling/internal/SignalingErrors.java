package io.lanvan.signaling.internal;

/** Error codes signaling adds to the platform's (see docs/protocol.md). */
final class SignalingErrors {
    static final String HELLO_REQUIRED = "hello-required";
    static final String PEER_UNAVAILABLE = "peer-unavailable";
    static final String PAIRING_FAILED = "pairing-failed";
    static final String RELAY_UNAVAILABLE = "relay-unavailable";
    static final String POLICY_REFUSED = "policy-refused";
    static final String DEVICE_REFUSED = "device-refused";
    /** A quota of the device or its address is used up (connections, open transfers); the message names it. */
    static final String LIMIT_REACHED = "limit-reached";

    private SignalingErrors() {
    }
}
