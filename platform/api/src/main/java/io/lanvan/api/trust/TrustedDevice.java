package io.lanvan.api.trust;

import java.time.Instant;
import java.util.List;

/**
 * A device the server knows. {@code identityKey} (SPKI, base64url) is empty for a device approved or
 * revoked by id before it was ever seen; {@code decidedBy}/{@code decidedAt} name the last decision
 * (empty/null when none). {@code addresses} are the last few it joined from, newest first.
 */
public record TrustedDevice(String deviceId, String identityKey, String name, String platform, DeviceStatus status,
                            Instant firstSeen, Instant lastSeen, List<String> addresses, String decidedBy,
                            Instant decidedAt, Reputation reputation) {
    public TrustedDevice {
        addresses = List.copyOf(addresses);
    }
}
