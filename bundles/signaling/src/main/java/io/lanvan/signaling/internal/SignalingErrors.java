package io.lanvan.signaling.internal;

/** Error codes signaling adds to the platform's (see docs/protocol.md). */
final class SignalingErrors {
    static final String HELLO_REQUIRED = "hello-required";
    static final String PEER_UNAVAILABLE = "peer-unavailable";
    static final String PAIRING_FAILED = "pairing-failed";
    /** The creator of the pairing code answered the joiner's request with pair.reject. */
    static final String PAIRING_DECLINED = "pairing-declined";
    static final String RELAY_UNAVAILABLE = "relay-unavailable";
    static final String POLICY_REFUSED = "policy-refused";
    static final String DEVICE_REFUSED = "device-refused";
    /** The device did not prove that it holds the key its id derives from; the socket is closed with 1008. */
    static final String IDENTITY_REFUSED = "identity-refused";
    /** A hello of an older protocol (without proof of the device's key): the page must be reloaded. */
    static final String PROTOCOL_OUTDATED = "protocol-outdated";
    /** A quota of the device or its address is used up (connections, open transfers); the message names it. */
    static final String LIMIT_REACHED = "limit-reached";

    /** The trust capability, which a report needs, is not running; try again later. */
    static final String TRUST_UNAVAILABLE = "trust-unavailable";

    private SignalingErrors() {
    }
}
