package io.lanvan.api.trust;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a device stands with the admins. */
public enum DeviceStatus {
    /** Seen, not decided by an admin: joins only while anonymous devices are allowed. */
    PENDING,
    APPROVED,
    REVOKED,
    /** Held by the reputation policy until an admin approves it. */
    HELD;

    /** The lower-case name used in the REST API and configuration. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeviceStatus> parse(String value) {
        return Arrays.stream(values()).filter(status -> status.wire().equals(value)).findFirst();
    }
}
