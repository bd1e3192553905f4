package io.lanvan.signaling.internal;

/** A message field that breaks its rule; the message names the field and the rule, and is sent to the client. */
final class InvalidField extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidField(String message) {
        super(message, null, false, false);
    }
}
