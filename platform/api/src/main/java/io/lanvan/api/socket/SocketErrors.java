package io.lanvan.api.socket;

/** The {@code code} values of error frames, and the close codes, that every client may rely on. */
public final class SocketErrors {
    /** The frame is not valid JSON. */
    public static final String MALFORMED_JSON = "malformed-json";
    /** The frame is JSON but not an object with a valid string {@code type}. */
    public static final String INVALID_FRAME = "invalid-frame";
    /** No capability has ever answered this type. */
    public static final String UNKNOWN_TYPE = "unknown-type";
    /** The capability that answers this type is stopped right now. */
    public static final String CAPABILITY_UNAVAILABLE = "capability-unavailable";
    /** The frame has the right shape but a field is wrong; the message names it. */
    public static final String INVALID_FIELD = "invalid-field";
    /** The handler failed unexpectedly; the server log has the details. */
    public static final String SERVER_ERROR = "server-error";
    /** This endpoint takes text frames only. */
    public static final String BINARY_NOT_ACCEPTED = "binary-not-accepted";

    /** Close code for a client that sent frames faster than its rate limit (RFC 6455 policy violation). */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** Close code for a frame larger than the limit (RFC 6455 message too big). */
    public static final int CLOSE_TOO_BIG = 1009;
    /** Close code when the server or the socket capability shuts down. */
    public static final int CLOSE_GOING_AWAY = 1001;

    private SocketErrors() {
    }
}
