package io.lanvan.api.trust;

import java.util.Locale;

/** What can happen to a device's reputation. */
public enum ReputationEvent {
    /** A transfer with the device completed (as the other party reported). */
    COMPLETED,
    FAILED,
    /** A piece it sent failed its hash. */
    HASH_MISMATCH,
    /** The device's offer was declined. */
    DECLINED,
    /** The device cancelled a transfer. */
    CANCELLED,
    /** A person reported the device. */
    REPORTED;

    /** The lower-case, dashed name used in history and audit. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
